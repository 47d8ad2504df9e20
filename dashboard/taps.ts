import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Eui64 } from '../protocol/index.js';
import type { HeadEndLink } from '../smwan/link.js';
import type { MessageLog } from './message-log.js';
import { decodeWith, type PayloadDecoder } from './payload-decoder.js';
import type { HeadEndView, WorldIndex } from './world-source.js';

/** Frames larger than this are logged without their hex (the decoded view is still kept). */
const MAX_RAW_BYTES = 16 * 1024;

/**
 * The head-end's SMWAN link, seen: every frame published to a hub (command) and every frame that
 * comes up (response, alert) goes into the log, decoded. The link's behaviour is unchanged; the
 * log is written before the frame is passed on, so the log reads in the order things happened.
 */
export function tapHeadEndLink(
  link: HeadEndLink,
  log: MessageLog,
  names: () => WorldIndex | undefined,
  decoders: readonly PayloadDecoder[],
): HeadEndLink {
  const record = (hub: Eui64, bytes: Uint8Array) => {
    const index = names();
    const decoded = decodeWith(decoders, bytes);
    const rawHex = bytes.length <= MAX_RAW_BYTES ? Buffer.from(bytes).toString('hex') : undefined;
    const premises = index?.premisesOf(hub);
    if (!decoded) {
      log.append({
        kind: 'event',
        summary: `undecodable frame (${bytes.length} bytes) on hub ${hub}`,
        premises,
        rawHex,
      });
      return;
    }
    const device = decoded.kind === 'command' ? decoded.recipient : decoded.originator;
    const party =
      decoded.kind === 'command' ? decoded.originator : decoded.kind === 'response' ? decoded.recipient : undefined;
    const who = index?.partyName(party) ?? party;
    const summary =
      decoded.kind === 'command'
        ? `command ${decoded.sr} → ${device} (for ${who})`
        : decoded.kind === 'response'
          ? `response ${decoded.sr} ${decoded.status} from ${device} (to ${who})`
          : `alert ${decoded.alertCode} from ${device}`;
    log.append({
      kind: decoded.kind,
      summary,
      premises,
      device,
      ...(party !== undefined ? { party } : {}),
      ...(decoded.sr !== undefined ? { sr: decoded.sr } : {}),
      ...(decoded.requestId !== undefined ? { requestId: decoded.requestId } : {}),
      ...(decoded.status !== undefined ? { code: decoded.status } : {}),
      ...(decoded.alertCode !== undefined ? { alertCode: decoded.alertCode } : {}),
      rawHex,
      decoded: decoded.payload,
    });
  };
  return {
    get isOpen() {
      return link.isOpen;
    },
    open: () => link.open(),
    close: () => link.close(),
    sendDown(hub, frame, expiresAt) {
      record(hub, frame);
      return link.sendDown(hub, frame, expiresAt);
    },
    onUp(handler) {
      link.onUp((hub, frame) => {
        record(hub, frame);
        handler(hub, frame);
      });
    },
    onHubState(handler) {
      link.onHubState((hub, state) => {
        log.append({
          kind: 'event',
          summary: `hub ${hub} ${state}`,
          premises: names()?.premisesOf(hub),
          body: { hub, state },
        });
        handler(hub, state);
      });
    },
  };
}

/**
 * The User Gateway's calls, seen: each party POST (service requests, withdrawals, replacements).
 * The request is logged once it has passed authentication and the schema (preHandler), before the
 * pipeline runs, so it reads before the command it causes; the synchronous answer is logged as it
 * is sent. A call refused before the handler (bad signature, bad body) is logged once, with its
 * code. Admin calls and inbox reads are left out: they are not messages. The hooks are added on
 * the root instance, so they see every route.
 */
