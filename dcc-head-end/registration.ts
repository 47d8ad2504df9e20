import type { Eui64 } from '../protocol/index.js';
import type { Db } from './storage/database.js';

/**
 * Who the industry registration data says holds each role for a meter point, over date ranges
 * (the data the DCC consults for Type A and B checks). History is kept: registering a new party
 * closes the current period at the new one's start.
 */
export const REGISTRATION_ROLES = [
  'importSupplier',
  'exportSupplier',
  'gasSupplier',
  'electricityDistributor',
  'gasTransporter',
  'meterOperator',
] as const;
export type RegistrationRole = (typeof REGISTRATION_ROLES)[number];

export interface RegistrationPeriod {
  readonly mpxn: string;
  readonly role: RegistrationRole;
  readonly party: Eui64;
  readonly from: number;
  readonly to: number | undefined;
}

interface Row {
  mpxn: string;
  role: string;
  party: string;
  valid_from: number;
  valid_to: number | null;
}

export class Registration {
  constructor(private readonly db: Db) {}

  /** `party` holds `role` for `mpxn` from `from` (ms); an open period before it ends there. */
  register(mpxn: string, role: RegistrationRole, party: Eui64, from: number): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          'UPDATE registrations SET valid_to = ? WHERE mpxn = ? AND role = ? AND valid_from < ? AND (valid_to IS NULL OR valid_to > ?)',
        )
        .run(from, mpxn, role, from, from);
      this.db
        .prepare('DELETE FROM registrations WHERE mpxn = ? AND role = ? AND valid_from >= ?')
        .run(mpxn, role, from);
      this.db
        .prepare('INSERT INTO registrations (mpxn, role, party, valid_from, valid_to) VALUES (?, ?, ?, ?, NULL)')
        .run(mpxn, role, party, from);
    })();
  }

  /** The party holding `role` for `mpxn` at `time`, if any. */
  partyAt(mpxn: string, role: RegistrationRole, time: number): Eui64 | undefined {
    const row = this.db
      .prepare(
        'SELECT party FROM registrations WHERE mpxn = ? AND role = ? AND valid_from <= ? AND (valid_to IS NULL OR valid_to > ?) ORDER BY valid_from DESC LIMIT 1',
      )
      .get(mpxn, role, time, time) as { party: string } | undefined;
    return row?.party as Eui64 | undefined;
  }

  history(mpxn: string): RegistrationPeriod[] {
    return (
      this.db.prepare('SELECT * FROM registrations WHERE mpxn = ? ORDER BY role, valid_from').all(mpxn) as Row[]
    ).map((r) => ({
      mpxn: r.mpxn,
      role: r.role as RegistrationRole,
      party: r.party as Eui64,
      from: r.valid_from,
      to: r.valid_to ?? undefined,
    }));
  }

  /** Meter points where `party` holds `role` at `time`. */
  pointsOf(party: Eui64, role: RegistrationRole, time: number): string[] {
    return (
      this.db
        .prepare(
          'SELECT mpxn FROM registrations WHERE party = ? AND role = ? AND valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)',
        )
        .all(party, role, time, time) as { mpxn: string }[]
    ).map((r) => r.mpxn);
  }
}
