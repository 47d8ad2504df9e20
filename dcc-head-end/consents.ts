import type { Eui64 } from '../protocol/index.js';
import type { Db } from './storage/database.js';

/** An Other User's consent to a meter point's data (Type C access): scope is '*' or SR variants. */
export interface Consent {
  readonly party: Eui64;
  readonly mpxn: string;
  readonly scope: '*' | readonly string[];
  readonly expiresAt: number;
  /** When the consumer gave it; a change of tenancy voids consents given before it. */
  readonly grantedAt?: number;
}

export class Consents {
  constructor(private readonly db: Db) {}

  grant(consent: Consent): void {
    this.db
      .prepare('INSERT INTO consents (party, mpxn, scope, expires_at, granted_at) VALUES (?, ?, ?, ?, ?)')
      .run(consent.party, consent.mpxn, JSON.stringify(consent.scope), consent.expiresAt, consent.grantedAt ?? 0);
  }

  /** SR 3.2 (BPM 02.05): a new tenancy from `startedAt`; the old tenant's consents stop counting. */
  recordTenancy(mpxn: string, startedAt: number, recordedBy: Eui64): void {
    this.db
      .prepare('INSERT INTO tenancies (mpxn, started_at, recorded_by) VALUES (?, ?, ?)')
      .run(mpxn, startedAt, recordedBy);
  }

  tenancyStart(mpxn: string, at: number): number | undefined {
    const row = this.db
      .prepare('SELECT MAX(started_at) AS start FROM tenancies WHERE mpxn = ? AND started_at <= ?')
      .get(mpxn, at) as { start: number | null };
    return row.start ?? undefined;
  }

  revoke(party: Eui64, mpxn: string): number {
    return this.db.prepare('DELETE FROM consents WHERE party = ? AND mpxn = ?').run(party, mpxn).changes;
  }

  /** SEC ch. 20: the consents a party that left holds lapse at `at`; returns how many. */
  lapseHeldBy(party: Eui64, at: number): number {
    return this.db.prepare('UPDATE consents SET expires_at = ? WHERE party = ? AND expires_at > ?').run(at, party, at)
      .changes;
  }

  /** True when a live consent covers this SR for this party and meter point. */
  covers(party: Eui64, mpxn: string, serviceRequest: string, at: number): boolean {
    // Only the current tenant's consent counts: one given before the latest change of tenancy does not.
    const since = this.tenancyStart(mpxn, at) ?? -1;
    const rows = this.db
      .prepare('SELECT scope FROM consents WHERE party = ? AND mpxn = ? AND expires_at > ? AND granted_at >= ?')
      .all(party, mpxn, at, since) as { scope: string }[];
    return rows.some((row) => {
      const scope = JSON.parse(row.scope) as Consent['scope'];
      return scope === '*' || scope.includes(serviceRequest);
    });
  }
}
