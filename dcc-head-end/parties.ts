import {
  publicKeyFromPoint,
  type EcPublicKey,
  type Eui64,
  type PartyCategory,
  type UserRole,
} from '../protocol/index.js';
import { ENTRY_PROCESSES, PARTY_STATUS, type EntryProcess, type PartyEvent, type PartyStatus } from './party-status.js';
import { DuisError } from './duis-error.js';
import type { Db } from './storage/database.js';

export interface PartyKeys {
  readonly ds: EcPublicKey;
  readonly ka?: EcPublicKey;
  /** Suppliers: the prepayment key agreement key, held by the DCC's token service (emulator choice). */
  readonly prepaymentKa?: EcPublicKey;
}

/** What services a suspension covers (SEC ch. 19): all, or a list of SR variants. */
export interface Suspension {
  readonly services: 'all' | readonly string[];
  /** Keep prepayment top-up (SR 2.2) working for the consumer's sake; on by default. */
  readonly keepTopUp: boolean;
  readonly since: number;
}

export interface Party {
  readonly eui: Eui64;
  readonly name: string;
  readonly categories: readonly PartyCategory[];
  readonly keys: PartyKeys;
  readonly status: PartyStatus;
  readonly entry: Partial<Record<EntryProcess, number>>;
  readonly suspension: Suspension | undefined;
  readonly webhookUrl: string | undefined;
}

/** The SEC category a DUIS user role needs (DUIS E1: the user id and role must go together). */
export const ROLE_CATEGORY: Readonly<Record<UserRole, PartyCategory>> = {
  IS: 'ImportSupplier',
  ES: 'ExportSupplier',
  GS: 'GasSupplier',
  ED: 'ElectricityDistributor',
  GT: 'GasTransporter',
  OU: 'OtherUser',
  RSA: 'MeterOperator',
};

interface PartyRow {
  eui: string;
  name: string;
  categories: string;
  ds_key: Buffer;
  ka_key: Buffer | null;
  pp_key: Buffer | null;
  status: string;
  entry: string;
  suspension: string | null;
  webhook_url: string | null;
}

/** The registry of SEC parties, kept in the head-end database. */
export class PartyRegistry {
  private readonly cache = new Map<Eui64, Party>();

  constructor(private readonly db: Db) {}

  get(eui: Eui64): Party | undefined {
    const cached = this.cache.get(eui);
    if (cached) return cached;
    const row = this.db.prepare('SELECT * FROM parties WHERE eui = ?').get(eui) as PartyRow | undefined;
    if (!row) return undefined;
    const party = fromRow(row);
    this.cache.set(eui, party);
    return party;
  }

  list(): Party[] {
    return (this.db.prepare('SELECT * FROM parties ORDER BY eui').all() as PartyRow[]).map(fromRow);
  }

  /** Add a party, in status Applied unless given. */
  add(
    party: Omit<Party, 'status' | 'entry' | 'suspension' | 'webhookUrl'> &
      Partial<Pick<Party, 'status' | 'entry' | 'webhookUrl'>>,
  ): Party {
    if (this.get(party.eui)) throw new DuisError('E1', `party ${party.eui} already exists`, 'eui');
    const full: Party = { status: 'Applied', entry: {}, suspension: undefined, webhookUrl: undefined, ...party };
    this.write(full);
    return full;
  }

  /** Record one entry process as completed on a date. */
  recordEntryProcess(eui: Eui64, process: EntryProcess, at: number): Party {
    const party = this.required(eui);
    return this.write({ ...party, entry: { ...party.entry, [process]: at } });
  }

  /** Move the party's status; activation needs all four entry processes recorded. */
  transition(eui: Eui64, event: PartyEvent, at: number, suspension?: Omit<Suspension, 'since'>): Party {
    const party = this.required(eui);
    const status = PARTY_STATUS.next(party.status, event);
    if (event === 'activate') {
      const missing = ENTRY_PROCESSES.filter((p) => party.entry[p] === undefined);
      if (missing.length > 0)
        throw new DuisError(
          'E3',
          `${eui} cannot become active before the entry processes: ${missing.join(', ')}`,
          'entry',
        );
    }
    const nextSuspension =
      event === 'suspend'
        ? { services: suspension?.services ?? 'all', keepTopUp: suspension?.keepTopUp ?? true, since: at }
        : status === 'Suspended'
          ? party.suspension
          : undefined;
    return this.write({ ...party, status, suspension: nextSuspension });
  }

  setWebhook(eui: Eui64, url: string | undefined): Party {
    return this.write({ ...this.required(eui), webhookUrl: url });
  }

  private required(eui: Eui64): Party {
    const party = this.get(eui);
    if (!party) throw new DuisError('E1', `no party ${eui}`, 'party');
    return party;
  }

  private write(party: Party): Party {
    this.db
      .prepare(
        `INSERT INTO parties (eui, name, categories, ds_key, ka_key, pp_key, status, entry, suspension, webhook_url)
         VALUES (@eui, @name, @categories, @ds, @ka, @pp, @status, @entry, @suspension, @webhook)
         ON CONFLICT (eui) DO UPDATE SET name=@name, categories=@categories, ds_key=@ds, ka_key=@ka, pp_key=@pp,
           status=@status, entry=@entry, suspension=@suspension, webhook_url=@webhook`,
      )
      .run({
        eui: party.eui,
        name: party.name,
        categories: JSON.stringify(party.categories),
        ds: Buffer.from(party.keys.ds.point),
        ka: party.keys.ka ? Buffer.from(party.keys.ka.point) : null,
        pp: party.keys.prepaymentKa ? Buffer.from(party.keys.prepaymentKa.point) : null,
        status: party.status,
        entry: JSON.stringify(party.entry),
        suspension: party.suspension ? JSON.stringify(party.suspension) : null,
        webhook: party.webhookUrl ?? null,
      });
    this.cache.set(party.eui, party);
    return party;
  }
}

function fromRow(row: PartyRow): Party {
  return {
    eui: row.eui as Eui64,
    name: row.name,
    categories: JSON.parse(row.categories) as PartyCategory[],
    keys: {
      ds: publicKeyFromPoint(row.ds_key),
      ...(row.ka_key ? { ka: publicKeyFromPoint(row.ka_key) } : {}),
      ...(row.pp_key ? { prepaymentKa: publicKeyFromPoint(row.pp_key) } : {}),
    },
    status: row.status as PartyStatus,
    entry: JSON.parse(row.entry) as Party['entry'],
    suspension: row.suspension ? (JSON.parse(row.suspension) as Suspension) : undefined,
    webhookUrl: row.webhook_url ?? undefined,
  };
}
