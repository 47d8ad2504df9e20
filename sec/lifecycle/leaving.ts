import type { Eui64 } from '../../protocol/index.js';
import type { PartyExit } from '../../dcc-head-end/party-exit.js';
import { sixMonthRule } from './accession.js';
import { notify, require, secParty, update, type SecContext } from './context.js';
import { checkDefaults, openDefaults, sumsOwed } from './defaults.js';
import type { WithdrawalNotice } from './records.js';

/** Why a party may not withdraw now (SEC ch. 20), or nothing. */
export function withdrawalBar(ctx: SecContext, party: Eui64): string | undefined {
  const record = secParty(ctx, party);
  const owed = sumsOwed(record);
  if (owed > 0) return `${party} owes ${owed} pence to the DCC`;
  const points = ctx.headEnd.admin.enrolledPoints(party, ctx.clock.now());
  if (points.length > 0) return `${party} is registered for enrolled smart metering systems: ${points.join(', ')}`;
  if (record.boundByLicence) return `${party}'s licence binds it to the SEC`;
  return undefined;
}

/**
 * SEC ch. 20: a voluntary withdrawal is a notice that takes effect after the minimum period
 * (config.withdrawalNoticeWorkingDays). It is refused while sums are owed, while the party is
 * registered for an enrolled system, or while its licence binds it; the same bars are checked
 * again when the notice would take effect.
 */
export function giveWithdrawalNotice(ctx: SecContext, party: Eui64): WithdrawalNotice {
  const status = ctx.headEnd.admin.party(party)?.status;
  require(status !== 'Withdrawn' && status !== 'Expelled', `${party} has already left the SEC`);
  const pending = secParty(ctx, party).withdrawal;
  require(pending?.state !== 'Pending', `${party} has a withdrawal notice pending already`);
  const bar = withdrawalBar(ctx, party);
  if (bar) {
    notify(ctx, 'withdrawal-refused', party, bar, 'party');
    require(false, `withdrawal refused: ${bar} (SEC ch. 20)`);
  }
  const now = ctx.clock.now();
  const effectiveAt = ctx.calendar.deadline(now, ctx.config.withdrawalNoticeWorkingDays) + 1;
  const notice: WithdrawalNotice = { givenAt: now, effectiveAt, state: 'Pending' };
  update(ctx, party, (r) => ({ ...r, withdrawal: notice }));
  notify(ctx, 'withdrawal-notice', party, 'notice of voluntary withdrawal given (SEC ch. 20)', 'everyone', {
    effectiveAt: new Date(effectiveAt).toISOString(),
  });
  armWithdrawal(ctx, party, notice);
  return notice;
}

export function armWithdrawal(ctx: SecContext, party: Eui64, notice: WithdrawalNotice): void {
  ctx.at(notice.effectiveAt, () => takeEffect(ctx, party));
}

/** The notice period is over: the party leaves, unless a bar has arisen since. */
export function takeEffect(ctx: SecContext, party: Eui64): PartyExit | undefined {
  const notice = secParty(ctx, party).withdrawal;
  if (notice?.state !== 'Pending' || ctx.clock.now() < notice.effectiveAt) return undefined;
  const bar = withdrawalBar(ctx, party);
  if (bar) {
    update(ctx, party, (r) => ({ ...r, withdrawal: { ...notice, state: 'Refused', reason: bar } }));
    notify(ctx, 'withdrawal-refused', party, bar, 'party');
    return undefined;
  }
  const now = ctx.clock.now();
  const readableUntil = ctx.calendar.deadline(now, ctx.config.inboxRetentionWorkingDays);
  const exit = ctx.headEnd.admin.leave(party, 'withdraw', now, readableUntil);
  update(ctx, party, (r) => ({ ...r, withdrawal: { ...notice, state: 'Effective' } }));
  notify(ctx, 'withdrawal', party, 'the party has withdrawn from the SEC (SEC ch. 20)', 'everyone', summary(exit));
  return exit;
}

/**
 * SEC ch. 19: the Panel expels a party in default (or one that broke the six-month rule of
 * ch. 5). A licensed party needs the Authority's approval first. Its inbox closes at once.
 */
export function expel(ctx: SecContext, party: Eui64, reason: string, authorityApproval?: string): PartyExit {
  checkDefaults(ctx, party);
  const record = secParty(ctx, party);
  require(openDefaults(record).length > 0 ||
    sixMonthRule(ctx, party)
      .broken, `${party} has no event of default and has not broken the six-month rule: no ground to expel`);
  require(!record.licensed ||
    (authorityApproval !== undefined &&
      authorityApproval.length >
        0), `${party} is licensed: expulsion needs the Authority's approval first`, 'authorityApproval');
  const now = ctx.clock.now();
  const exit = ctx.headEnd.admin.leave(party, 'expel', now, now);
  notify(ctx, 'expulsion', party, reason, 'everyone', {
    ...summary(exit),
    ...(authorityApproval ? { authorityApproval } : {}),
  });
  return exit;
}

function summary(exit: PartyExit): Record<string, unknown> {
  return {
    schedulesCancelled: exit.schedulesCancelled.length,
    consentsLapsed: exit.consentsLapsed,
    inboxReadableUntil: new Date(exit.inboxReadableUntil).toISOString(),
  };
}
