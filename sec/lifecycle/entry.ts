import { findServiceRequest, type Eui64, type UserRole } from '../../protocol/index.js';
import { ROLE_CATEGORY } from '../../dcc-head-end/parties.js';
import type { EntryProcess } from '../../dcc-head-end/party-status.js';
import { SecError } from '../errors.js';
import { notify, require, secParty, update, type SecContext } from './context.js';

/**
 * SEC ch. 6: the entry processes a party passes by doing, before it may become active. Each is
 * recorded in the head-end (which refuses activation without all four) and here, with how it
 * was passed: a test, or an admin attestation (kept possible, and logged as such).
 */
function pass(ctx: SecContext, party: Eui64, process: EntryProcess, by: 'test' | 'attestation', detail: string): void {
  const record = secParty(ctx, party);
  const status = ctx.headEnd.admin.party(party)!.status;
  require(status === 'Acceded', `${party} is ${status}: entry processes follow accession`, 'party');
  const now = ctx.clock.now();
  ctx.headEnd.admin.recordEntryProcess(party, process, now);
  ctx.store.putParty({ ...record, entry: { ...record.entry, [process]: { at: now, by, detail } } });
  notify(ctx, by === 'test' ? 'entry-process-passed' : 'entry-process-attested', party, detail, 'party', { process });
}

/** Communication: a call that reached here was signed with the party's registered key (the gateway checked it). */
export function passCommunicationsTest(ctx: SecContext, party: Eui64): void {
  pass(
    ctx,
    party,
    'communicationsTest',
    'test',
    'a signed call through the User Gateway verified against the registered key',
  );
}

/**
 * Business process: a scripted dry run of a core service request for the party's category. The
 * party sends the request it would send; the SEC checks it is a catalogue SR, on demand, that the
 * role is one the SR allows and that the role belongs to one of the party's categories: the
 * checks the pipeline makes first (DUIS E2 and E1). Nothing is sent to a device.
 */
export function passBusinessProcess(ctx: SecContext, party: Eui64, role: UserRole, serviceRequest: string): void {
  const known = ctx.headEnd.admin.party(party)!;
  const sr = findServiceRequest(serviceRequest);
  if (!sr || sr.nonDevice)
    throw new SecError('BAD_REQUEST', `${serviceRequest} is not a core device service request`, 'sr');
  const category = ROLE_CATEGORY[role];
  if (!category) throw new SecError('BAD_REQUEST', `${role} is not a DUIS user role`, 'role');
  require(known.categories.includes(
    category,
  ), `role ${role} needs category ${category}, which ${party} does not hold`, 'role');
  require((sr.eligibleRoles as readonly string[]).includes(
    role,
  ), `SR ${serviceRequest} is not open to role ${role}`, 'sr');
  pass(ctx, party, 'businessProcessCapability', 'test', `a dry run of SR ${serviceRequest} as ${role}`);
}

/** Financial security: credit cover lodged at least the configured amount (the charges issue will compute it). */
export function lodgeCreditCover(ctx: SecContext, party: Eui64, pence: number): void {
  if (!Number.isInteger(pence) || pence <= 0)
    throw new SecError('BAD_REQUEST', 'credit cover is a positive whole number of pence', 'pence');
  const record = update(ctx, party, (r) => ({
    ...r,
    creditCoverPence: r.creditCoverPence + pence,
    // A shortfall is made good when cover reaches the requirement (SEC ch. 19).
    clocks: r.clocks.map((c) =>
      c.kind === 'creditCoverShortfall' &&
      c.remediedAt === undefined &&
      r.creditCoverPence + pence >= ctx.config.creditCoverPence
        ? { ...c, remediedAt: ctx.clock.now() }
        : c,
    ),
  }));
  notify(ctx, 'credit-cover-lodged', party, `credit cover now ${record.creditCoverPence} pence`, 'party', {
    creditCoverPence: record.creditCoverPence,
  });
  const status = ctx.headEnd.admin.party(party)!.status;
  if (status === 'Acceded' && record.creditCoverPence >= ctx.config.creditCoverPence && !record.entry.financialSecurity)
    pass(
      ctx,
      party,
      'financialSecurity',
      'test',
      `credit cover of ${record.creditCoverPence} pence lodged (needs ${ctx.config.creditCoverPence})`,
    );
}

/** Security: the party's signing key is its own, shared with no other party (emulator's check). */
export function passSecurity(ctx: SecContext, party: Eui64): void {
  const known = ctx.headEnd.admin.party(party)!;
  const point = Buffer.from(known.keys.ds.point).toString('hex');
  const shared = ctx.headEnd.admin
    .parties()
    .filter((p) => p.eui !== party && Buffer.from(p.keys.ds.point).toString('hex') === point);
  require(shared.length ===
    0, `${party}'s signing key is also registered to ${shared.map((p) => p.eui).join(', ')}`, 'keys');
  require(known.keys.ka !== undefined, `${party} has no key agreement key registered`, 'keys');
  pass(ctx, party, 'security', 'test', 'signing key unique to the party; key agreement key registered');
}

/** An admin attestation of any entry process, logged as an attestation, not a test. */
export function attest(ctx: SecContext, party: Eui64, process: EntryProcess, note: string): void {
  pass(ctx, party, process, 'attestation', `attested by the admin: ${note}`);
}

/** SEC ch. 6: with all four entry processes passed, the party becomes active. */
export function activate(ctx: SecContext, party: Eui64): void {
  ctx.headEnd.admin.partyEvent(party, 'activate', ctx.clock.now());
  notify(ctx, 'activation', party, 'entry processes complete: the party is active (SEC ch. 6)', 'everyone');
}
