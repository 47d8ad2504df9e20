import { CHARGES_MIGRATIONS } from '../../sec/charges/storage-migrations.js';
import { SEC_MIGRATIONS } from '../../sec/storage/migrations.js';
import { PARTY_EXIT_MIGRATIONS } from './sec-migrations.js';

/**
 * Schema migrations, applied in order and recorded in `schema_migrations`. Never edit one that
 * has shipped: add the next. Counters are TEXT because SQLite integers stop at 2^63-1 and DUIS
 * counters go to 2^64-1.
 */
export const MIGRATIONS: readonly { readonly id: number; readonly name: string; readonly sql: string }[] = [
  {
    id: 1,
    name: 'head-end core',
    sql: `
      CREATE TABLE parties (
        eui TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        categories TEXT NOT NULL,
        ds_key BLOB NOT NULL,
        ka_key BLOB,
        pp_key BLOB,
        status TEXT NOT NULL,
        entry TEXT NOT NULL,
        suspension TEXT,
        webhook_url TEXT
      );
      CREATE TABLE registrations (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        mpxn TEXT NOT NULL,
        role TEXT NOT NULL,
        party TEXT NOT NULL,
        valid_from INTEGER NOT NULL,
        valid_to INTEGER
      );
      CREATE INDEX registrations_by_point ON registrations (mpxn, role, valid_from);
      CREATE TABLE consents (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        party TEXT NOT NULL,
        mpxn TEXT NOT NULL,
        scope TEXT NOT NULL,
        expires_at INTEGER NOT NULL
      );
      CREATE INDEX consents_by_party ON consents (party, mpxn);
      CREATE TABLE devices (
        eui TEXT PRIMARY KEY,
        type TEXT NOT NULL,
        status TEXT NOT NULL,
        hub TEXT,
        mpxn TEXT,
        ds_key BLOB,
        ka_key BLOB,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX devices_by_hub ON devices (hub);
      CREATE TABLE counters (
        name TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
      CREATE TABLE requests (
        party TEXT NOT NULL,
        counter TEXT NOT NULL,
        request_id TEXT NOT NULL,
        target TEXT NOT NULL,
        hub TEXT,
        sr TEXT NOT NULL,
        variant INTEGER NOT NULL,
        state TEXT NOT NULL,
        command BLOB,
        created_at INTEGER NOT NULL,
        deadline INTEGER,
        PRIMARY KEY (party, counter)
      );
      CREATE INDEX requests_open ON requests (state);
      CREATE TABLE inbox (
        cursor INTEGER PRIMARY KEY AUTOINCREMENT,
        party TEXT NOT NULL,
        kind TEXT NOT NULL,
        request_id TEXT,
        code TEXT,
        sr TEXT,
        alert_code TEXT,
        body TEXT NOT NULL,
        received_at INTEGER NOT NULL
      );
      CREATE INDEX inbox_by_party ON inbox (party, cursor);
      CREATE TABLE webhook_deliveries (
        cursor INTEGER NOT NULL,
        party TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_at INTEGER NOT NULL,
        delivered_at INTEGER,
        last_error TEXT,
        PRIMARY KEY (cursor, party)
      );
      CREATE INDEX webhook_due ON webhook_deliveries (delivered_at, next_at);
      CREATE TABLE event_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        kind TEXT NOT NULL,
        detail TEXT NOT NULL
      );
    `,
  },
  {
    id: 2,
    name: 'token service keys',
    sql: `
      CREATE TABLE token_keys (
        supplier TEXT PRIMARY KEY,
        pp_private BLOB NOT NULL
      );
    `,
  },
  {
    id: 3,
    name: 'inventory: installing supplier and device model',
    sql: `
      ALTER TABLE devices ADD COLUMN installer TEXT;
      ALTER TABLE devices ADD COLUMN model TEXT;
    `,
  },
  {
    id: 4,
    name: 'change of tenancy, withdrawal',
    sql: `
      ALTER TABLE consents ADD COLUMN granted_at INTEGER NOT NULL DEFAULT 0;
      CREATE TABLE tenancies (
        mpxn TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        recorded_by TEXT NOT NULL
      );
      CREATE INDEX tenancies_by_point ON tenancies (mpxn, started_at);
      CREATE TABLE withdrawals (
        hub TEXT PRIMARY KEY,
        effective_at INTEGER NOT NULL,
        requested_by TEXT NOT NULL
      );
    `,
  },
  {
    id: 5,
    name: 'device replacement',
    sql: `
      CREATE TABLE replacements (
        old_device TEXT PRIMARY KEY,
        new_device TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        completed_at INTEGER,
        requested_by TEXT NOT NULL
      );
      CREATE INDEX replacements_by_new ON replacements (new_device);
      CREATE TABLE relays (
        acb_counter TEXT PRIMARY KEY,
        party TEXT NOT NULL,
        counter TEXT NOT NULL
      );
    `,
  },
  {
    id: 6,
    name: 'DCC-originated commands: schedules and firmware distribution',
    sql: `
      ALTER TABLE requests ADD COLUMN deliver_to TEXT;
      CREATE TABLE schedules (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        owner TEXT NOT NULL,
        role TEXT NOT NULL,
        sr TEXT NOT NULL,
        target TEXT NOT NULL,
        body TEXT NOT NULL,
        interval_ms INTEGER NOT NULL,
        next_run INTEGER NOT NULL,
        runs INTEGER NOT NULL DEFAULT 0,
        deleted_at INTEGER
      );
    `,
  },
  // SEC ch. 5, 6, 8, 19, 20 (issue 15): the head-end's exit hooks, then the SEC side's own tables.
  ...PARTY_EXIT_MIGRATIONS,
  ...SEC_MIGRATIONS,
  // SEC ch. 9 (issue 16): usage metering and the DCC's charges.
  ...CHARGES_MIGRATIONS,
];
