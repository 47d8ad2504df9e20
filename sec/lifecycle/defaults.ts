import type { Eui64 } from '../../protocol/index.js';
import { SecError } from '../errors.js';
import { notify, require, secParty, update, type SecContext } from './context.js';
import type { DefaultClock, DefaultKind, SecParty } from './records.js';

const DAY_MS = 86_400_000;

/**
 * SEC ch. 19: open a matter whose clock may end in an event of default.
 * - materialBreach: not remedied within 30 days (config) and no approved rectification plan;
 * - payment: still outstanding on the 10th working day after the DCC's notice (this one);
 * - creditCoverShortfall: not made good within the configured working days (the seed is silent);
 * - insolvency: an event of default at once.
 */
export function openDefaultClock(
  ctx: SecContext,
  party: Eui64,
  kind: DefaultKind,
  description: string,
  amountPence?: number,
): DefaultClock {
  if (amountPence !== undefined && (!Number.isInteger(amountPence) || amountPence <= 0))
    throw new SecError('BAD_REQUEST', 'an amount is a positive whole number of pence', 'amountPence');
  const now = ctx.clock.now();
  const deadline =
    kind === 'materialBreach'
      ? now + ctx.config.breachRemedyDays * DAY_MS
      : kind === 'payment'
        ? ctx.calendar.deadline(now, ctx.config.paymentWorkingDays)
        : kind === 'creditCoverShortfall'
          ? ctx.calendar.deadline(now, ctx.config.creditCoverRemedyWorkingDays)
          : now;
  const record = secParty(ctx, party);
  const clock: DefaultClock = {
    id: record.clocks.length + 1,
    kind,
    openedAt: now,
    deadline,
    description,
    ...(amountPence !== undefined ? { amountPence } : {}),
  };
  ctx.store.putParty({ ...record, clocks: [...record.clocks, clock] });
  notify(ctx, `${kind}-notice`, party, description, 'party', {
    clock: clock.id,
    deadline: new Date(deadline).toISOString(),
    ...(amountPence !== undefined ? { amountPence } : {}),
  });
  if (kind === 'insolvency') checkDefaults(ctx, party);
  else ctx.at(deadline + 1, () => checkDefaults(ctx, party));
  return clock;
}

/** The party remedies the matter (pays, makes good the cover, remedies the breach). */
export function remedy(ctx: SecContext, party: Eui64, clockId: number): DefaultClock {
  const clock = secParty(ctx, party).clocks.find((c) => c.id === clockId);
  if (!clock) throw new SecError('NOT_FOUND', `no default clock ${clockId} for ${party}`, 'clock');
  require(clock.remediedAt === undefined, `clock ${clockId} is already remedied`);
  const remedied = { ...clock, remediedAt: ctx.clock.now() };
  update(ctx, party, (r) => ({ ...r, clocks: r.clocks.map((c) => (c.id === clockId ? remedied : c)) }));
  notify(ctx, 'remedied', party, `${clock.kind} remedied: ${clock.description}`, 'party', { clock: clockId });
  return remedied;
}

/** Turn every clock that has run out, unremedied, into an event of default; returns the new ones. */
export function checkDefaults(ctx: SecContext, party: Eui64): DefaultClock[] {
  const now = ctx.clock.now();
  const record = secParty(ctx, party);
  const planApproved = record.plan?.approvedAt !== undefined;
  const fresh = record.clocks.filter(
    (c) =>
      c.defaultAt === undefined &&
      c.remediedAt === undefined &&
      now >= c.deadline &&
      !(c.kind === 'materialBreach' && planApproved),
  );
  if (fresh.length === 0) return [];
  ctx.store.putParty({
    ...record,
    clocks: record.clocks.map((c) => (fresh.includes(c) ? { ...c, defaultAt: now } : c)),
  });
  for (const c of fresh)
    notify(ctx, 'event-of-default', party, `${c.kind}: ${c.description}`, 'party', { clock: c.id, kind: c.kind });
  return fresh.map((c) => ({ ...c, defaultAt: now }));
}

/** Events of default not remedied. */
export function openDefaults(record: SecParty): DefaultClock[] {
  return record.clocks.filter((c) => c.defaultAt !== undefined && c.remediedAt === undefined);
}

/** Sums the party owes: payment notices not paid. */
export function sumsOwed(record: SecParty): number {
  return record.clocks
    .filter((c) => c.kind === 'payment' && c.remediedAt === undefined)
    .reduce((sum, c) => sum + (c.amountPence ?? 0), 0);
}

/** The Panel demands a rectification plan by a deadline (working days from today). */
export function demandPlan(ctx: SecContext, party: Eui64, workingDays: number, reason: string): void {
  const deadline = ctx.calendar.deadline(ctx.clock.now(), workingDays);
  update(ctx, party, (r) => ({ ...r, plan: { demandedAt: ctx.clock.now(), deadline, reason } }));
  notify(ctx, 'rectification-plan-demanded', party, reason, 'party', { deadline: new Date(deadline).toISOString() });
}

/** The party submits its plan (User Gateway). */
export function submitPlan(ctx: SecContext, party: Eui64, text: string): void {
  const plan = secParty(ctx, party).plan;
  require(plan !== undefined, `no rectification plan was demanded of ${party}`);
  const submitted = { ...plan, submittedAt: ctx.clock.now(), text };
  update(ctx, party, (r) => ({ ...r, plan: submitted }));
  const outcome = ctx.calendar.outcome(plan.deadline, ctx.clock.now());
  notify(ctx, 'rectification-plan-submitted', party, text, 'party', { deadline: outcome });
}

/** The Panel approves the plan: a material breach covered by it does not become a default. */
export function approvePlan(ctx: SecContext, party: Eui64, reason: string): void {
  const plan = secParty(ctx, party).plan;
  require(plan?.submittedAt !== undefined, `${party} has submitted no rectification plan`);
  update(ctx, party, (r) => ({ ...r, plan: { ...plan, approvedAt: ctx.clock.now() } }));
  notify(ctx, 'rectification-plan-approved', party, reason, 'party');
}

/** The Panel tells the other parties of a party's default. */
export function notifyOthers(ctx: SecContext, party: Eui64, reason: string): void {
  notify(ctx, 'default-notified', party, reason, 'everyone', {
    defaults: openDefaults(secParty(ctx, party)).map((c) => c.kind),
  });
}

/**
 * SEC ch. 19: the Panel suspends named services, rights or governance rights of a party in
 * default. Prepayment top-up (SR 2.2) stays open to consumers unless the suspension says so.
 */
export function suspend(
  ctx: SecContext,
  party: Eui64,
  services: 'all' | readonly string[],
  keepTopUp: boolean,
  reason: string,
): void {
  checkDefaults(ctx, party);
  require(openDefaults(secParty(ctx, party)).length > 0, `${party} has no event of default: nothing to suspend for`);
  ctx.headEnd.admin.partyEvent(party, 'suspend', ctx.clock.now(), { services, keepTopUp });
  notify(ctx, 'suspension', party, reason, 'everyone', { services, keepTopUp });
}

/** The Panel lifts the suspension once every event of default is remedied. */
export function reinstate(ctx: SecContext, party: Eui64, reason: string): void {
  const open = openDefaults(secParty(ctx, party));
  require(open.length === 0, `${party} still has events of default: ${open.map((c) => c.kind).join(', ')}`);
  ctx.headEnd.admin.partyEvent(party, 'reinstate', ctx.clock.now());
  notify(ctx, 'reinstatement', party, reason, 'everyone');
}
