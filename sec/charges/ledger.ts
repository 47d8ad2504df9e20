import type { Eui64 } from '../../protocol/index.js';
import { notify, secParty, update } from '../lifecycle/context.js';
import { openDefaultClock } from '../lifecycle/defaults.js';
import { lodgeCreditCover } from '../lifecycle/entry.js';
import type { ChargesContext } from './context.js';
import { ChargesError } from './errors.js';
import type { Invoice } from './invoice.js';
import { allocate, divCeil, divRound } from './money.js';
import type { Dispute, Payment } from './store.js';

const DAY_MS = 86_400_000;

/** An invoice with what has been paid against it (by the party and from its cover). */
export interface InvoiceStatus {
  readonly invoice: Invoice;
  readonly paidPence: number;
  readonly outstandingPence: number;
  readonly payments: readonly Payment[];
  readonly disputes: readonly Dispute[];
  readonly state: 'paid' | 'due' | 'overdue';
}

function known(ctx: ChargesContext, id: number): Invoice {
  const invoice = ctx.store.invoice(id);
  if (!invoice) throw new ChargesError('UNKNOWN_INVOICE', `there is no invoice ${id}`, 'invoice');
  return invoice;
}

export function invoiceStatus(ctx: ChargesContext, id: number): InvoiceStatus {
  const invoice = known(ctx, id);
  const payments = ctx.store.payments(id);
  const paidPence = payments.reduce((sum, p) => sum + p.amountPence, 0);
  const outstandingPence = Math.max(0, invoice.totalPence - paidPence);
  const state = outstandingPence === 0 ? 'paid' : ctx.sec.clock.now() > invoice.dueAt ? 'overdue' : 'due';
  return { invoice, paidPence, outstandingPence, payments, disputes: ctx.store.disputes(id), state };
}

/**
 * A payment against an invoice. Checked before anything is written: an unknown invoice, a
 * negative or zero amount, more than is outstanding, and (from the User Gateway) a payer not on
 * the invoice are refused by name. Paid after the due date, it accrues late payment interest,
 * simple, per day late, on the amount paid (config.lateInterestBpPerYear), charged on the next invoice.
 */
export function pay(ctx: ChargesContext, id: number, amountPence: number, payer?: Eui64): Payment {
  const status = invoiceStatus(ctx, id);
  if (payer !== undefined && payer !== status.invoice.party)
    throw new ChargesError('NOT_ON_INVOICE', `invoice ${id} is ${status.invoice.party}'s, not ${payer}'s`, 'invoice');
  positive(amountPence);
  if (amountPence > status.outstandingPence)
    throw new ChargesError(
      'OVERPAYMENT',
      `invoice ${id} has ${status.outstandingPence} pence outstanding; ${amountPence} is more`,
      'amountPence',
    );
  const now = ctx.sec.clock.now();
  return ctx.store.db.transaction(() => {
    const payment = ctx.store.addPayment({ invoice: id, at: now, amountPence, source: 'party' });
    accrueInterest(ctx, status.invoice, amountPence, now);
    return payment;
  })();
}

function positive(amountPence: number, field = 'amountPence'): void {
  if (!Number.isSafeInteger(amountPence))
    throw new ChargesError('BAD_CHARGES_INPUT', `${field} is a whole number of pence`, field);
  if (amountPence <= 0) throw new ChargesError('NEGATIVE_AMOUNT', `${field} must be more than 0 pence`, field);
}

/** Interest on `amount` from the due date to `at` (whole days late), as an adjustment for the next invoice. */
function accrueInterest(ctx: ChargesContext, invoice: Invoice, amountPence: number, at: number): void {
  const daysLate = Math.floor((at - invoice.dueAt) / DAY_MS) + (at > invoice.dueAt ? 1 : 0);
  if (daysLate <= 0) return;
  const interest = Number(
    divRound(BigInt(amountPence) * BigInt(ctx.config.lateInterestBpPerYear) * BigInt(daysLate), 10_000n * 365n),
  );
  if (interest === 0) return;
  ctx.store.addAdjustment({
    party: invoice.party,
    at,
    kind: 'interest',
    description: `Late payment interest: ${amountPence} pence of invoice ${invoice.id}, ${daysLate} days late`,
    amountPence: interest,
  });
}

