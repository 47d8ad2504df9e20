import type { Prng } from '../protocol/index.js';
import type { OnlineSet } from './online-set.js';
import type { ConsumerAction } from './fleet-messages.js';
import type { EventStep, FleetEventSpec, Profile, SoakRequest, TrafficStream } from './profile.js';

export interface TrafficDeps {
  readonly profile: Profile;
  readonly premises: number;
  readonly durationMs: number;
  readonly online: OnlineSet;
  readonly rng: Prng;
  /** Submit one request as its party and account for it; resolves once it is acknowledged or refused. */
  issue(request: SoakRequest, index: number): Promise<void>;
  /** Consumer actions go to the fleet in batches. */
  consumer(action: ConsumerAction, indices: readonly number[]): void;
  admin(step: Extract<EventStep, { admin: unknown }>['admin'], index: number): void;
}

/**
 * The profile's traffic on the real clock, a tick at a time (the caller ticks every 100 ms until
 * the duration is up, so the load is bounded by the run). Per-hour streams scale with the hubs
 * online and go to a random online premises; per-run streams walk the fleet in order, so each
 * premises gets its share, skipping any that is offline. Requests go only to online premises:
 * a party does not know a hub is down, but traffic to a dark hub would only measure the outage
 * (the storm profile's alerts do that). Events fire once at their time, over their share.
 */
export class TrafficDriver {
  private readonly credit: number[];
  private readonly cursor: number[];
  private readonly issued: number[];
  private readonly fired = new Set<FleetEventSpec>();
  private readonly pendingConsumer = new Map<ConsumerAction, number[]>();
  private readonly running = new Set<Promise<void>>();
  private lastTick = 0;

  constructor(private readonly deps: TrafficDeps) {
    this.credit = deps.profile.traffic.map(() => 0);
    this.cursor = deps.profile.traffic.map(() => 0);
    this.issued = deps.profile.traffic.map(() => 0);
  }

  /** Issue what is due up to `elapsedMs` into the run. */
  tick(elapsedMs: number): void {
    const stepMs = Math.max(0, elapsedMs - this.lastTick);
    this.lastTick = elapsedMs;
    this.deps.profile.traffic.forEach((stream, i) => this.stream(stream, i, stepMs, elapsedMs));
    for (const event of this.deps.profile.events) {
      const at = event.atMs ?? (event.atShare ?? 0) * this.deps.durationMs;
      if (elapsedMs >= at && !this.fired.has(event)) {
        this.fired.add(event);
        this.fire(event);
      }
    }
    this.flushConsumer();
  }

  /** Requests and event steps still waiting for their synchronous answer. */
  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running);
    this.flushConsumer();
  }

  private stream(stream: TrafficStream, i: number, stepMs: number, elapsedMs: number): void {
    const { online, premises, rng } = this.deps;
    if (online.size === 0) return;
    if (stream.perPremisesPerRun !== undefined) {
      // Per run: exactly its total by the end, due in proportion to the time gone.
      const total = Math.round(stream.perPremisesPerRun * premises);
      this.credit[i] = Math.floor(total * Math.min(1, elapsedMs / this.deps.durationMs) + 1e-9) - this.issued[i]!;
    } else this.credit[i]! += stream.perPremisesPerMs! * online.size * stepMs;
    for (; this.credit[i]! >= 1; this.credit[i]!--) {
      this.issued[i]!++;
      let index: number | undefined;
      if (stream.perPremisesPerRun !== undefined) {
        // Walk the fleet; an offline premises is skipped (at most one lap).
        for (let tries = 0; tries < premises && index === undefined; tries++) {
          const candidate = (this.cursor[i]!++ % premises) + 1;
          if (online.has(candidate)) index = candidate;
        }
      } else index = online.at(rng.int(online.size));
      if (index !== undefined) this.track(this.deps.issue(stream.request, index));
    }
  }

  private fire(event: FleetEventSpec): void {
    const count = Math.ceil(event.share * this.deps.premises);
    for (let index = 1; index <= count; index++) {
      const delay = event.spreadMs > 0 ? ((index - 1) / count) * event.spreadMs : 0;
      const run = async () => {
        if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
        for (const step of event.steps) await this.step(step, index);
      };
      this.track(run());
    }
  }

  private async step(step: EventStep, index: number): Promise<void> {
    if ('request' in step) await this.deps.issue(step.request, index);
    else if ('consumer' in step) {
      const list = this.pendingConsumer.get(step.consumer.action) ?? [];
      list.push(index);
      this.pendingConsumer.set(step.consumer.action, list);
      // A power cut means the hub is gone now: no more traffic to it.
      if (step.consumer.action === 'powerOutage' || step.consumer.action === 'hubOffline')
        this.deps.online.delete(index);
    } else this.deps.admin(step.admin, index);
  }

  private flushConsumer(): void {
    for (const [action, indices] of this.pendingConsumer)
      if (indices.length > 0) this.deps.consumer(action, indices.splice(0));
  }

  private track(promise: Promise<void>): void {
    const tracked = promise.catch(() => undefined).finally(() => this.running.delete(tracked));
    this.running.add(tracked);
  }
}
