import type { Eui64 } from '../../protocol/index.js';
import { SecError } from '../errors.js';
import { notify, require, update, type SecContext } from '../lifecycle/context.js';
import type { DeadlineReport, ElectiveService, ElectiveTerms } from './records.js';
import type { ElectiveStore } from './store.js';

export interface ElectiveContext extends SecContext {
  readonly electives: ElectiveStore;
}

const iso = (at: number) => new Date(at).toISOString();

/** SEC ch. 8: one party, or several together, request an elective service with a description. */
export function requestElective(ctx: ElectiveContext, parties: readonly Eui64[], description: string): ElectiveService {
  if (parties.length === 0)
    throw new SecError('BAD_REQUEST', 'an elective request names at least one party', 'parties');
  if (description.trim().length === 0)
    throw new SecError('BAD_REQUEST', 'describe the service requested', 'description');
  for (const party of parties) {
    const status = ctx.headEnd.admin.party(party)?.status;
    require(status === 'Active' ||
      status === 'Acceded', `${party} is ${status ?? 'unknown'}: not a party that may request services`, 'parties');
  }
  const now = ctx.clock.now();
  const service = ctx.electives.add({
    parties: [...new Set(parties)],
    description,
    requestedAt: now,
    state: 'Requested',
    evaluationDue: ctx.calendar.deadline(now, ctx.config.evaluationWorkingDays),
    disclosureConsents: [],
  });
  // SEC ch. 5's six-month rule: requesting an elective service counts as using the DCC.
  for (const party of service.parties)
    update(ctx, party, (r) => ({ ...r, requestedService: r.requestedService ?? now }));
  notifyParties(ctx, service, 'elective-requested', description);
  return service;
}

/**
 * SEC ch. 8: the DCC's initial evaluation (feasibility and indicative cost), due within 10
 * working days. A service that would need a change to the core services is answered with that fact.
 */
export function evaluate(
  ctx: ElectiveContext,
  id: number,
  evaluation: { feasible: boolean; indicativeCostPence: number; note: string; needsCoreChange?: boolean },
): ElectiveService {
  const service = inState(ctx, id, ['Requested']);
  if (!Number.isInteger(evaluation.indicativeCostPence) || evaluation.indicativeCostPence < 0)
    throw new SecError('BAD_REQUEST', 'the indicative cost is a whole number of pence', 'indicativeCostPence');
  const now = ctx.clock.now();
  const evaluated = ctx.electives.put({
    ...service,
    state: evaluation.needsCoreChange ? 'NeedsCoreChange' : 'Evaluated',
    evaluation: {
      at: now,
      feasible: evaluation.feasible,
      indicativeCostPence: evaluation.indicativeCostPence,
      note: evaluation.note,
    },
  });
  notifyParties(
    ctx,
    evaluated,
    evaluation.needsCoreChange ? 'elective-needs-core-change' : 'elective-evaluated',
    evaluation.needsCoreChange
      ? 'the service would need a change to the core services: it is for a modification, not an elective offer'
      : evaluation.note,
  );
  return evaluated;
}

/** SEC ch. 8: a requesting party proceeds; the firm offer is due within 20 working days (not before the offers-from date). */
export function proceed(ctx: ElectiveContext, party: Eui64, id: number): ElectiveService {
  const service = visibleTo(ctx, party, id);
  require(service.state === 'Evaluated' &&
    service.evaluation?.feasible === true, `elective ${id} is ${service.state}: nothing to proceed with`);
  const now = ctx.clock.now();
  const proceeded = ctx.electives.put({
    ...service,
    state: 'Proceeding',
    proceededAt: now,
    offerDue: ctx.calendar.deadline(Math.max(now, ctx.config.electiveOffersFrom), ctx.config.offerWorkingDays),
  });
  notifyParties(ctx, proceeded, 'elective-proceeding', `${party} asked for a firm offer`);
  return proceeded;
}

/** SEC ch. 8: the DCC's firm offer, open for the configured acceptance window (an open question in the seed). */
export function offer(ctx: ElectiveContext, id: number, terms: ElectiveTerms): ElectiveService {
  const service = inState(ctx, id, ['Proceeding']);
  if (!Number.isInteger(terms.pricePencePerMonth) || terms.pricePencePerMonth < 0)
    throw new SecError('BAD_REQUEST', 'the price is a whole number of pence a month', 'pricePencePerMonth');
  const now = ctx.clock.now();
  const acceptBy = ctx.calendar.deadline(now, ctx.config.offerAcceptanceWorkingDays);
  const offered = ctx.electives.put({ ...service, state: 'Offered', offer: { at: now, terms, acceptBy } });
  notifyParties(ctx, offered, 'elective-offered', 'firm offer made; the terms are confidential to the parties', {
    acceptBy: iso(acceptBy),
  });
  return offered;
}