/**
 * "Pay now, dispute later" (SEC ch. 9): a dispute is recorded against the invoice, which stays due
 * in full. Only a party on the invoice may raise one.
 */
export function dispute(ctx: ChargesContext, id: number, party: Eui64, reason: string): Dispute {
  const invoice = known(ctx, id);
  if (invoice.party !== party)
    throw new ChargesError('NOT_ON_INVOICE', `${party} is not on invoice ${id} (it is ${invoice.party}'s)`, 'party');
  if (reason.trim() === '') throw new ChargesError('BAD_CHARGES_INPUT', 'a dispute needs a reason', 'reason');
  const raised = ctx.store.addDispute({ invoice: id, party, raisedAt: ctx.sec.clock.now(), reason });
  notify(ctx.sec, 'invoice-disputed', party, reason, 'party', { invoice: id, dispute: raised.id });
  return raised;
}

/**
 * The dispute is resolved separately: `adjustmentPence` (negative: a credit to the party) goes on
 * its next invoice as a line; the disputed invoice itself never changes.
 */
export function resolveDispute(ctx: ChargesContext, disputeId: number, adjustmentPence: number, note: string): Dispute {
  const found = ctx.store.dispute(disputeId);
  if (!found) throw new ChargesError('UNKNOWN_DISPUTE', `there is no dispute ${disputeId}`, 'dispute');
  if (found.resolved) throw new ChargesError('DISPUTE_RESOLVED', `dispute ${disputeId} is already resolved`, 'dispute');
  if (!Number.isSafeInteger(adjustmentPence))
    throw new ChargesError('BAD_CHARGES_INPUT', 'adjustmentPence is a whole number of pence', 'adjustmentPence');
  const now = ctx.sec.clock.now();
  return ctx.store.db.transaction(() => {
    const resolved = ctx.store.putDispute({ ...found, resolved: { at: now, adjustmentPence, note } });
    if (adjustmentPence !== 0)
      ctx.store.addAdjustment({
        party: found.party,
        at: now,
        kind: 'dispute',
        description: `Dispute ${disputeId} on invoice ${found.invoice} resolved: ${note}`,
        amountPence: adjustmentPence,
      });
    notify(ctx.sec, 'dispute-resolved', found.party, note, 'party', { dispute: disputeId, adjustmentPence });
    return resolved;
  })();
}

/**
 * Credit cover sized to exposure (SEC ch. 9): config.coverMultipleBp times the average total of
 * the party's last config.coverInvoices invoices, rounded up to the penny; before any invoice,
 * the SEC side's configured amount (sec/config.ts creditCoverPence).
 */
export function requiredCover(ctx: ChargesContext, party: Eui64): number {
  const recent = ctx.store.invoices({ party }).slice(-ctx.config.coverInvoices);
  if (recent.length === 0) return ctx.sec.config.creditCoverPence;
  const sum = recent.reduce((s, i) => s + Math.max(0, i.totalPence), 0);
  return Number(divCeil(BigInt(sum) * BigInt(ctx.config.coverMultipleBp), 10_000n * BigInt(recent.length)));
}

/** Lodge cover (the SEC side's entry process counts it too); a shortfall clock is remedied once cover meets the requirement. */
export function lodgeCover(ctx: ChargesContext, party: Eui64, amountPence: number): number {
  positive(amountPence);
  lodgeCreditCover(ctx.sec, party, amountPence);
  const cover = secParty(ctx.sec, party).creditCoverPence;
  if (cover >= requiredCover(ctx, party))
    update(ctx.sec, party, (r) => ({
      ...r,
      clocks: r.clocks.map((c) =>
        c.kind === 'creditCoverShortfall' && c.remediedAt === undefined ? { ...c, remediedAt: ctx.sec.clock.now() } : c,
      ),
    }));
  return cover;
}

