import type { Eui64 } from '../../protocol/index.js';
import type { Db } from '../../dcc-head-end/storage/database.js';
import type { Sec } from '../sec.js';
import { invoiceInputs, issueInvoices, setStatement } from './billing.js';
import { DEFAULT_CHARGES_CONFIG, type ChargesConfig } from './config.js';
import type { ChargesContext } from './context.js';
import { computeInvoice, type Invoice } from './invoice.js';
import { kpiReductions } from './kpi.js';
import { callOverdue, checkCover, invoiceStatus } from './ledger.js';
import { usageOf } from './metering/usage.js';
import { UsageMeter } from './metering/usage-meter.js';
import type { StatementInput } from './statement.js';
import { ChargesStore } from './store.js';

export interface ChargesOptions {
  readonly sec: Sec;
  readonly db: Db;
  readonly config?: Partial<ChargesConfig>;
  /** Meter gateway calls (default true); the bench turns it off to measure what it costs. */
  readonly metering?: boolean;
}

/**
 * The DCC's charges (SEC ch. 9, issue 16): usage metering, charging statements, monthly invoices,
 * payments, disputes, credit cover and bad debt. A sibling of the SEC lifecycle, on its context
 * (clock, working-day calendar, notices, default clocks); it reads the head-end only through its
 * facade and the durable tables the metering queries (metering/usage.ts).
 */
export class Charges {
  readonly ctx: ChargesContext;
  readonly meter: UsageMeter | undefined;

  constructor(options: ChargesOptions) {
    this.ctx = {
      sec: options.sec.ctx,
      electives: options.sec.ctx.electives,
      store: new ChargesStore(options.db),
      config: { ...DEFAULT_CHARGES_CONFIG, ...options.config },
    };
    this.meter = options.metering === false ? undefined : new UsageMeter(options.db, options.sec.ctx.clock);
  }

  /** Re-arm the due-date checks of invoices still unpaid (after a restart). */
  start(): void {
    for (const invoice of this.ctx.store.invoices())
      if (invoiceStatus(this.ctx, invoice.id).outstandingPence > 0) this.armDue(invoice);
  }

  stop(): void {
    this.meter?.flush();
  }

  setStatement(input: StatementInput) {
    return setStatement(this.ctx, input);
  }

  /** Issue the month's invoices, record the KPI reductions for the next, check each party's cover against its new requirement, arm the due dates. */
  issue(month: string): Invoice[] {
    const fresh = this.ctx.store.invoices({ month }).length === 0;
    const invoices = issueInvoices(this.ctx, month);
    // The month's missed KPIs reduce the next invoice (issued once, with the month's invoices).
    if (fresh && invoices.length > 0) kpiReductions(this.ctx, month);
    for (const invoice of invoices) {
      checkCover(this.ctx, invoice.party);
      this.armDue(invoice);
    }
    return invoices;
  }

  /** What the month's invoice for a party would be from the records as they stand (reproducibility checks). */
  recompute(invoice: Invoice): Invoice {
    const party = this.ctx.sec.headEnd.admin.party(invoice.party);
    const inputs = invoiceInputs(
      this.ctx,
      invoice.party,
      party?.categories.every((c) => c === 'OtherUser') ?? false,
      invoice.month,
    );
    // The adjustments the invoice carried are marked invoiced now; put back the ones it had.
    const carried = this.ctx.store.adjustments(invoice.party).filter((a) => a.invoicedIn === invoice.month);
    return computeInvoice(invoice.id, { ...inputs, adjustments: carried });
  }

  usage(party: Eui64 | undefined, from: string, to: string) {
    this.meter?.flush();
    return usageOf(this.ctx.store.db, party, from, to);
  }

  private armDue(invoice: Invoice): void {
    this.ctx.sec.at(invoice.dueAt + 1, () => callOverdue(this.ctx));
  }
}
