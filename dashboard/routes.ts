import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Eui64 } from '../protocol/index.js';
import type { ActionRequest, InboxItemView, LogFilter, LogKind, PartyView } from './api-types.js';
import { runConsumerAction } from './consumer-actions.js';
import { premisesMatches, premisesView } from './fleet-view.js';
import { LiveFeed } from './live-feed.js';
import { LOG_KINDS, type MessageLog } from './message-log.js';
import { loadAssets } from './static-assets.js';
import type { DashboardWorld, WorldIndex } from './world-source.js';

const ACTION_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['action'],
  properties: {
    action: { type: 'string', enum: ['enterUtrn', 'supplyButton', 'emergencyCredit', 'powerCut', 'powerRestore'] },
    fuel: { type: 'string', enum: ['electricity', 'gas'] },
    utrn: { type: 'string', pattern: '^[0-9 ]{1,40}$' },
  },
} as const;

const LOG_QUERY_SCHEMA = {
  type: 'object',
  properties: {
    party: { type: 'string', maxLength: 64 },
    premises: { type: 'string', pattern: '^[0-9]{1,9}$' },
    sr: { type: 'string', pattern: '^[0-9]+(\\.[0-9]+)*$' },
    kind: { type: 'string', enum: LOG_KINDS },
    limit: { type: 'string', pattern: '^[0-9]{1,5}$' },
  },
} as const;

type LogQuery = { party?: string; premises?: string; sr?: string; kind?: LogKind; limit?: string };

/** How many inbox items and log entries a view starts with. */
const RECENT = 200;

/**
 * The dashboard's routes under /ui: the page and its modules, the JSON the views read, the consumer
 * actions, and the event stream. No authentication, like the premises it stands for: `serve` binds
 * 127.0.0.1 by default. The action route takes only application/json, so a page on another origin
 * cannot post to it without a CORS preflight, which is never granted.
 */
export function registerDashboardRoutes(
  app: FastifyInstance,
  world: DashboardWorld,
  names: WorldIndex,
  log: MessageLog,
): LiveFeed {
  const feed = new LiveFeed(world.premises, log);
  const assets = loadAssets();
  const home = (index: string) => world.premises.find((p) => String(p.index) === index);
  const notFound = (reply: FastifyReply, what: string) =>
    reply.status(404).send({ code: 'NOT_FOUND', field: 'path', message: `no ${what}` });

  headEndFeed(world, feed);
  app.addHook('preClose', async () => feed.close());

  app.get('/ui', (_request, reply) => reply.redirect('/ui/'));
  app.get('/ui/', (_request, reply) => sendAsset(reply, assets.get('index.html')));
  app.get<{ Params: { name: string } }>('/ui/:name', (request, reply) =>
    sendAsset(reply, assets.get(request.params.name)),
  );
  app.get<{ Params: { name: string } }>('/ui/vendor/:name', (request, reply) =>
    sendAsset(reply, assets.get(`vendor/${request.params.name}`)),
  );

  app.get<{ Querystring: { q?: string; limit?: string } }>('/ui/api/fleet', async (request) => {
    const q = request.query.q ?? '';
    const limit = Math.min(Number(request.query.limit ?? 500) || 500, 5_000);
    const found = world.premises.filter((p) => premisesMatches(p, q));
    return { total: world.premises.length, matched: found.length, premises: found.slice(0, limit).map(premisesView) };
  });

  app.get<{ Params: { index: string } }>('/ui/api/premises/:index', async (request, reply) => {
    const found = home(request.params.index);
    return found ? premisesView(found) : notFound(reply, `premises ${request.params.index}`);
  });

  app.post<{ Params: { index: string }; Body: ActionRequest }>(
    '/ui/api/premises/:index/actions',
    { schema: { body: ACTION_SCHEMA } },
    async (request, reply) => {
      const found = home(request.params.index);
      if (!found) return notFound(reply, `premises ${request.params.index}`);
      const answer = await runConsumerAction(found, request.body);
      log.append({
        kind: 'event',
        summary: `consumer ${request.body.action}${request.body.fuel ? ` (${request.body.fuel})` : ''}: ${answer.detail}`,
        premises: found.index,
        body: request.body,
      });
      feed.pushIfChanged(found);
      return answer;
    },
  );

  app.get('/ui/api/parties', async (): Promise<PartyView[]> =>
    Object.entries(world.parties).map(([name, p]) => ({ name, eui: p.eui, categories: [...p.categories] })),
  );

  app.get<{ Params: { party: string }; Querystring: { limit?: string } }>(
    '/ui/api/parties/:party/inbox',
    async (request, reply) => {
      const party = names.party(request.params.party);
      if (!party) return notFound(reply, `party ${request.params.party}`);
      const limit = Math.min(Number(request.query.limit ?? RECENT) || RECENT, 1_000);
      return { party: party.eui, items: recentInbox(world, party.eui, limit) };
    },
  );

  app.get<{ Querystring: LogQuery }>('/ui/api/log', { schema: { querystring: LOG_QUERY_SCHEMA } }, async (request) =>
    log.query(logFilter(request.query, names), Math.min(Number(request.query.limit ?? RECENT), 5_000)),
  );

  app.get<{ Querystring: LogQuery }>(
    '/ui/api/events',
    { schema: { querystring: LOG_QUERY_SCHEMA } },
    (request, reply) => {
      reply.hijack();
      const stop = feed.open(
        reply.raw,
        logFilter(request.query, names),
        Math.min(Number(request.query.limit ?? RECENT), 5_000),
      );
      request.raw.once('close', stop);
    },
  );

  return feed;
}

function sendAsset(reply: FastifyReply, asset: { type: string; body: Buffer } | undefined) {
  if (!asset) return reply.status(404).send({ code: 'NOT_FOUND', field: 'path', message: 'no such dashboard file' });
  return reply.header('content-type', asset.type).header('cache-control', 'no-cache').send(asset.body);
}

/** Inbox appends go to every watcher as they are committed. */
function headEndFeed(world: DashboardWorld, feed: LiveFeed): void {
  world.headEnd.onInboxItem((party, item) => feed.broadcast('inbox', { party, item }));
}

/** The last `limit` items of a party's inbox, oldest first (read forward by cursor, keeping the tail). */
function recentInbox(world: DashboardWorld, party: Eui64, limit: number): InboxItemView[] {
  const tail: InboxItemView[] = [];
  let after = 0;
  for (;;) {
    const page = world.headEnd.readInbox(party, after, 1_000);
    tail.push(...page);
    if (tail.length > limit) tail.splice(0, tail.length - limit);
    if (page.length < 1_000) return tail;
    after = Number(page.at(-1)!.cursor);
  }
}

function logFilter(query: LogQuery, names: WorldIndex): LogFilter {
  const party = query.party ? (names.party(query.party)?.eui ?? query.party) : undefined;
  return {
    ...(party ? { party } : {}),
    ...(query.premises ? { premises: Number(query.premises) } : {}),
    ...(query.sr ? { sr: query.sr } : {}),
    ...(query.kind ? { kind: query.kind } : {}),
  };
}
