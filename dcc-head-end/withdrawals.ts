import type { Eui64 } from '../protocol/index.js';
import { DuisError } from './duis-error.js';
import type { Inbox } from './inbox.js';
import type { Inventory } from './inventory.js';
import type { Party } from './parties.js';
import type { RequestContext } from './pipeline/request.js';
import type { Db } from './storage/database.js';
import type { HeadEndEventLog } from './event-log.js';

/**
 * Withdrawal of a smart metering system (SEC §144-153; BPM 03): only the import supplier, or the
 * gas supplier for a gas-only system, may withdraw it, from a date. From that date every party
 * gets E5 for its devices; every active party is told at once (DCC alert N40, emulator choice).
 */
export class Withdrawals {
  constructor(
    private readonly deps: {
      readonly db: Db;
      readonly inventory: Inventory;
      readonly inbox: Inbox;
      readonly events: HeadEndEventLog;
      readonly parties: () => readonly Party[];
    },
  ) {}

  /** When the hub's system is (or will be) withdrawn, if it is. */
  effectiveFrom(hub: Eui64): number | undefined {
    const row = this.deps.db.prepare('SELECT effective_at FROM withdrawals WHERE hub = ?').get(hub) as
      { effective_at: number } | undefined;
    return row?.effective_at;
  }

  withdrawn(hub: Eui64 | undefined, at: number): boolean {
    if (!hub) return false;
    const from = this.effectiveFrom(hub);
    return from !== undefined && from <= at;
  }

  /**
   * The withdrawal's own rules, after the access control every request passes
   * (pipeline/sec-processes.ts): the target is a hub, a gas supplier withdraws only a gas-only
   * system, and a system is withdrawn once. Throws the DUIS refusal.
   */
  withdraw(ctx: RequestContext, effectiveFrom: number): { hub: Eui64; points: string[]; effectiveFrom: number } {
    const { party, now } = ctx;
    const device = ctx.target!;
    const hub = device.eui;
    if (device.type !== 'CHF')
      throw new DuisError('E11', `${hub} is a ${device.type}: a system is withdrawn by its Communications Hub`, 'hub');
    const points = this.deps.inventory.pointsOfHub(hub);
    // GS withdraws only a gas-only system: with electricity on the hub, it is the import supplier's call.
    if (ctx.request.role === 'GS' && points.electricity)
      throw new DuisError(
        'E4',
        `the system on ${hub} has electricity: only its import supplier may withdraw it`,
        'hub',
      );
    if (this.effectiveFrom(hub) !== undefined)
      throw new DuisError('E5', `the system on ${hub} is already withdrawn or being withdrawn`, 'hub');
    const all = [points.electricity, points.gas].filter((p): p is string => p !== undefined);
    this.deps.db.transaction(() => {
      this.deps.db
        .prepare('INSERT INTO withdrawals (hub, effective_at, requested_by) VALUES (?, ?, ?)')
        .run(hub, effectiveFrom, party.eui);
      this.deps.events.record(now, 'withdrawal', { hub, points: all, effectiveFrom, by: party.eui });
      for (const p of this.deps.parties()) {
        if (p.status === 'Active')
          this.deps.inbox.append(
            p.eui,
            {
              kind: 'dccAlert',
              alertCode: 'N40',
              body: { hub, points: all, effectiveFrom: new Date(effectiveFrom).toISOString() },
            },
            now,
          );
      }
    })();
    return { hub, points: all, effectiveFrom };
  }
}
