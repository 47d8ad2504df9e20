import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { nodeCrypto, RealClock } from '../../protocol/index.js';
import { inProcessTransport, startWorld } from '../dcc-world.js';
import { GatewayClient } from '../gateway-client.js';
import { Accounting } from './accounting.js';

export type SoakProfile = 'daily' | 'storm';

export interface SoakOptions {
  readonly premises: number;
  readonly durationMs: number;
  readonly profile: SoakProfile;
  readonly brokerUrl: string;
  readonly smwanSecret: string;
  readonly reportDir: string;
  readonly seed: string;
  /** Reads per premises per hour (daily profile). */
  readonly readsPerHour?: number;
  /** Top-ups per premises per hour (daily profile). */
  readonly topUpsPerHour?: number;
  /** How long to wait after the traffic stops for the last answers before counting them lost. */
  readonly graceMs?: number;
  readonly progressEveryMs?: number;
  readonly write?: (line: string) => void;
}

export interface SoakResult {
  readonly report: ReturnType<Accounting['summary']> & { readonly options: Record<string, unknown>; readonly timeline: readonly Sample[] };
  readonly passed: boolean;
}

interface Sample {
  readonly t: number;
  readonly hubsOnline: number;
  readonly requestsPerSecond: number;
  readonly answered: number;
  readonly p99Ms: number;
  readonly rssMb: number;
  readonly lagMs: number;
}

/**
 * A soak run in this process: the DCC head-end, the User Gateway and the fleet, against a broker
 * in its own process. Traffic follows the profile for the duration (bounded), then a grace period;
 * everything is accounted for. (Worker-thread shards and a separate head-end process are the
 * next step: docs/ARCHITECTURE.md.)
 */
