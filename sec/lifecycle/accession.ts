import type { Eui64 } from '../../protocol/index.js';
import { SecError } from '../errors.js';
import { notify, require, secParty, update, type SecContext } from './context.js';
import type { Application } from './records.js';

const SIX_MONTHS = (from: number) => {
  const date = new Date(from);
  date.setUTCMonth(date.getUTCMonth() + 6);
  return date.getTime();
};

export type ApplicationInput = Pick<Application, 'company' | 'legal' | 'financial' | 'feePence'>;

/**
 * SEC ch. 5: an application to accede. The party's identity (its keys) is already known to the
 * DCC, in status Applied; the application adds the company, legal and financial details and the
 * application fee, which must be paid in full (integer pence).
 */
export function applyToAccede(ctx: SecContext, party: Eui64, input: ApplicationInput): Application {
  const known = ctx.headEnd.admin.party(party);
  if (!known) throw new SecError('NOT_FOUND', `${party} is not known to the DCC`, 'party');
  require(known.status === 'Applied', `${party} is ${known.status}: only an applicant may apply to accede`, 'party');
  if (!Number.isInteger(input.feePence) || input.feePence !== ctx.config.applicationFeePence)
    throw new SecError(
      'BAD_REQUEST',
      `the application fee is ${ctx.config.applicationFeePence} pence (integer), not ${input.feePence}`,
      'feePence',
    );
  const open = ctx.store.applicationsOf(party).find((a) => a.state === 'Submitted' || a.state === 'Appealed');
  require(open === undefined, `${party} already has application ${open?.id} open`, 'party');
  const application = ctx.store.addApplication({ ...input, party, submittedAt: ctx.clock.now(), state: 'Submitted' });
  notify(ctx, 'application-received', party, 'application to accede received (SEC ch. 5)', 'party', {
    application: application.id,
  });
  return application;
}

/** SEC ch. 5: the Panel admits the applicant, who accedes today. */
export function admit(ctx: SecContext, id: number): Application {
  const application = openApplication(ctx, id);
  const now = ctx.clock.now();
  ctx.headEnd.admin.partyEvent(application.party, 'accede', now);
  update(ctx, application.party, (r) => ({
    ...r,
    accededAt: now,
    licensed: application.legal.licensed,
    boundByLicence: application.legal.licenceBindsToSec,
  }));
  const decided = ctx.store.putApplication({
    ...application,
    state: application.state === 'Appealed' ? 'AppealUpheld' : 'Admitted',
    decidedAt: now,
  });
  notify(ctx, 'accession', application.party, 'admitted by the Panel; the party has acceded (SEC ch. 5)', 'everyone', {
    application: id,
  });
  return decided;
}

/** SEC ch. 5: the Panel refuses, with a reason the applicant may appeal. */
export function refuse(ctx: SecContext, id: number, reason: string): Application {
  const application = openApplication(ctx, id);
  const now = ctx.clock.now();
  const decided = ctx.store.putApplication(
    application.state === 'Appealed'
      ? { ...application, state: 'AppealDismissed', appeal: { ...application.appeal!, decidedAt: now, reason } }
      : { ...application, state: 'Refused', decidedAt: now, reason },
  );
  notify(ctx, 'application-refused', application.party, reason, 'party', {
    application: id,
    appealable: application.state !== 'Appealed',
  });
  return decided;
}

/** SEC ch. 5: the applicant appeals a refusal; the Panel then admits or dismisses. */
export function appeal(ctx: SecContext, party: Eui64, id: number, grounds: string): Application {
  const application = ctx.store.application(id);
  if (!application || application.party !== party)
    throw new SecError('NOT_FOUND', `no application ${id} of ${party}`, 'id');
  require(application.state === 'Refused', `application ${id} is ${application.state}: only a refusal is appealed`);
  const appealed = ctx.store.putApplication({
    ...application,
    state: 'Appealed',
    appeal: { at: ctx.clock.now(), grounds },
  });
  notify(ctx, 'application-appealed', party, grounds, 'party', { application: id });
  return appealed;
}

/**
 * SEC ch. 5: from Go-Live, a party that within 6 months of accession (or of Go-Live, if later)
 * has neither taken a core service nor requested an elective or new core service may be
 * expelled; the Panel may extend the period. Returns when the period ends and whether it is broken.
 */
export function sixMonthRule(
  ctx: SecContext,
  party: Eui64,
): { readonly ends: number | undefined; readonly broken: boolean } {
  const record = secParty(ctx, party);
  if (record.accededAt === undefined) return { ends: undefined, broken: false };
  const ends = record.sixMonthsExtendedTo ?? SIX_MONTHS(Math.max(record.accededAt, ctx.config.goLive));
  const used = ctx.headEnd.admin.requestCounts(party).taken > 0 || record.requestedService !== undefined;
  return { ends, broken: !used && ctx.clock.now() > ends };
}

export function extendSixMonths(ctx: SecContext, party: Eui64, until: number, reason: string): void {
  update(ctx, party, (r) => ({ ...r, sixMonthsExtendedTo: until }));
  notify(ctx, 'six-month-extension', party, reason, 'party', { until: new Date(until).toISOString() });
}

function openApplication(ctx: SecContext, id: number): Application {
  const application = ctx.store.application(id);
  if (!application) throw new SecError('NOT_FOUND', `no application ${id}`, 'id');
  require(application.state === 'Submitted' ||
    application.state === 'Appealed', `application ${id} is ${application.state}: already decided`);
  return application;
}