/** A shortfall against the requirement is a default event (SEC ch. 19, sec/lifecycle/defaults.ts). */
export function checkCover(ctx: ChargesContext, party: Eui64): number {
  const record = secParty(ctx.sec, party);
  const shortfall = requiredCover(ctx, party) - record.creditCoverPence;
  const open = record.clocks.some((c) => c.kind === 'creditCoverShortfall' && c.remediedAt === undefined);
  if (shortfall > 0 && !open)
    openDefaultClock(
      ctx.sec,
      party,
      'creditCoverShortfall',
      `credit cover ${shortfall} pence short of the requirement`,
      shortfall,
    );
  return Math.max(0, shortfall);
}

/**
 * An invoice unpaid when due: the DCC calls on the party's cover at once (SEC ch. 9), and opens the
 * payment default clock for what the cover does not meet. That remainder is socialised within the
 * current charging period as an explicit charge on the other parties, in proportion to their DCC
 * charges (invoice subtotals) over the preceding 12 months. Socialised at once, when the cover
 * falls short (our reading; should the debtor pay later, crediting the others back is not built).
 */
export function callOverdue(
  ctx: ChargesContext,
): { invoice: number; fromCoverPence: number; socialisedPence: number }[] {
  const now = ctx.sec.clock.now();
  const out: { invoice: number; fromCoverPence: number; socialisedPence: number }[] = [];
  for (const invoice of ctx.store.invoices()) {
    if (invoice.dueAt >= now || invoice.totalPence <= 0) continue;
    if (ctx.store.events('coverCalled').some((e) => e.record.invoice === invoice.id)) continue;
    const status = invoiceStatus(ctx, invoice.id);
    if (status.outstandingPence === 0) continue;
    ctx.store.db.transaction(() => {
      const cover = secParty(ctx.sec, invoice.party).creditCoverPence;
      const fromCover = Math.min(cover, status.outstandingPence);
      const remaining = status.outstandingPence - fromCover;
      ctx.store.addEvent(invoice.party, now, 'coverCalled', { invoice: invoice.id, fromCover, remaining });
      if (fromCover > 0) {
        ctx.store.addPayment({ invoice: invoice.id, at: now, amountPence: fromCover, source: 'cover' });
        update(ctx.sec, invoice.party, (r) => ({ ...r, creditCoverPence: r.creditCoverPence - fromCover }));
        notify(ctx.sec, 'credit-cover-called', invoice.party, `invoice ${invoice.id} unpaid when due`, 'party', {
          invoice: invoice.id,
          fromCoverPence: fromCover,
        });
      }
      if (remaining > 0) {
        openDefaultClock(ctx.sec, invoice.party, 'payment', `invoice ${invoice.id} unpaid after the cover`, remaining);
        socialise(ctx, invoice, remaining, now);
      }
      out.push({ invoice: invoice.id, fromCoverPence: fromCover, socialisedPence: remaining });
    })();
  }
  return out;
}

function socialise(ctx: ChargesContext, invoice: Invoice, debtPence: number, now: number): void {
  const since = new Date(now);
  const from = new Date(Date.UTC(since.getUTCFullYear() - 1, since.getUTCMonth(), 1)).toISOString().slice(0, 7);
  const contributions = new Map<string, number>();
  for (const i of ctx.store.invoices())
    if (i.party !== invoice.party && i.month >= from && i.issuedAt <= now)
      contributions.set(i.party, (contributions.get(i.party) ?? 0) + Math.max(0, i.subtotalPence));
  const weights = [...contributions.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, weight]) => ({ key, weight }));
  for (const [party, share] of allocate(debtPence, weights))
    if (share > 0)
      ctx.store.addAdjustment({
        party: party as Eui64,
        at: now,
        kind: 'badDebt',
        description: `Socialised bad debt: share of ${debtPence} pence unpaid on invoice ${invoice.id} (${invoice.party})`,
        amountPence: share,
      });
  notify(
    ctx.sec,
    'bad-debt-socialised',
    invoice.party,
    `invoice ${invoice.id}: ${debtPence} pence not met by cover`,
    'everyone',
    {
      invoice: invoice.id,
      debtPence,
    },
  );
}