export function tapGateway(app: FastifyInstance, log: MessageLog, names: WorldIndex): void {
  const seen = new WeakSet<object>();
  const describe = (request: FastifyRequest) => {
    const path = request.url.split('?')[0] ?? '';
    const body = request.body as Record<string, unknown> | undefined;
    const party = request.caller ?? headerText(request.headers['x-smetsim-party']);
    const requestId = typeof body?.requestId === 'string' ? body.requestId : undefined;
    const target = requestId?.split(':')[1];
    const sr = typeof body?.serviceReferenceVariant === 'string' ? body.serviceReferenceVariant : undefined;
    const variant = typeof body?.commandVariant === 'number' ? ` v${body.commandVariant}` : '';
    return {
      what: `${names.partyName(party) ?? party ?? 'unknown'} ${path === '/v1/requests' ? `SR ${sr ?? '?'}${variant}` : path}`,
      entry: {
        ...(party !== undefined ? { party } : {}),
        premises: names.premisesOf(target),
        ...(target !== undefined ? { device: target } : {}),
        ...(sr !== undefined ? { sr } : {}),
        ...(requestId !== undefined ? { requestId } : {}),
      },
      path,
      body,
    };
  };
  const watched = (request: FastifyRequest) => {
    const path = request.url.split('?')[0] ?? '';
    return request.method === 'POST' && path.startsWith('/v1/') && !path.startsWith('/v1/admin');
  };
  app.addHook('preHandler', async (request) => {
    if (!watched(request)) return;
    const { what, entry, path, body } = describe(request);
    seen.add(request);
    log.append({ kind: 'request', summary: what, ...entry, body: { path, request: body ?? null } });
  });
  app.addHook('onSend', async (request, reply, payload) => {
    if (!watched(request)) return payload;
    const { what, entry, path, body } = describe(request);
    const answer = typeof payload === 'string' ? parseJson(payload) : undefined;
    const code = isRecord(answer) && typeof answer.code === 'string' ? answer.code : String(reply.statusCode);
    const accepted = seen.has(request);
    log.append({
      kind: accepted ? 'answer' : 'request',
      summary: accepted ? `${what} → ${code}` : `${what} refused → ${code}`,
      ...entry,
      code,
      body: accepted
        ? { status: reply.statusCode, answer: answer ?? null }
        : { path, request: body ?? null, status: reply.statusCode, answer: answer ?? null },
    });
    return payload;
  });
}

/** Inbox appends (what each party is told) and head-end events (alerts, refusals, anomalies). */
export function tapHeadEnd(headEnd: HeadEndView, log: MessageLog, names: WorldIndex): void {
  headEnd.onInboxItem((party, item) => {
    const body = isRecord(item.body) ? item.body : {};
    const device = typeof body.device === 'string' ? body.device : item.requestId?.split(':')[1];
    const what =
      item.kind === 'response'
        ? `response ${item.serviceReferenceVariant ?? ''} ${item.code ?? ''}`
        : `${item.kind} ${item.alertCode ?? ''}`;
    log.append({
      kind: 'delivery',
      summary: `to ${names.partyName(party) ?? party}: ${what.replace(/\s+/g, ' ').trim()}`,
      party,
      premises: names.premisesOf(device),
      ...(device !== undefined ? { device } : {}),
      ...(item.serviceReferenceVariant !== undefined ? { sr: item.serviceReferenceVariant } : {}),
      ...(item.requestId !== undefined ? { requestId: item.requestId } : {}),
      ...(item.code !== undefined ? { code: item.code } : {}),
      ...(item.alertCode !== undefined ? { alertCode: item.alertCode } : {}),
      body: item,
    });
  });
  headEnd.onEvent((kind, detail) => {
    const device = [detail.device, detail.hub, detail.old].find((v): v is string => typeof v === 'string');
    const by = typeof detail.by === 'string' ? detail.by : undefined;
    log.append({
      kind: 'event',
      summary: `DCC event ${kind}`,
      premises: names.premisesOf(device),
      ...(by !== undefined ? { party: by } : {}),
      ...(device !== undefined ? { device } : {}),
      body: { kind, ...jsonSafe(detail) },
    });
  });
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const headerText = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Event details may hold bigints and bytes; the log holds JSON. */
function jsonSafe(detail: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(
    JSON.stringify(detail, (_key, value: unknown) =>
      typeof value === 'bigint'
        ? value.toString()
        : value instanceof Uint8Array
          ? Buffer.from(value).toString('hex')
          : value,
    ),
  ) as Record<string, unknown>;
}
