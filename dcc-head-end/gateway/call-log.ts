import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
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
