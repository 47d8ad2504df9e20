import type { Eui64 } from '../protocol/index.js';
import type { Consents } from './consents.js';
import { GatewayError } from './duis-error.js';
import type { HeadEndEventLog } from './event-log.js';
import type { Inbox } from './inbox.js';
import type { PartyRegistry } from './parties.js';
import { REGISTRATION_ROLES, type Registration, type RegistrationRole } from './registration.js';
import type { Schedules } from './schedules.js';
import type { Db } from './storage/database.js';
import type { WebhookDelivery } from './webhooks.js';
import type { Withdrawals } from './withdrawals.js';

export interface PartyExitDeps {
  readonly db: Db;
  readonly parties: PartyRegistry;
  readonly registration: Registration;
  readonly consents: Consents;
  readonly inbox: Inbox;
  readonly schedules: Schedules;
  readonly webhooks: WebhookDelivery;
  readonly withdrawals: Withdrawals;
  readonly events: HeadEndEventLog;
}

/** What stopped when a party left; the SEC side reports it in its notice. */
export interface PartyExit {
  readonly party: Eui64;
  readonly how: 'withdraw' | 'expel';
  readonly at: number;
  readonly schedulesCancelled: readonly number[];
  readonly consentsLapsed: number;
  readonly pushesDropped: number;
  readonly inboxReadableUntil: number;
}

/**
 * The meter points a party is registered for, in any role, whose smart metering system is
 * enrolled with the DCC (a commissioned device on the point, not withdrawn). SEC ch. 20: while
 * there is one, the party may not withdraw.
 */
export function enrolledPointsOf(
  deps: Pick<PartyExitDeps, 'db' | 'registration' | 'withdrawals'>,
  party: Eui64,
  at: number,
  roles: readonly RegistrationRole[] = REGISTRATION_ROLES,
): string[] {
  const points = new Set<string>();
  for (const role of roles) for (const mpxn of deps.registration.pointsOf(party, role, at)) points.add(mpxn);
  return [...points].filter((mpxn) => {
    const rows = deps.db.prepare("SELECT hub FROM devices WHERE mpxn = ? AND status = 'Commissioned'").all(mpxn) as {
      hub: string | null;
    }[];
    return rows.some((row) => !deps.withdrawals.withdrawn((row.hub ?? undefined) as Eui64 | undefined, at));
  });
}

/**
 * SEC ch. 20 (and ch. 19 on expulsion): once a party has left, everything it was authorised for
 * stops. Requests get E3 from its status (pipeline/access/party-status.ts); here its schedules
 * are cancelled, the consents it holds lapse, push delivery stops, and its inbox takes nothing
 * more and stays readable until `inboxReadableUntil`. All in one transaction.
 */
export function leave(
  deps: PartyExitDeps,
  party: Eui64,
  how: 'withdraw' | 'expel',
  at: number,
  inboxReadableUntil: number,
): PartyExit {
  if (how === 'withdraw') {
    const points = enrolledPointsOf(deps, party, at);
    if (points.length > 0)
      throw new GatewayError(
        'STILL_REGISTERED',
        `${party} is registered for enrolled smart metering systems (${points.join(', ')}) and may not withdraw (SEC ch. 20)`,
        409,
        'event',
      );
  }
  return deps.db.transaction((): PartyExit => {
    deps.parties.transition(party, how, at);
    const reason = how === 'withdraw' ? 'the party withdrew from the SEC' : 'the party was expelled from the SEC';
    const schedulesCancelled = deps.schedules.cancelOwner(party, reason);
    const consentsLapsed = deps.consents.lapseHeldBy(party, at);
    deps.parties.setWebhook(party, undefined);
    const pushesDropped = deps.webhooks.stopFor(party);
    deps.inbox.close(party, at, inboxReadableUntil);
    const exit = { party, how, at, schedulesCancelled, consentsLapsed, pushesDropped, inboxReadableUntil };
    deps.events.record(at, 'party-left', { ...exit, schedulesCancelled: [...schedulesCancelled] });
    return exit;
  })();
}
