import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import { parseEui, type Clock, type Eui64, type UserRole } from '../../protocol/index.js';
import { parseTimestamp } from '../pipeline/validate-format.js';
import { GatewayError } from '../duis-error.js';
import type { HeadEnd } from '../head-end.js';
import { registerAdminRoutes } from './admin-routes.js';
import { authenticate } from './authenticate.js';
import { logCalls, meterCalls, observeCalls } from './call-log.js';
import { adminGuard, type GatewayExtension } from './extension.js';
import { clientErrorHandler } from './client-error.js';
import type { ClockControl } from './clock-routes.js';
import { sendError } from './error-mapping.js';
import { GatewayMetrics, registerOperationsRoutes } from './metrics.js';
import { openApiDocument } from './openapi.js';
import { assertHeadersWellFormed, assertWellFormed, decodeUtf8 } from './well-formed.js';
import {
  INBOX_ANSWER_SCHEMA,
  INBOX_QUERY_SCHEMA,
  REQUEST_BODY_SCHEMA,
  SUBMIT_ANSWER_SCHEMA,
  ERROR_SCHEMA,
  WITHDRAWAL_BODY_SCHEMA,
  REPLACEMENT_BODY_SCHEMA,
} from './schemas.js';

export interface GatewayOptions {
  readonly headEnd: HeadEnd;
  /** Bearer token for /v1/admin; undefined disables the admin API. */
  readonly adminToken?: string;
  /** Largest request body accepted, in bytes. */
  readonly bodyLimit?: number;
  /** Routes of the head-end's siblings (the SEC side, issue 15), authenticated the same way. */
  readonly extensions?: readonly GatewayExtension[];
  /** The harness's clock under admin control (/v1/admin/clock); absent, no clock routes. */
  readonly clock?: ClockControl;
  /**
   * What X-Smetsim-Date is checked against; the DCC clock by default. `serve --clock virtual`
   * and `--speed` pass the wall clock: a caller signs with its own time, which the DCC's has left.
   */
  readonly signatureClock?: Clock;
  /** A pino logger (world/harness-log.ts): one line per call and per DCC event. Silent when absent. */
  readonly logger?: FastifyBaseLogger;
}

declare module 'fastify' {
  interface FastifyRequest {
    rawBody?: Buffer;
    /** The authenticated party, set before the body is validated. */
    caller?: Eui64;
  }
}

/**
 * The User Gateway: what a supplier's own head-end system calls, as it would the DCC. Requests
 * are JSON, signed per call (authenticate.ts), validated against the published schemas.
 */