export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const clock = new RealClock();
  const world = await startWorld({ premises: options.premises, clock, crypto: nodeCrypto, seed: options.seed, smwanSecret: options.smwanSecret, brokerUrl: options.brokerUrl });
  const accounting = new Accounting();
  const lag = monitorEventLoopDelay({ resolution: 20 });
  lag.enable();
  const timeline: Sample[] = [];
  try {
    const supplier = new GatewayClient(world.gatewayUrl, world.parties.supplier.eui, world.parties.supplier.ds, nodeCrypto, clock, inProcessTransport(world));
    world.headEnd.inbox.onAppend((party, item) => {
      if (party === world.parties.supplier.eui && item.requestId && item.code) accounting.answer(item.requestId, item.code, performance.now());
      // A restore raises 0x8F35, or 0x8F36 after 3 minutes or more; both go to the network operator.
      if (party === world.parties.networkOperator.eui && (item.alertCode === '0x8F36' || item.alertCode === '0x8F35')) accounting.alertsDelivered++;
    });
    const hubsOnline = () => world.premises.filter((p) => p.hub.isOnline).length;

    const send = (sr: '4.1.1' | '2.2', premisesIndex: number) => {
      const esme = world.premises[premisesIndex]!.esme.eui;
      const requestId = supplier.nextRequestId(esme);
      accounting.submitted(requestId, sr, performance.now());
      const body = sr === '2.2' ? { body: { value: 1, valueClass: 'pounds' } } : {};
      void supplier
        .submit({ requestId, role: 'IS', serviceReferenceVariant: sr, commandVariant: 1, ...body })
        .then((reply) => accounting.acknowledgedAs(requestId, String(reply.json.code ?? `HTTP_${reply.status}`)))
        .catch(() => accounting.acknowledgedAs(requestId, 'GATEWAY_ERROR'));
    };

    // Traffic: a fixed-rate schedule, checked every 100 ms, until the duration is up.
    const readsPerSecond = (options.premises * (options.readsPerHour ?? 6)) / 3600;
    const topUpsPerSecond = (options.premises * (options.topUpsPerHour ?? 0.5)) / 3600;
    const started = performance.now();
    let readsSent = 0;
    let topUpsSent = 0;
    let next = 0;
    let lastSample = started;
    let lastAnswered = 0;
    let stormState: 'before' | 'out' | 'restored' = 'before';
    const stormShare = world.premises.slice(0, Math.max(1, Math.floor(options.premises * 0.3)));
    while (performance.now() - started < options.durationMs) {
      const elapsed = (performance.now() - started) / 1000;
      for (; readsSent < Math.floor(elapsed * readsPerSecond); readsSent++) send('4.1.1', next++ % options.premises);
      for (; topUpsSent < Math.floor(elapsed * topUpsPerSecond); topUpsSent++) send('2.2', next++ % options.premises);
      if (options.profile === 'storm') {
        const phase = (performance.now() - started) / options.durationMs;
        if (stormState === 'before' && phase > 0.3) {
          stormState = 'out';
          for (const home of stormShare) {
            home.esme.powerOff();
            void home.hub.powerCut();
          }
        } else if (stormState === 'out' && phase > 0.6) {
          stormState = 'restored';
          for (const home of stormShare) {
            void home.hub.powerRestore().then(() => home.esme.powerOn());
            accounting.alertsRaised++;
          }
        }
      }
      if (performance.now() - lastSample >= (options.progressEveryMs ?? 5000)) {
        const seconds = (performance.now() - lastSample) / 1000;
        const sample: Sample = {
          t: Math.round((performance.now() - started) / 1000),
          hubsOnline: hubsOnline(),
          requestsPerSecond: Math.round(((accounting.answered - lastAnswered) / seconds) * 10) / 10,
          answered: accounting.answered,
          p99Ms: Math.round(Math.max(0, ...Object.values(accounting.latency()).map((l) => l.p99))),
          rssMb: Math.round(process.memoryUsage().rss / 1048576),
          lagMs: Math.round(lag.percentile(99) / 1e6),
        };
        timeline.push(sample);
        lastSample = performance.now();
        lastAnswered = accounting.answered;
        write(`[${String(sample.t).padStart(5)}s] hubs ${sample.hubsOnline}/${options.premises}  answered/s ${sample.requestsPerSecond}  answered ${sample.answered}/${accounting.sent}  p99 ${sample.p99Ms} ms  refused ${JSON.stringify(Object.fromEntries(accounting.refusedByCode))}  rss ${sample.rssMb} MB  lag p99 ${sample.lagMs} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // Grace: the last answers (and alerts) may still be on their way.
    const graceEnd = performance.now() + (options.graceMs ?? 35_000);
    while ((accounting.outstanding > 0 || accounting.alertsDelivered < accounting.alertsRaised) && performance.now() < graceEnd) await new Promise((r) => setTimeout(r, 100));
  } finally {
    lag.disable();
    await world.stop();
  }
  const lost = accounting.outstanding;
  const summary = accounting.summary(lost);
  const report = { ...summary, options: { premises: options.premises, durationMs: options.durationMs, profile: options.profile, seed: options.seed }, timeline };
  mkdirSync(options.reportDir, { recursive: true });
  writeFileSync(join(options.reportDir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  const passed = lost === 0 && summary.alerts.lost === 0;
  write(`\nsent ${summary.requests.sent}, acknowledged ${summary.requests.acknowledged}, answered ${summary.requests.answered}, timed out ${summary.requests.timedOut}, refused ${JSON.stringify(summary.requests.refusedByCode)}, lost ${lost}; alerts raised ${summary.alerts.raised}, delivered ${summary.alerts.delivered}, lost ${summary.alerts.lost}`);
  for (const [sr, l] of Object.entries(summary.latencyMs)) write(`  SR ${sr}: p50 ${Math.round(l.p50)} ms, p95 ${Math.round(l.p95)} ms, p99 ${Math.round(l.p99)} ms over ${l.count}`);
  write(passed ? 'soak: PASS' : 'soak: FAIL (messages lost)');
  return { report, passed };
}
