import type { Eui64 } from '../../protocol/index.js';
import { secParty } from '../lifecycle/context.js';
import type { ChargesContext } from './context.js';
import { ChargesError } from './errors.js';
import { computeInvoice, type Invoice, type InvoiceInputs } from './invoice.js';
import { chargeableBytes, usageOf } from './metering/usage.js';
import { utcDay } from './metering/usage-meter.js';
import { allocate } from './money.js';
import {
  POTS,
  chargingYearOf,
  checkStatement,
  monthBounds,
  nextPeriodStart,
  type ChargingStatement,
  type StatementInput,
} from './statement.js';

/**
 * SEC ch. 9: set a charging statement. It applies from the start of the next period (a quarter of
 * the charging year), never retroactively; the price per GB is firm for the year, so a revision
 * within a year may change the forecasts and fixed costs but not that price.
 */
export function setStatement(ctx: ChargesContext, input: StatementInput): ChargingStatement {
  checkStatement(input);
  const now = ctx.sec.clock.now();
  const sameYear = ctx.store.statements().filter((s) => s.year === input.year);
  const first = sameYear[0];
  if (first && first.pencePerGb !== input.pencePerGb)
    throw new ChargesError(
      'PRICE_FIRM_FOR_YEAR',
      `the price per GB for charging year ${input.year} is ${first.pencePerGb} pence, firm for the year`,
      'pencePerGb',
    );
  const effectiveFrom = nextPeriodStart(now, input.year, ctx.config.yearStartMonth);
  return ctx.store.addStatement({ ...input, effectiveFrom, setAt: now });
}

/** The parties the DCC invoices: every SEC party but the DCC's own, from accession (one that left: only what it still owes). */
function invoicedParties(ctx: ChargesContext): { eui: Eui64; otherUser: boolean; left: boolean }[] {
  return ctx.sec.headEnd.admin
    .parties()
    .filter((p) => !p.categories.includes('DCC') && p.status !== 'Applied')
    .map((p) => ({
      eui: p.eui,
      otherUser: p.categories.every((c) => c === 'OtherUser'),
      left: p.status === 'Withdrawn' || p.status === 'Expelled',
    }))
    .sort((a, b) => a.eui.localeCompare(b.eui));
}

/** The inputs of one party's invoice for a month: usage, systems and events as the records hold them. */
export function invoiceInputs(ctx: ChargesContext, party: Eui64, otherUser: boolean, month: string): InvoiceInputs {
  const { start, end } = monthBounds(month);
  const statement = ctx.store.statementAt(start);
  if (!statement) throw new ChargesError('NO_STATEMENT', `no charging statement applies to ${month}`, 'month');
  const lastDay = utcDay(end - 1);
  const usage = usageOf(ctx.store.db, party, utcDay(start), lastDay);
  const systems: Partial<Record<(typeof POTS)[number], number>> = {};
  for (const pot of POTS) systems[pot] = ctx.sec.headEnd.admin.enrolledPoints(party, end - 1, pot).length;
  const record = secParty(ctx.sec, party);
  const status = ctx.sec.headEnd.admin.party(party)?.status;
  const issuedAt = end;
  return {
    party,
    month,
    issuedAt,
    dueAt: ctx.sec.calendar.deadline(issuedAt, ctx.config.paymentTermsWorkingDays),
    statement,
    preGoLive: start < ctx.sec.config.goLive,
    otherUser,
    systems,
    chargeableBytes: chargeableBytes(usage),
    member: status !== 'Withdrawn' && status !== 'Expelled',
    accededInMonth: record.accededAt !== undefined && record.accededAt >= start && record.accededAt < end,
    optOuts: ctx.store.eventCount(party, 'optOut', start, end),
    electives: electiveShares(ctx, party, end),
    adjustments: ctx.store.openAdjustments(party, end),
    vatBp: ctx.config.vatBp,
  };
}

/**
 * Elective services are take-or-pay (SEC ch. 8): an accepted, uncancelled service's monthly price
 * is invoiced to its parties whether used or not, shared equally among several (our reading: the
 * seed says nothing of how joint parties split it), to the penny.
 */
function electiveShares(ctx: ChargesContext, party: Eui64, end: number): { id: number; sharePence: number }[] {
  return ctx.electives
    .all()
    .filter((s) => s.acceptedAt !== undefined && s.acceptedAt < end && s.parties.includes(party))
    .filter((s) => !s.cancelled || s.cancelled.at >= end)
    .map((s) => {
      const shares = allocate(
        s.offer?.terms.pricePencePerMonth ?? 0,
        [...s.parties].sort().map((key) => ({ key, weight: 1 })),
      );
      return { id: s.id, sharePence: shares.get(party) ?? 0 };
    })
    .filter((s) => s.sharePence > 0);
}

/**
 * SEC ch. 9: the month's invoices, in arrears, from actual data, once the month has ended. Issuing
 * twice gives the invoices already issued (one per party and month); a party that has none yet
 * gets it. The adjustments they carry are marked as invoiced in the same transaction.
 */
export function issueInvoices(ctx: ChargesContext, month: string): Invoice[] {
  const { start, end } = monthBounds(month);
  if (ctx.sec.clock.now() < end)
    throw new ChargesError('MONTH_NOT_ENDED', `${month} has not ended: invoices are in arrears`, 'month');
  if (!ctx.store.statementAt(start))
    throw new ChargesError('NO_STATEMENT', `no charging statement applies to ${month}`, 'month');
  const issued: Invoice[] = [];
  ctx.store.db.transaction(() => {
    for (const { eui, otherUser, left } of invoicedParties(ctx)) {
      const existing = ctx.store.invoiceFor(eui, month);
      if (existing) {
        issued.push(existing);
        continue;
      }
      const inputs = invoiceInputs(ctx, eui, otherUser, month);
      const computed = computeInvoice(ctx.store.nextInvoiceId(), inputs);
      if (left && computed.lines.length === 0) continue;
      const invoice = ctx.store.putInvoice(computed);
      ctx.store.markInvoiced(
        inputs.adjustments.map((a) => a.id),
        month,
      );
      issued.push(invoice);
    }
  })();
  return issued;
}

/** The charging year of a month (for reports). */
export function chargingYear(ctx: ChargesContext, month: string): number {
  return chargingYearOf(monthBounds(month).start, ctx.config.yearStartMonth);
}