/** SEC ch. 8: every party to the request accepts the offer within its window; the service is take-or-pay. */
export function accept(ctx: ElectiveContext, party: Eui64, id: number): ElectiveService {
  const service = visibleTo(ctx, party, id);
  require(service.state === 'Offered' &&
    service.offer !== undefined, `elective ${id} is ${service.state}: no offer to accept`);
  if (ctx.clock.now() > service.offer.acceptBy) {
    const lapsed = ctx.electives.put({ ...service, state: 'Lapsed' });
    notifyParties(ctx, lapsed, 'elective-lapsed', 'the offer was not accepted within its window');
    require(false, `the offer on elective ${id} lapsed at ${iso(service.offer.acceptBy)}`);
  }
  const accepted = ctx.electives.put({ ...service, state: 'Accepted', acceptedAt: ctx.clock.now(), takeOrPay: true });
  notifyParties(ctx, accepted, 'elective-accepted', `accepted by ${party}: take-or-pay from today`);
  return accepted;
}

/** SEC ch. 8: an accepted service may be cancelled only when it has become a core service. */
export function cancelBecauseCore(ctx: ElectiveContext, id: number, modification: string): ElectiveService {
  const service = inState(ctx, id, ['Accepted']);
  require(modification.trim().length > 0, 'name the modification that made the service core', 'modification');
  const cancelled = ctx.electives.put({
    ...service,
    state: 'Cancelled',
    cancelled: { at: ctx.clock.now(), reason: `became a core service: ${modification}` },
  });
  notifyParties(ctx, cancelled, 'elective-cancelled', `the service became core (${modification})`);
  return cancelled;
}

/** SEC ch. 8: a party to the service consents to its terms being disclosed; all must. */
export function consentToDisclose(ctx: ElectiveContext, party: Eui64, id: number): ElectiveService {
  const service = visibleTo(ctx, party, id);
  return ctx.electives.put({ ...service, disclosureConsents: [...new Set([...service.disclosureConsents, party])] });
}

/**
 * SEC ch. 8: the terms, type, performance and price are for the parties to the service, the DCC
 * and the Authority. Anyone else is told there is no such service, unless every party consented.
 */
export function visibleTo(ctx: ElectiveContext, caller: Eui64 | 'authority' | 'dcc', id: number): ElectiveService {
  const service = ctx.electives.get(id);
  const disclosed = service !== undefined && service.parties.every((p) => service.disclosureConsents.includes(p));
  if (!service || (caller !== 'authority' && caller !== 'dcc' && !service.parties.includes(caller) && !disclosed))
    throw new SecError('NOT_FOUND', `no elective service ${id} visible to ${caller}`, 'id');
  return service;
}

/** SEC ch. 8: each deadline, met or late by N working days (or still open). */
export function deadlines(ctx: ElectiveContext, service: ElectiveService): DeadlineReport[] {
  const now = ctx.clock.now();
  const report = (name: string, due: number, done: number | undefined): DeadlineReport => ({
    name,
    due: iso(due),
    ...(done !== undefined ? { done: iso(done) } : {}),
    outcome:
      done !== undefined
        ? ctx.calendar.outcome(due, done)
        : { open: true, lateByWorkingDays: now > due ? ctx.calendar.workingDaysBetween(due, now) : 0 },
  });
  return [
    report('initial evaluation', service.evaluationDue, service.evaluation?.at),
    ...(service.offerDue !== undefined ? [report('firm offer', service.offerDue, service.offer?.at)] : []),
    ...(service.offer ? [report('acceptance', service.offer.acceptBy, service.acceptedAt)] : []),
  ];
}

function inState(ctx: ElectiveContext, id: number, states: readonly ElectiveService['state'][]): ElectiveService {
  const service = visibleTo(ctx, 'dcc', id);
  require(states.includes(service.state), `elective ${id} is ${service.state}, not ${states.join(' or ')}`);
  return service;
}

/** Notices about an elective go to its parties only: the subject is the first, the rest are copied. */
function notifyParties(
  ctx: ElectiveContext,
  service: ElectiveService,
  kind: string,
  reason: string,
  detail: Record<string, unknown> = {},
): void {
  const [first, ...rest] = service.parties;
  notify(ctx, kind, first!, reason, rest, { elective: service.id, ...detail });
}
