/**
 * The charges tables (issue 16), appended at the end of the head-end's migration list
 * (dcc-head-end/storage/migrations.ts) after the SEC lifecycle's. Usage is one row per party, UTC
 * day, channel, SR, command variant and direction; the ledger keeps each record as a JSON
 * document keyed by what it is read by (the charges code owns the shapes: sec/charges/ledger/).
 */
export const CHARGES_MIGRATIONS: readonly { readonly id: number; readonly name: string; readonly sql: string }[] = [
  {
    id: 121,
    name: 'DCC charges: usage per party per day, statements, invoices, payments, disputes, adjustments',
    sql: `
      CREATE TABLE charges_usage (
        party TEXT NOT NULL,
        day TEXT NOT NULL,
        channel TEXT NOT NULL,
        sr TEXT NOT NULL,
        variant INTEGER NOT NULL,
        direction TEXT NOT NULL,
        messages INTEGER NOT NULL,
        bytes INTEGER NOT NULL,
        PRIMARY KEY (party, day, channel, sr, variant, direction)
      );
      CREATE TABLE charges_statements (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        effective_from INTEGER NOT NULL,
        record TEXT NOT NULL
      );
      CREATE TABLE charges_invoices (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        party TEXT NOT NULL,
        month TEXT NOT NULL,
        record TEXT NOT NULL,
        UNIQUE (party, month)
      );
      CREATE TABLE charges_payments (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        invoice INTEGER NOT NULL,
        record TEXT NOT NULL
      );
      CREATE INDEX charges_payments_by_invoice ON charges_payments (invoice);
      CREATE TABLE charges_disputes (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        invoice INTEGER NOT NULL,
        record TEXT NOT NULL
      );
      CREATE TABLE charges_adjustments (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        party TEXT NOT NULL,
        invoiced_in TEXT,
        record TEXT NOT NULL
      );
      CREATE INDEX charges_adjustments_open ON charges_adjustments (party, invoiced_in);
      CREATE TABLE charges_events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        party TEXT NOT NULL,
        at INTEGER NOT NULL,
        kind TEXT NOT NULL,
        record TEXT NOT NULL
      );
    `,
  },
];
