import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Eui64 } from '../../protocol/index.js';
import type { HeadEnd } from '../head-end.js';

/** What one gateway call came to, for its log line and /metrics. */
export interface CallOutcome {
  readonly method: string;
  /** The route pattern, e.g. /v1/parties/:eui/inbox; `unknown` for a 404. */
  readonly route: string;
  readonly party: string | undefined;
  readonly serviceRequest: string | undefined;
  /** The DUIS or gateway code of the answer (I99, I0, E4, BAD_SIGNATURE ...), or the HTTP status. */
  readonly code: string;
  readonly status: number;
  readonly durationMs: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The `code` of the answer, read as it is sent. */
    answerCode?: string;
  }
}

/**
 * What a usage meter (sec/charges/, SEC ch. 9) sees of one authenticated call: who, which SR and
 * command variant, and the bytes each way (the request body as received, the answer as sent).
 */
export interface MeteredCall {
  readonly party: Eui64;
  readonly route: string;
  readonly serviceRequest: string | undefined;
  readonly commandVariant: number | undefined;
  readonly requestBytes: number;
  readonly responseBytes: number;
  readonly status: number;
}

/** A meter may return a promise: the answer is sent once it resolves (a durable group commit). */
export type CallMeter = (call: MeteredCall) => Promise<void> | void;

/**
 * Meter every call from an authenticated party before its answer is sent, so that an answer the
 * party received is never missing from its usage, even after SIGKILL. Unauthenticated calls are
 * not metered: no party can be charged for them.
 */
export function meterCalls(app: FastifyInstance, meters: readonly CallMeter[]): void {
  if (meters.length === 0) return;
  app.addHook('onSend', async (request, reply, payload) => {
    const party = request.caller;
    if (party === undefined) return payload;
    const body = request.body as { serviceReferenceVariant?: unknown; commandVariant?: unknown } | undefined;
    const sr = body && typeof body === 'object' ? body.serviceReferenceVariant : undefined;
    const variant = body && typeof body === 'object' ? body.commandVariant : undefined;
    const call: MeteredCall = {
      party,
      route: request.routeOptions.url ?? 'unknown',
      serviceRequest: typeof sr === 'string' ? sr : undefined,
      commandVariant: typeof variant === 'number' ? variant : undefined,
      requestBytes: Number(request.headers['content-length'] ?? 0) || 0,
      responseBytes:
        typeof payload === 'string' ? Buffer.byteLength(payload) : Buffer.isBuffer(payload) ? payload.length : 0,
      status: reply.statusCode,
    };
    for (const meter of meters) {
      const done = meter(call);
      if (done) await done;
    }
    return payload;
  });
}

/** An answer's code without parsing a large body (an inbox page): the first "code" near the start. */
const CODE = /"code":"([^"]{1,40})"/;

/**
 * One outcome per gateway call, seen once the answer is sent: the party (when authenticated),
 * the SR, the code and the duration. The listeners are the log line and the metrics.
 */
export function observeCalls(app: FastifyInstance, listeners: readonly ((call: CallOutcome) => void)[]): void {
  app.addHook('onSend', async (request, _reply, payload) => {
    if (typeof payload === 'string') request.answerCode = CODE.exec(payload.slice(0, 512))?.[1];
    return payload;
  });
  app.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
    const body = request.body as { serviceReferenceVariant?: unknown } | undefined;
    const sr = body && typeof body === 'object' ? body.serviceReferenceVariant : undefined;
    const call: CallOutcome = {
      method: request.method,
      route: request.routeOptions.url ?? 'unknown',
      party: request.caller,
      serviceRequest: typeof sr === 'string' ? sr : undefined,
      code: request.answerCode ?? String(reply.statusCode),
      status: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 100) / 100,
    };
    for (const listener of listeners) listener(call);
  });
}

/**
 * The structured log of `serve`, through fastify's own logger (pino): one line per gateway call
 * (party, SR, code, duration), and one per DCC event (the head-end's event log: alerts, time-outs,
 * registrations ...). Probes and scrapes (/healthz, /readyz, /metrics) log at debug only.
 */
export function logCalls(app: FastifyInstance, headEnd: HeadEnd): (call: CallOutcome) => void {
  headEnd.onEvent((kind, detail) => app.log.info({ event: kind, detail }, `dcc ${kind}`));
  return (call) => {
    const line = {
      method: call.method,
      route: call.route,
      party: call.party,
      sr: call.serviceRequest,
      code: call.code,
      status: call.status,
      ms: call.durationMs,
    };
    const message = `${call.method} ${call.route} ${call.code}${call.serviceRequest ? ` ${call.serviceRequest}` : ''}`;
    if (PROBES.has(call.route)) app.log.debug(line, message);
    else if (call.status >= 500) app.log.error(line, message);
    else app.log.info(line, message);
  };
}

const PROBES = new Set(['/healthz', '/readyz', '/metrics']);
