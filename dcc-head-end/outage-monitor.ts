import type { Clock, Eui64, HubState, TimerHandle } from '../protocol/index.js';
import type { HeadEndEventLog } from './event-log.js';
import type { Inbox } from './inbox.js';
import type { Inventory } from './inventory.js';
import type { Registration } from './registration.js';

/**
 * Power outage notices (BPM 02.04): when a hub goes offline (its last will, or a goodbye) and
 * stays offline for the delay, the network operator of each meter point on it gets DCC alert N1
 * with the hub, the start time and the MPxN; when the hub returns, N2. Emulator choice: the facts
 * give the 3-minute mark only for the meter's long-outage restore alert (0x8F36); we use the same
 * delay here, configurable.
 */
export const DEFAULT_OUTAGE_DELAY_MS = 3 * 60_000;

interface Outage {
  readonly startedAt: number;
  timer: TimerHandle | undefined;
  reported: boolean;
}

export class OutageMonitor {
  private readonly outages = new Map<Eui64, Outage>();

  constructor(
    private readonly deps: {
      readonly clock: Clock;
      readonly inventory: Inventory;
      readonly registration: Registration;
      readonly inbox: Inbox;
      readonly events: HeadEndEventLog;
      readonly atomically: <T>(writes: () => T) => T;
      readonly delayMs: number;
    },
  ) {}

  hubState(hub: Eui64, state: HubState): void {
    if (this.deps.inventory.get(hub)?.type !== 'CHF') return;
    const now = this.deps.clock.now();
    const outage = this.outages.get(hub);
    if (state === 'offline') {
      if (outage) return;
      const started: Outage = { startedAt: now, timer: undefined, reported: false };
      started.timer = this.deps.clock.setTimeout(() => this.report(hub, started), this.deps.delayMs);
      this.outages.set(hub, started);
      return;
    }
    if (!outage) return;
    this.outages.delete(hub);
    if (outage.timer) this.deps.clock.clearTimeout(outage.timer);
    if (outage.reported) this.notify(hub, 'N2', { hub, startedAt: iso(outage.startedAt), restoredAt: iso(now) });
  }

  stop(): void {
    for (const outage of this.outages.values()) if (outage.timer) this.deps.clock.clearTimeout(outage.timer);
    this.outages.clear();
  }

  private report(hub: Eui64, outage: Outage): void {
    outage.timer = undefined;
    outage.reported = true;
    this.notify(hub, 'N1', { hub, startedAt: iso(outage.startedAt) });
  }

  /** One alert per meter point on the hub, to that point's network operator. */
  private notify(hub: Eui64, code: 'N1' | 'N2', body: Record<string, string>): void {
    const now = this.deps.clock.now();
    const points = this.deps.inventory.pointsOfHub(hub);
    this.deps.atomically(() => {
      this.deps.events.record(now, code === 'N1' ? 'power-outage' : 'power-restored', body);
      for (const [mpxn, role] of [
        [points.electricity, 'electricityDistributor'],
        [points.gas, 'gasTransporter'],
      ] as const) {
        if (!mpxn) continue;
        const operator = this.deps.registration.partyAt(mpxn, role, now);
        if (operator)
          this.deps.inbox.append(operator, { kind: 'dccAlert', alertCode: code, body: { ...body, mpxn } }, now);
      }
    });
  }
}

function iso(time: number): string {
  return new Date(time).toISOString();
}
