import {
  ERROR_SCHEMA,
  INBOX_ANSWER_SCHEMA,
  REQUEST_BODY_SCHEMA,
  SUBMIT_ANSWER_SCHEMA,
  WITHDRAWAL_BODY_SCHEMA,
  REPLACEMENT_BODY_SCHEMA,
} from './schemas.js';

import { adminPaths } from './openapi-admin.js';
import { serviceRequestSchemas, serviceRequestUnion } from './openapi-service-requests.js';

/**
 * Every gateway call is signed (authenticate.ts): the three headers together are one security
 * requirement. OpenAPI has no scheme for a per-call signature, so each header is an apiKey scheme
 * and the rule is in the signature's description.
 */
const SECURITY_SCHEMES = {
  party: { type: 'apiKey', in: 'header', name: 'X-Smetsim-Party', description: 'the calling party EUI-64' },
  date: {
    type: 'apiKey',
    in: 'header',
    name: 'X-Smetsim-Date',
    description:
      'RFC 3339 UTC; refused when more than 300 s from the DCC clock (the wall clock under serve --clock virtual or --speed)',
  },
  signature: {
    type: 'apiKey',
    in: 'header',
    name: 'X-Smetsim-Signature',
    description:
      'base64 of the 64-byte ECDSA P-256/SHA-256 r||s, by the party signing key, over "METHOD\\npath?query\\nX-Smetsim-Date\\nlowercase hex sha256(body)" (docs/api.md; smetsim sign prints it)',
  },
  adminToken: { type: 'http', scheme: 'bearer', description: 'the admin token, <data-dir>/admin-token' },
} as const;
const SIGNED = [{ party: [], date: [], signature: [] }];

const errors = {
  description: 'refused: a DUIS code or a gateway code, naming the field and the rule',
  content: { 'application/json': { schema: ERROR_SCHEMA } },
};

const text = (description: string) => ({
  description,
  content: { 'application/json': { schema: { type: 'object', additionalProperties: true } } },
});

export interface DocumentOptions {
  /** The admin API is served (a token was given). */
  readonly admin: boolean;
  /** The clock routes are served (serve, the library harness). */
  readonly clock: boolean;
}

/** The User Gateway contract, served unauthenticated at /openapi.json: every route this gateway serves. */
export function openApiDocument(
  options: DocumentOptions = { admin: true, clock: true },
  /** The paths of the head-end's siblings' routes (the SEC side, issue 15). */
  extra: Readonly<Record<string, unknown>> = {},
): unknown {
  const admin = options.admin ? adminPaths() : {};
  if (!options.clock) {
    delete admin['/v1/admin/clock'];
    delete admin['/v1/admin/clock/advance'];
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'smetsim User Gateway',
      version: '1',
      description:
        'Submit DUIS-style service requests to the emulated DCC and read responses and alerts from your inbox. See docs/api.md for curl and Node examples that sign correctly.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: 'http://127.0.0.1:8080', description: 'smetsim serve, by default' }],
    tags: [
      { name: 'requests', description: 'service requests and the SEC processes' },
      { name: 'inbox', description: 'responses and alerts' },
      { name: 'admin', description: 'registration data, parties, consents, inventory, the clock' },
      { name: 'operations', description: 'probes, metrics and this document' },
    ],
    security: SIGNED,
    components: { securitySchemes: SECURITY_SCHEMES, schemas: serviceRequestSchemas() },
    paths: {
      '/v1/requests': {
        post: {
          operationId: 'submitRequest',
          tags: ['requests'],
          summary: 'Submit a service request',
          description: `One schema per SR variant (components/schemas/SR_*), by serviceReferenceVariant; every one has the fields of the request schema the gateway validates (${Object.keys(REQUEST_BODY_SCHEMA.properties).join(', ')}).`,
          requestBody: { required: true, content: { 'application/json': { schema: serviceRequestUnion() } } },
          responses: {
            200: {
              description:
                'I99 (accepted for the device), or I0 with a body (variant 8), a preCommand (variant 4) or a command (variants 2, 3)',
              content: { 'application/json': { schema: SUBMIT_ANSWER_SCHEMA } },
            },
            400: errors,
            401: errors,
            403: errors,
            404: errors,
            409: errors,
            413: errors,
            422: errors,
            501: errors,
          },
        },
      },
      '/v1/parties/{eui}/inbox': {
        get: {
          operationId: 'readInbox',
          tags: ['inbox'],
          summary:
            'Read your inbox: responses, device alerts and DCC alerts, in order, by cursor; long poll with waitMs',
          parameters: [
            { name: 'eui', in: 'path', required: true, schema: { type: 'string' } },
            {
              name: 'after',
              in: 'query',
              schema: { type: 'string' },
              description: 'the cursor to read after; 0 from the start',
            },
            {
              name: 'waitMs',
              in: 'query',
              schema: { type: 'string' },
              description: '0..30000: wait this long for the first item',
            },
            { name: 'limit', in: 'query', schema: { type: 'string' }, description: '1..1000 items' },
          ],
          responses: {
            200: {
              description: 'items after the cursor',
              content: { 'application/json': { schema: INBOX_ANSWER_SCHEMA } },
            },
            401: errors,
            403: errors,
          },
        },
      },
      '/v1/withdrawals': {
        post: {
          operationId: 'withdrawSystem',
          tags: ['requests'],
          summary: 'Withdraw a smart metering system (SEC §144): the import supplier, or the gas supplier for gas only',
          requestBody: { required: true, content: { 'application/json': { schema: WITHDRAWAL_BODY_SCHEMA } } },
          responses: {
            200: text('recorded; every active party gets DCC alert N40'),
            401: errors,
            403: errors,
            404: errors,
            409: errors,
          },
        },
      },
      '/v1/replacements': {
        post: {
          operationId: 'replaceDevice',
          tags: ['requests'],
          summary:
            'Start replacing a device (SEC §148): requests for the old one are held and delivered to the new one once commissioned',
          requestBody: { required: true, content: { 'application/json': { schema: REPLACEMENT_BODY_SCHEMA } } },
          responses: {
            200: text('the replacement window is open'),
            401: errors,
            403: errors,
            404: errors,
            409: errors,
            422: errors,
          },
        },
      },
      '/openapi.json': {
        get: {
          operationId: 'getOpenApi',
          tags: ['operations'],
          security: [],
          summary: 'This document',
          responses: { 200: text('OpenAPI 3.1') },
        },
      },
      '/healthz': {
        get: {
          operationId: 'getHealth',
          tags: ['operations'],
          security: [],
          summary: 'The process is up',
          responses: { 200: text('{status: "ok"}') },
        },
      },
      '/readyz': {
        get: {
          operationId: 'getReadiness',
          tags: ['operations'],
          security: [],
          summary: "The head-end's SMWAN link and its database are open",
          responses: { 200: text('ready'), 503: text('not ready, with the checks that failed') },
        },
      },
      '/metrics': {
        get: {
          operationId: 'getMetrics',
          tags: ['operations'],
          security: [],
          summary: 'Prometheus metrics',
          responses: {
            200: { description: 'Prometheus text format', content: { 'text/plain': { schema: { type: 'string' } } } },
          },
        },
      },
      ...admin,
      ...extra,
    },
  };
}