export function buildGateway(options: GatewayOptions): FastifyInstance {
  const { headEnd } = options;
  const app = Fastify({
    bodyLimit: options.bodyLimit ?? 256 * 1024,
    // Fastify's own request lines are replaced by one line per call with the party, SR and code (call-log.ts).
    ...(options.logger
      ? { loggerInstance: options.logger, logController: new LogController({ disableRequestLogging: true }) }
      : { logger: false }),
    clientErrorHandler,
    // Unknown fields are refused, never stripped, and nothing is coerced: what a party sends is what we check.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: true, allErrors: false } },
  });
  // JSON only: Fastify's built-in text/plain parser let such a body on to authentication (401)
  // when the right answer is 415 (issue 17, defect 7).
  app.removeContentTypeParser('text/plain');
  // Keep the exact bytes: the signature covers the SHA-256 of the body as sent.
  // Every string must be well-formed Unicode, or it cannot be signed (well-formed.ts; issue 17 defect 5).
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    request.rawBody = body as Buffer;
    if ((body as Buffer).length === 0) return done(null, undefined);
    let text: string;
    let parsed: unknown;
    try {
      text = decodeUtf8(body as Buffer, 'body');
    } catch (error) {
      return done(error as Error, undefined);
    }
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      return done(Object.assign(new Error((error as Error).message), { statusCode: 400 }), undefined);
    }
    try {
      assertWellFormed(parsed, '');
    } catch (error) {
      return done(error as Error, undefined);
    }
    done(null, parsed);
  });
  app.addHook('onRequest', async (request) => assertHeadersWellFormed(request.headers));
  app.addHook('preValidation', async (request) => {
    assertWellFormed(request.params, '');
    assertWellFormed(request.query, '');
  });
  app.setErrorHandler((error, request, reply) => sendError(error, request, reply));
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({
      code: 'NOT_FOUND',
      field: 'path',
      message: `no route ${request.method} ${request.url}; see /openapi.json`,
    }),
  );

  // Pipeline step 2 runs before the schema check: an unauthenticated caller learns nothing about the API.
  const authenticated = {
    preValidation: async (request: FastifyRequest) => {
      request.caller = authenticate(
        {
          method: request.method,
          url: request.url,
          headers: request.headers,
          body: request.rawBody ?? new Uint8Array(0),
        },
        (eui) => headEnd.admin.party(eui),
        headEnd.crypto,
        (options.signatureClock ?? headEnd.clock).now(),
      );
    },
  };
  const caller = (request: FastifyRequest): Eui64 => request.caller!;
  const parseEuiField = (text: string, field: string): Eui64 => {
    try {
      return parseEui(text, field);
    } catch (error) {
      throw new GatewayError('BAD_REQUEST', (error as Error).message, 400, field);
    }
  };

  const metrics = new GatewayMetrics(headEnd);
  observeCalls(app, [(call) => metrics.observe(call), ...(options.logger ? [logCalls(app, headEnd)] : [])]);
  registerOperationsRoutes(app, headEnd, metrics);

  const extensions = options.extensions ?? [];
  meterCalls(
    app,
    extensions.flatMap((e) => (e.meter ? [e.meter] : [])),
  );
  const extensionPaths = Object.assign({}, ...extensions.map((e) => e.paths)) as Record<string, unknown>;
  const contract = openApiDocument(
    { admin: Boolean(options.adminToken), clock: options.clock !== undefined },
    extensionPaths,
  );
  app.get('/openapi.json', async () => contract);

  app.post(
    '/v1/requests',
    {
      ...authenticated,
      schema: { body: REQUEST_BODY_SCHEMA, response: { 200: SUBMIT_ANSWER_SCHEMA, '4xx': ERROR_SCHEMA } },
    },
    async (request) => headEnd.submit(caller(request), request.body),
  );

  app.get<{ Params: { eui: string }; Querystring: { after: string; waitMs: string; limit: string } }>(
    '/v1/parties/:eui/inbox',
    {
      ...authenticated,
      schema: { querystring: INBOX_QUERY_SCHEMA, response: { 200: INBOX_ANSWER_SCHEMA, '4xx': ERROR_SCHEMA } },
    },
    async (request) => {
      const party = caller(request);
      let owner;
      try {
        owner = parseEui(request.params.eui, 'eui');
      } catch {
        throw new GatewayError('BAD_REQUEST', 'the inbox path takes a party EUI-64', 400, 'eui');
      }
      if (owner !== party)
        throw new GatewayError('FORBIDDEN', `${party} may read only its own inbox, not ${owner}'s`, 403, 'eui');
      // A BigInt, not a Number: 18-digit cursors are past 2^53, and Number('999999999999999999')
      // came back as next '1000000000000000000', which the schema's 18 digits then refused
      // (issue 17, defect 7). Every 18-digit value is below SQLite's 2^63-1 rowid limit.
      const after = BigInt(request.query.after);
      const waitMs = Math.min(Number(request.query.waitMs), 30_000);
      const limit = Math.min(Math.max(Number(request.query.limit), 1), 1000);
      const items = await headEnd.poll(party, after, waitMs, limit);
      metrics.read(party, BigInt(items.at(-1)?.cursor ?? after));
      return { items, next: items.at(-1)?.cursor ?? after.toString() };
    },
  );

  app.post(
    '/v1/withdrawals',
    { ...authenticated, schema: { body: WITHDRAWAL_BODY_SCHEMA, response: { '4xx': ERROR_SCHEMA } } },
    async (request) => {
      const body = request.body as { hub: string; role: string; effectiveFrom?: string };
      const hub = parseEuiField(body.hub, 'hub');
      const effectiveFrom =
        body.effectiveFrom === undefined ? undefined : parseTimestamp(body.effectiveFrom, 'effectiveFrom');
      const result = headEnd.withdraw(caller(request), body.role as UserRole, hub, effectiveFrom);
      return {
        code: 'I0',
        hub: result.hub,
        points: result.points,
        effectiveFrom: new Date(result.effectiveFrom).toISOString(),
      };
    },
  );

  app.post(
    '/v1/replacements',
    { ...authenticated, schema: { body: REPLACEMENT_BODY_SCHEMA, response: { '4xx': ERROR_SCHEMA } } },
    async (request) => {
      const body = request.body as { oldDevice: string; newDevice: string; role: string };
      const old = parseEuiField(body.oldDevice, 'oldDevice');
      const replacement = parseEuiField(body.newDevice, 'newDevice');
      headEnd.replace(caller(request), body.role as UserRole, old, replacement);
      return { code: 'I0', oldDevice: old, newDevice: replacement };
    },
  );

  if (options.adminToken) registerAdminRoutes(app, headEnd, options.adminToken, options.clock);
  const guard = options.adminToken ? adminGuard(options.adminToken) : undefined;
  for (const extension of extensions) extension.register(app, { authenticated, caller, adminGuard: guard });
  return app;
}
