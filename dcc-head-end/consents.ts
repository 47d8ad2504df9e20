import type { Eui64 } from '../protocol/index.js';
import type { Db } from './storage/database.js';

/** An Other User's consent to a meter point's data (Type C access): scope is '*' or SR variants. */
export interface Consent {
  readonly party: Eui64;
  readonly mpxn: string;
  readonly scope: '*' | readonly string[];
  readonly expiresAt: number;
}

export class Consents {
  constructor(private readonly db: Db) {}

  grant(consent: Consent): void {
    this.db.prepare('INSERT INTO consents (party, mpxn, scope, expires_at) VALUES (?, ?, ?, ?)').run(consent.party, consent.mpxn, JSON.stringify(consent.scope), consent.expiresAt);
  }

  revoke(party: Eui64, mpxn: string): number {
    return this.db.prepare('DELETE FROM consents WHERE party = ? AND mpxn = ?').run(party, mpxn).changes;
  }

  /** True when a live consent covers this SR for this party and meter point. */
  covers(party: Eui64, mpxn: string, serviceRequest: string, at: number): boolean {
    const rows = this.db.prepare('SELECT scope FROM consents WHERE party = ? AND mpxn = ? AND expires_at > ?').all(party, mpxn, at) as { scope: string }[];
    return rows.some((row) => {
      const scope = JSON.parse(row.scope) as Consent['scope'];
      return scope === '*' || scope.includes(serviceRequest);
    });
  }
}
