import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { Accounting } from './accounting.js';
import { rssOf, type Fleet } from './fleet-client.js';
import type { OnlineSet } from './online-set.js';
import type { Sample } from './sample.js';

const mb = (bytes: number) => Math.round(bytes / 1048576);

/**
 * Once a second during a run: rates since the last sample, latency per class in the interval,
 * memory of the three processes and this one's event-loop lag. Keeps the timeline (from the start
 * of traffic) and the memory peaks.
 */
export class Sampler {
  readonly timeline: Sample[] = [];
  readonly peaks = { headEnd: 0, fleet: 0, broker: 0 };
  private readonly lag: IntervalHistogram = monitorEventLoopDelay({ resolution: 20 });
  private last = { at: performance.now(), sent: 0, answered: 0, alerts: 0, errors: 0 };

  constructor(
    private readonly accounting: Accounting,
    private readonly online: OnlineSet,
    private readonly fleet: Fleet,
    private readonly brokerPid: number | undefined,
  ) {
    this.lag.enable();
  }

  /** `elapsedMs` into the traffic, or undefined before it starts (not kept in the timeline). */
  sample(elapsedMs: number | undefined): Sample {
    const a = this.accounting;
    const now = performance.now();
    const seconds = Math.max(0.001, (now - this.last.at) / 1000);
    const rate = (value: number, before: number) => Math.round(((value - before) / seconds) * 10) / 10;
    const errors = [...a.refusedByCode.values(), ...a.dccAnomalies.values()].reduce((x, y) => x + y, 0) + a.timedOut;
    const s: Sample = {
      t: Math.round((elapsedMs ?? 0) / 100) / 10,
      hubsOnline: this.online.size,
      sentPerSecond: rate(a.sent, this.last.sent),
      answeredPerSecond: rate(a.answered, this.last.answered),
      alertsPerSecond: rate(a.alertsDelivered, this.last.alerts),
      errorsPerSecond: rate(errors, this.last.errors),
      latency: a.takeWindow(),
      headEndRssMb: mb(process.memoryUsage().rss),
      fleetRssMb: mb(this.fleet.rssBytes),
      fleetHeapMb: mb([...this.fleet.shards.values()].reduce((sum, shard) => sum + shard.heapUsedBytes, 0)),
      brokerRssMb: mb(rssOf(this.brokerPid)),
      lagP99Ms: Math.round(this.lag.percentile(99) / 1e6),
    };
    this.lag.reset();
    this.last = { at: now, sent: a.sent, answered: a.answered, alerts: a.alertsDelivered, errors };
    this.peaks.headEnd = Math.max(this.peaks.headEnd, s.headEndRssMb);
    this.peaks.fleet = Math.max(this.peaks.fleet, s.fleetRssMb);
    this.peaks.broker = Math.max(this.peaks.broker, s.brokerRssMb);
    if (elapsedMs !== undefined) this.timeline.push(s);
    return s;
  }

  stop(): void {
    this.lag.disable();
  }
}
