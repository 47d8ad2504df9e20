import { USER_ROLE_CODES } from '../../protocol/index.js';
import { accept, consentToDisclose, deadlines, proceed, requestElective, visibleTo } from '../elective/electives.js';
import { appeal, applyToAccede, sixMonthRule } from '../lifecycle/accession.js';
import { secParty } from '../lifecycle/context.js';
import { submitPlan } from '../lifecycle/defaults.js';
import { lodgeCreditCover, passBusinessProcess, passCommunicationsTest } from '../lifecycle/entry.js';
import { giveWithdrawalNotice } from '../lifecycle/leaving.js';
import type { Sec } from '../sec.js';
import { id, type Input } from './input.js';
import type { SecRoute } from './route.js';

/**
 * The User Gateway's SEC endpoints: a party's own applications, entry tests, notices, withdrawal
 * and elective requests. Each is signed like every call; what a party sees is its own.
 */
export function partyRoutes(sec: Sec): SecRoute[] {
  const ctx = sec.ctx;
  return [
    {
      method: 'POST',
      path: '/v1/sec/applications',
      summary: 'Apply to accede (SEC ch. 5): company, legal and financial details, and the application fee in pence',
      run: ({ caller, body }) =>
        applyToAccede(ctx, caller, {
          company: company(body.object('company')),
          legal: {
            licensed: body.object('legal').flag('licensed', false),
            licenceBindsToSec: body.object('legal').flag('licenceBindsToSec', false),
            signatory: body.object('legal').text('signatory'),
          },
          financial: financial(body.object('financial')),
          feePence: body.pence('feePence'),
        }),
    },
    {
      method: 'GET',
      path: '/v1/sec/applications',
      summary: 'Your applications to accede and the Panel decisions',
      run: ({ caller }) => ({ applications: ctx.store.applicationsOf(caller) }),
    },
    {
      method: 'POST',
      path: '/v1/sec/applications/:id/appeal',
      summary: 'Appeal a refusal (SEC ch. 5)',
      run: ({ caller, params, body }) => appeal(ctx, caller, id(params.id!), body.text('grounds')),
    },
    {
      method: 'GET',
      path: '/v1/sec/status',
      summary: 'Your SEC record: entry processes, default clocks, rectification plan, withdrawal, six-month rule',
      run: ({ caller }) => ({ ...secParty(ctx, caller), sixMonthRule: sixMonthRule(ctx, caller) }),
    },
    {
      method: 'POST',
      path: '/v1/sec/entry/communications-test',
      summary: 'Entry process (SEC ch. 6): this signed call, verified against your registered key, is the test',
      run: ({ caller }) => {
        passCommunicationsTest(ctx, caller);
        return { code: 'I0', process: 'communicationsTest' };
      },
    },
    {
      method: 'POST',
      path: '/v1/sec/entry/business-process',
      summary: 'Entry process (SEC ch. 6): a dry run of a core service request for your category (role, sr)',
      run: ({ caller, body }) => {
        passBusinessProcess(ctx, caller, body.oneOf('role', USER_ROLE_CODES), body.text('sr'));
        return { code: 'I0', process: 'businessProcessCapability' };
      },
    },
    {
      method: 'POST',
      path: '/v1/sec/credit-cover',
      summary: 'Lodge credit cover in pence (SEC ch. 6 financial security; ch. 19 shortfall)',
      run: ({ caller, body }) => {
        lodgeCreditCover(ctx, caller, body.pence('pence'));
        return { code: 'I0', creditCoverPence: secParty(ctx, caller).creditCoverPence };
      },
    },
    {
      method: 'GET',
      path: '/v1/sec/notices',
      summary: 'The SEC notices sent to you (accession, default, suspension, expulsion, withdrawal, elective)',
      run: ({ caller, query }) => ({ notices: sec.noticesTo(caller, query.kind) }),
    },
    {
      method: 'POST',
      path: '/v1/sec/rectification-plan',
      summary: 'Submit the rectification plan the Panel demanded (SEC ch. 19)',
      run: ({ caller, body }) => {
        submitPlan(ctx, caller, body.text('text'));
        return { code: 'I0' };
      },
    },
    {
      method: 'POST',
      path: '/v1/sec/withdrawal-notice',
      summary:
        'Give notice of voluntary withdrawal (SEC ch. 20); refused while sums are owed, while registered for an enrolled system, or while bound by licence',
      run: ({ caller }) => ({ code: 'I0', ...giveWithdrawalNotice(ctx, caller) }),
    },
    {
      method: 'POST',
      path: '/v1/sec/electives',
      summary: 'Request an elective service (SEC ch. 8), alone or with other parties (parties: their EUI-64s)',
      run: ({ caller, body }) => requestElective(ctx, [caller, ...body.euis('parties')], body.text('description')),
    },
    {
      method: 'GET',
      path: '/v1/sec/electives',
      summary: 'The elective services you are party to',
      run: ({ caller }) => ({ electives: ctx.electives.ofParty(caller) }),
    },
    {
      method: 'GET',
      path: '/v1/sec/electives/:id',
      summary: 'One of your elective services, terms included (confidential to its parties, SEC ch. 8)',
      run: ({ caller, params }) => visibleTo(ctx, caller, id(params.id!)),
    },
    {
      method: 'GET',
      path: '/v1/sec/electives/:id/deadlines',
      summary: 'Each deadline of one of your elective services: met, or late by N working days',
      run: ({ caller, params }) => ({ deadlines: deadlines(ctx, visibleTo(ctx, caller, id(params.id!))) }),
    },
    {
      method: 'POST',
      path: '/v1/sec/electives/:id/proceed',
      summary: 'Proceed after the initial evaluation: a firm offer is due within 20 working days (SEC ch. 8)',
      run: ({ caller, params }) => proceed(ctx, caller, id(params.id!)),
    },
    {
      method: 'POST',
      path: '/v1/sec/electives/:id/accept',
      summary: 'Accept the firm offer within its window; the service is then take-or-pay (SEC ch. 8)',
      run: ({ caller, params }) => accept(ctx, caller, id(params.id!)),
    },
    {
      method: 'POST',
      path: '/v1/sec/electives/:id/consent-to-disclose',
      summary: 'Consent to the terms being disclosed; they stay confidential until every party consents (SEC ch. 8)',
      run: ({ caller, params }) => consentToDisclose(ctx, caller, id(params.id!)),
    },
  ];
}

function company(input: Input) {
  return { name: input.text('name'), number: input.text('number'), registeredAddress: input.text('registeredAddress') };
}

function financial(input: Input) {
  const creditRating = input.optionalText('creditRating');
  const bankAccount = input.optionalText('bankAccount');
  return { ...(creditRating ? { creditRating } : {}), ...(bankAccount ? { bankAccount } : {}) };
}
