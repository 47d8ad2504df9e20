import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Eui64 } from '../../protocol/index.js';
import type { HeadEnd } from '../head-end.js';
import type { CallOutcome } from './call-log.js';

/** Inbox depth is counted up to this many items per party: a scrape must stay cheap. */
const DEPTH_CAP = 10_000;

/**
 * Prometheus metrics of the User Gateway and the DCC (prom-client, as soak/soak-metrics.ts), one
 * registry per gateway so that two harnesses in one process never share counts. Calls are counted
 * as they finish; the gauges are read from the head-end's facade at scrape time.
 *
 * Inbox depth is what a party has not read yet: the items after the highest cursor it has been
 * given back (an emulator measure; the DCC cannot know what a party processed).
 */
export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'route' | 'sr' | 'code'>;
  private readonly latency: Histogram<'route' | 'sr'>;
  private readonly readUpTo = new Map<Eui64, bigint>();

  constructor(headEnd: HeadEnd) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'smetsim_serve_' });
    this.requests = new Counter({
      name: 'smetsim_gateway_requests_total',
      help: 'User Gateway calls by route, SR (for /v1/requests) and answer code (I99, I0, E4, BAD_SIGNATURE ..., or the HTTP status)',
      labelNames: ['route', 'sr', 'code'],
      registers,
    });
    this.latency = new Histogram({
      name: 'smetsim_gateway_request_duration_seconds',
      help: 'Time from a call reaching the gateway to its answer being sent',
      labelNames: ['route', 'sr'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    const gauges = () => headEnd.gauges();
    const gauge = (name: string, help: string, read: () => number) =>
      new Gauge({
        name,
        help,
        registers,
        collect() {
          this.set(read());
        },
      });
    gauge('smetsim_hubs_online', 'Communications Hubs whose SMWAN state is online', () => gauges().hubsOnline);
    gauge('smetsim_webhook_backlog', 'Inbox items waiting to be delivered to a webhook', () => gauges().webhookBacklog);
    gauge('smetsim_commands_in_flight', 'Commands out at the devices, waiting for an answer', () => gauges().inFlight);
    const readUpTo = this.readUpTo;
    new Gauge({
      name: 'smetsim_inbox_depth',
      help: `Items in a party's inbox after the last one it was given (counted to ${DEPTH_CAP})`,
      labelNames: ['party'],
      registers,
      collect() {
        this.reset();
        for (const party of headEnd.admin.parties())
          this.set({ party: party.eui }, headEnd.inboxDepth(party.eui, readUpTo.get(party.eui) ?? 0n, DEPTH_CAP));
      },
    });
  }

  /** A finished call. */
  observe(call: CallOutcome): void {
    const sr = call.serviceRequest ?? '';
    this.requests.inc({ route: call.route, sr, code: call.code });
    this.latency.observe({ route: call.route, sr }, call.durationMs / 1000);
  }

  /** A party was given inbox items up to `cursor`. */
  read(party: Eui64, cursor: bigint): void {
    if (cursor > (this.readUpTo.get(party) ?? 0n)) this.readUpTo.set(party, cursor);
  }
}

/**
 * /healthz (the process answers), /readyz (the SMWAN link and the database are open; 503 naming
 * what is not) and /metrics, all unauthenticated as probes and scrapers expect.
 */
export function registerOperationsRoutes(app: FastifyInstance, headEnd: HeadEnd, metrics: GatewayMetrics): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const checks = headEnd.readiness();
    const ready = checks.broker && checks.database;
    return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', checks });
  });
  app.get('/metrics', async (_request, reply) =>
    reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
  );
}
