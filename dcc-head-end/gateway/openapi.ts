import {
  ERROR_SCHEMA,
  INBOX_ANSWER_SCHEMA,
  REQUEST_BODY_SCHEMA,
  SUBMIT_ANSWER_SCHEMA,
  WITHDRAWAL_BODY_SCHEMA,
  REPLACEMENT_BODY_SCHEMA,
} from './schemas.js';

export const AUTH_HEADERS = [
  {
    name: 'X-Smetsim-Party',
    in: 'header',
    required: true,
    schema: { type: 'string' },
    description: 'the calling party EUI-64',
  },
  {
    name: 'X-Smetsim-Date',
    in: 'header',
    required: true,
    schema: { type: 'string' },
    description: 'RFC 3339 UTC; refused when more than 300 s from the DCC clock',
  },
  {
    name: 'X-Smetsim-Signature',
    in: 'header',
    required: true,
    schema: { type: 'string' },
    description:
      'base64 of the 64-byte ECDSA P-256/SHA-256 r||s, by the party signing key, over "METHOD\\npath?query\\nX-Smetsim-Date\\nlowercase hex sha256(body)"',
  },
];

const errors = {
  description: 'refused: a DUIS code or a gateway code, naming the field and the rule',
  content: { 'application/json': { schema: ERROR_SCHEMA } },
};

/** The User Gateway contract, served unauthenticated at /openapi.json; `extra` adds the SEC side's paths. */
export function openApiDocument(extra: Readonly<Record<string, unknown>> = {}): unknown {
  return {
    openapi: '3.1.0',
    info: {
      title: 'smetsim User Gateway',
      version: '1',
      description:
        'Submit DUIS-style service requests to the emulated DCC and read responses and alerts from your inbox. See docs/api.md for curl and Node examples that sign correctly.',
    },
    paths: {
      '/v1/requests': {
        post: {
          summary: 'Submit a service request',
          parameters: AUTH_HEADERS,
          requestBody: { required: true, content: { 'application/json': { schema: REQUEST_BODY_SCHEMA } } },
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
            { name: 'limit', in: 'query', schema: { type: 'string' } },
            ...AUTH_HEADERS,
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
          summary: 'Withdraw a smart metering system (SEC §144): the import supplier, or the gas supplier for gas only',
          parameters: AUTH_HEADERS,
          requestBody: { required: true, content: { 'application/json': { schema: WITHDRAWAL_BODY_SCHEMA } } },
          responses: {
            200: { description: 'recorded; every active party gets DCC alert N40' },
            401: errors,
            403: errors,
            404: errors,
            409: errors,
          },
        },
      },
      '/v1/replacements': {
        post: {
          summary:
            'Start replacing a device (SEC §148): requests for the old one are held and delivered to the new one once commissioned',
          parameters: AUTH_HEADERS,
          requestBody: { required: true, content: { 'application/json': { schema: REPLACEMENT_BODY_SCHEMA } } },
          responses: {
            200: { description: 'the replacement window is open' },
            401: errors,
            403: errors,
            404: errors,
            409: errors,
            422: errors,
          },
        },
      },
      '/openapi.json': { get: { summary: 'This document', responses: { 200: { description: 'OpenAPI 3.1' } } } },
      ...extra,
    },
  };
}
