import type { Eui64, UserRole } from '../protocol/index.js';
import { DuisError } from './duis-error.js';
import type { Inbox } from './inbox.js';
import type { Inventory } from './inventory.js';
import { ROLE_CATEGORY, type Party } from './parties.js';
import type { Registration } from './registration.js';
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
      readonly registration: Registration;
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

  /** A party asks to withdraw the system on `hub` from `effectiveFrom`. Throws the DUIS refusal. */
  request(
    party: Party,
    role: UserRole,
    hub: Eui64,
    effectiveFrom: number,
    now: number,
  ): { hub: Eui64; points: string[]; effectiveFrom: number } {
    if (party.status !== 'Active') throw new DuisError('E3', `${party.eui} is ${party.status}, not Active`, 'party');
    if (!party.categories.includes(ROLE_CATEGORY[role]))
      throw new DuisError('E1', `${party.eui} does not hold ${ROLE_CATEGORY[role]}, which role ${role} needs`, 'role');
    if (role !== 'IS' && role !== 'GS')
      throw new DuisError(
        'E2',
        `only the import supplier (IS), or the gas supplier (GS) for gas, may withdraw a system; not ${role}`,
        'role',
      );
    const device = this.deps.inventory.get(hub);
    if (device?.type !== 'CHF')
      throw new DuisError('E19', `${hub} is not a Communications Hub in the inventory`, 'hub');
    const points = this.deps.inventory.pointsOfHub(hub);
    const point = role === 'IS' ? points.electricity : points.gas;
    // GS withdraws only a gas-only system: with electricity on the hub, it is the import supplier's call.
    if (role === 'GS' && points.electricity)
      throw new DuisError(
        'E4',
        `the system on ${hub} has electricity: only its import supplier may withdraw it`,
        'hub',
      );
    const registered = point
      ? this.deps.registration.partyAt(point, role === 'IS' ? 'importSupplier' : 'gasSupplier', now)
      : undefined;
    if (!point || registered !== party.eui)
      throw new DuisError(
        'E4',
        `${party.eui} is not the registered ${role === 'IS' ? 'import' : 'gas'} supplier of the system on ${hub}`,
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
