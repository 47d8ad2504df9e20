import type { Eui64 } from '../../protocol/index.js';
import type { Db } from '../../dcc-head-end/storage/database.js';
import type { Adjustment, Invoice } from './invoice.js';
import type { ChargingStatement } from './statement.js';

export interface Payment {
  readonly id: number;
  readonly invoice: number;
  readonly at: number;
  readonly amountPence: number;
  /** party: paid by the party; cover: drawn from its credit cover by the DCC. */
  readonly source: 'party' | 'cover';
}

export interface Dispute {
  readonly id: number;
  readonly invoice: number;
  readonly party: Eui64;
  readonly raisedAt: number;
  readonly reason: string;
  readonly resolved?: { readonly at: number; readonly adjustmentPence: number; readonly note: string };
}

export interface StoredAdjustment extends Adjustment {
  readonly party: Eui64;
  readonly at: number;
  readonly invoicedIn?: string;
}

/** The charges ledger's records (tables: sec/charges/storage-migrations.ts), one JSON document each. */
export class ChargesStore {
  constructor(readonly db: Db) {}

  addStatement(statement: Omit<ChargingStatement, 'id'>): ChargingStatement {
    const id = Number(
      this.db
        .prepare('INSERT INTO charges_statements (effective_from, record) VALUES (?, ?)')
        .run(statement.effectiveFrom, '{}').lastInsertRowid,
    );
    const stored = { ...statement, id };
    this.db.prepare('UPDATE charges_statements SET record = ? WHERE id = ?').run(JSON.stringify(stored), id);
    return stored;
  }

  statements(): ChargingStatement[] {
    return this.records<ChargingStatement>('SELECT record FROM charges_statements ORDER BY effective_from, id');
  }

  /** The statement in force at `at`: the latest set whose period has begun. */
  statementAt(at: number): ChargingStatement | undefined {
    return this.statements()
      .filter((s) => s.effectiveFrom <= at)
      .at(-1);
  }

  nextInvoiceId(): number {
    return ((this.db.prepare('SELECT MAX(id) AS id FROM charges_invoices').get() as { id: number | null }).id ?? 0) + 1;
  }

  putInvoice(invoice: Invoice): Invoice {
    this.db
      .prepare('INSERT INTO charges_invoices (id, party, month, record) VALUES (?, ?, ?, ?)')
      .run(invoice.id, invoice.party, invoice.month, JSON.stringify(invoice));
    return invoice;
  }

  invoice(id: number): Invoice | undefined {
    return this.records<Invoice>('SELECT record FROM charges_invoices WHERE id = ?', id)[0];
  }

  invoiceFor(party: Eui64, month: string): Invoice | undefined {
    return this.records<Invoice>('SELECT record FROM charges_invoices WHERE party = ? AND month = ?', party, month)[0];
  }

  invoices(filter: { party?: Eui64; month?: string } = {}): Invoice[] {
    return this.records<Invoice>(
      `SELECT record FROM charges_invoices WHERE (@party IS NULL OR party = @party) AND (@month IS NULL OR month = @month) ORDER BY month, party`,
      { party: filter.party ?? null, month: filter.month ?? null },
    );
  }

  addPayment(payment: Omit<Payment, 'id'>): Payment {
    const id = Number(
      this.db.prepare('INSERT INTO charges_payments (invoice, record) VALUES (?, ?)').run(payment.invoice, '{}')
        .lastInsertRowid,
    );
    const stored = { ...payment, id };
    this.db.prepare('UPDATE charges_payments SET record = ? WHERE id = ?').run(JSON.stringify(stored), id);
    return stored;
  }

  payments(invoice: number): Payment[] {
    return this.records<Payment>('SELECT record FROM charges_payments WHERE invoice = ? ORDER BY id', invoice);
  }

  addDispute(dispute: Omit<Dispute, 'id'>): Dispute {
    const id = Number(
      this.db.prepare('INSERT INTO charges_disputes (invoice, record) VALUES (?, ?)').run(dispute.invoice, '{}')
        .lastInsertRowid,
    );
    return this.putDispute({ ...dispute, id });
  }

  putDispute(dispute: Dispute): Dispute {
    this.db.prepare('UPDATE charges_disputes SET record = ? WHERE id = ?').run(JSON.stringify(dispute), dispute.id);
    return dispute;
  }

  dispute(id: number): Dispute | undefined {
    return this.records<Dispute>('SELECT record FROM charges_disputes WHERE id = ?', id)[0];
  }

  disputes(invoice?: number): Dispute[] {
    return this.records<Dispute>(
      'SELECT record FROM charges_disputes WHERE (@invoice IS NULL OR invoice = @invoice) ORDER BY id',
      { invoice: invoice ?? null },
    );
  }

  addAdjustment(adjustment: Omit<StoredAdjustment, 'id'>): StoredAdjustment {
    const id = Number(
      this.db
        .prepare('INSERT INTO charges_adjustments (party, invoiced_in, record) VALUES (?, NULL, ?)')
        .run(adjustment.party, '{}').lastInsertRowid,
    );
    const stored = { ...adjustment, id };
    this.db.prepare('UPDATE charges_adjustments SET record = ? WHERE id = ?').run(JSON.stringify(stored), id);
    return stored;
  }

  /** Adjustments not yet on an invoice, made before `before`. */
  openAdjustments(party: Eui64, before: number): StoredAdjustment[] {
    return this.records<StoredAdjustment>(
      'SELECT record FROM charges_adjustments WHERE party = ? AND invoiced_in IS NULL ORDER BY id',
      party,
    ).filter((a) => a.at < before);
  }

  markInvoiced(ids: readonly number[], month: string): void {
    for (const id of ids) {
      const row = this.records<StoredAdjustment>('SELECT record FROM charges_adjustments WHERE id = ?', id)[0];
      if (!row) continue;
      this.db
        .prepare('UPDATE charges_adjustments SET invoiced_in = ?, record = ? WHERE id = ?')
        .run(month, JSON.stringify({ ...row, invoicedIn: month }), id);
    }
  }

  adjustments(party?: Eui64): StoredAdjustment[] {
    return this.records<StoredAdjustment>(
      'SELECT record FROM charges_adjustments WHERE (@party IS NULL OR party = @party) ORDER BY id',
      { party: party ?? null },
    );
  }

  addEvent(party: Eui64, at: number, kind: string, record: Record<string, unknown>): void {
    this.db
      .prepare('INSERT INTO charges_events (party, at, kind, record) VALUES (?, ?, ?, ?)')
      .run(party, at, kind, JSON.stringify(record));
  }

  eventCount(party: Eui64, kind: string, from: number, to: number): number {
    return (
      this.db
        .prepare('SELECT COUNT(*) AS n FROM charges_events WHERE party = ? AND kind = ? AND at >= ? AND at < ?')
        .get(party, kind, from, to) as { n: number }
    ).n;
  }

  events(kind: string): { party: Eui64; at: number; record: Record<string, unknown> }[] {
    return (
      this.db.prepare('SELECT party, at, record FROM charges_events WHERE kind = ? ORDER BY id').all(kind) as {
        party: Eui64;
        at: number;
        record: string;
      }[]
    ).map((row) => ({ ...row, record: JSON.parse(row.record) as Record<string, unknown> }));
  }

  private records<T>(sql: string, ...params: unknown[]): T[] {
    return (this.db.prepare(sql).all(...params) as { record: string }[]).map((row) => JSON.parse(row.record) as T);
  }
}
