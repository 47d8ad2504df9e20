import { ENTRY_PROCESSES } from '../../dcc-head-end/party-status.js';
import { cancelBecauseCore, deadlines, evaluate, offer, visibleTo } from '../elective/electives.js';
import { admit, applyToAccede, extendSixMonths, refuse, sixMonthRule } from '../lifecycle/accession.js';
import { secParty } from '../lifecycle/context.js';
import {
  approvePlan,
  demandPlan,
  notifyOthers,
  openDefaultClock,
  reinstate,
  remedy,
  suspend,
} from '../lifecycle/defaults.js';
import { activate, attest, passSecurity } from '../lifecycle/entry.js';
import { expel } from '../lifecycle/leaving.js';
import type { Sec } from '../sec.js';
import { eui, id } from './input.js';
import type { AdminRoute } from './route.js';

const DEFAULT_KINDS = ['materialBreach', 'payment', 'creditCoverShortfall', 'insolvency'] as const;

/** The admin API's SEC routes: the Panel's decisions and actions, the DCC's answers, the Authority's reading. */
export function adminRoutes(sec: Sec): AdminRoute[] {
  const ctx = sec.ctx;
  const party = (params: Readonly<Record<string, string>>) => eui(params.eui, 'eui');
  const done = (params: Readonly<Record<string, string>>) => ({
    ...secParty(ctx, party(params)),
    status: ctx.headEnd.admin.party(party(params))?.status,
  });
  return [
    {
      method: 'POST',
      path: '/v1/admin/sec/applications',
      summary: 'Record an application to accede on behalf of a known applicant (SEC ch. 5)',
      run: ({ body }) =>
        applyToAccede(ctx, eui(body.text('party'), 'party'), {
          company: {
            name: body.object('company').text('name'),
            number: body.object('company').text('number'),
            registeredAddress: body.object('company').text('registeredAddress'),
          },
          legal: {
            licensed: body.object('legal').flag('licensed', false),
            licenceBindsToSec: body.object('legal').flag('licenceBindsToSec', false),
            signatory: body.object('legal').text('signatory'),
          },
          financial: {},
          feePence: body.pence('feePence'),
        }),
    },
    {
      method: 'POST',
      path: '/v1/admin/sec/applications/:id/admit',
      summary: 'The Panel admits the applicant (or upholds its appeal): it accedes',
      run: ({ params }) => admit(ctx, id(params.id!)),
    },
    {
      method: 'POST',
      path: '/v1/admin/sec/applications/:id/refuse',
      summary: 'The Panel refuses the application (or dismisses the appeal), with a reason',
      run: ({ params, body }) => refuse(ctx, id(params.id!), body.text('reason')),
    },
    {
      method: 'GET',
      path: '/v1/admin/sec/parties/:eui',
      summary: 'A party’s SEC record, with its six-month rule',
      run: ({ params }) => ({ ...done(params), sixMonthRule: sixMonthRule(ctx, party(params)) }),
    },
    {
      method: 'POST',
      path: '/v1/admin/sec/parties/:eui/six-month-extension',
      summary: 'The Panel extends the six-month rule (SEC ch. 5) to a date',
      run: ({ params, body }) => {
        extendSixMonths(ctx, party(params), body.timestamp('until'), body.text('reason'));
        return done(params);
      },
    },
    {
      method: 'POST',
      path: '/v1/admin/sec/parties/:eui/entry/security',
      summary: 'Run the security entry test: the signing key is the party’s own, a key agreement key is registered',
      run: ({ params }) => {
        passSecurity(ctx, party(params));
        return done(params);
      },
    },
    {
      method: 'POST',
      path: '/v1/admin/sec/parties/:eui/entry/attest',
      summary: 'Attest an entry process by hand (logged as an attestation, not a test)',
      run: ({ params, body }) => {
        attest(ctx, party(params), body.oneOf('process', ENTRY_PROCESSES), body.text('note'));
        return done(params);
      },
    },
    {
      method: 'POST',
      path: '/v1/admin/sec/parties/:eui/activate',
      summary: 'Activate a party whose four entry processes are passed (SEC ch. 6)',
      run: ({ params }) => {
        activate(ctx, party(params));
        return done(params);
      },
    },
    {
      method: 'POST',
      path: '/v1/admin/sec/parties/:eui/defaults',
      summary:
        'Open a default clock: materialBreach, payment (the DCC’s notice, amountPence), creditCoverShortfall, insolvency',
      run: ({ params, body }) =>
        openDefaultClock(
          ctx,
          party(params),
          body.oneOf('kind', DEFAULT_KINDS),
          body.text('description'),
          body.optionalPence('amountPence'),
        ),
    },
    {
      method: 'POST',
      path: '/v1/admin/sec/parties/:eui/defaults/:clock/remedy',
      summary: 'Record that the matter was remedied (paid, cover made good, breach remedied)',
      run: ({ params }) => remedy(ctx, party(params), id(params.clock!, 'clock')),
    },
    {
      method: 'POST',
      path: '/v1/admin/sec/parties/:eui/rectification-plan',
      summary: 'The Panel demands a rectification plan within workingDays',
      run: ({ params, body }) => {
        demandPlan(ctx, party(params), body.integer('workingDays'), body.text('reason'));
        return done(params);
      },
    },
    {
      method: 'POST',
      path: '/v1/admin/sec/parties/:eui/rectification-plan/approve',
      summary: 'The Panel approves the submitted plan: the material breach clock stops counting',
      run: ({ params, body }) => {
        approvePlan(ctx, party(params), body.text('reason'));
        return done(params);
      },
    },
    {
      method: 'POST',
      path: '/v1/admin/sec/parties/:eui/notify',
      summary: 'The Panel tells every other party of this party’s default',
      run: ({ params, body }) => {
        notifyOthers(ctx, party(params), body.text('reason'));
        return done(params);
      },
    },
    {
      method: 'POST',
      path: '/v1/admin/sec/parties/:eui/suspend',
      summary: 'Suspend named services (or all) of a party in default; top-up stays open unless keepTopUp is false',
      run: ({ params, body }) => {
        suspend(ctx, party(params), body.services('services'), body.flag('keepTopUp', true), body.text('reason'));
        return done(params);
      },
    },
    {
      method: 'POST',
      path: '/v1/admin/sec/parties/:eui/reinstate',
      summary: 'Lift a suspension once every event of default is remedied',
      run: ({ params, body }) => {
        reinstate(ctx, party(params), body.text('reason'));
        return done(params);
      },
    },
    {
      method: 'POST',
      path: '/v1/admin/sec/parties/:eui/expel',
      summary: 'Expel a party in default (a licensed one needs authorityApproval); every party is told',
      run: ({ params, body }) => expel(ctx, party(params), body.text('reason'), body.optionalText('authorityApproval')),
    },
    {
      method: 'GET',
      path: '/v1/admin/sec/notices',
      summary: 'Every SEC notice, with its recipients',
      run: ({ query }) => ({ notices: ctx.store.notices(query.kind) }),
    },
    {
      method: 'POST',
      path: '/v1/admin/sec/electives/:id/evaluate',
      summary: 'The DCC’s initial evaluation: feasible, indicativeCostPence, note, needsCoreChange',
      run: ({ params, body }) =>
        evaluate(ctx, id(params.id!), {
          feasible: body.flag('feasible', true),
          indicativeCostPence: body.pence('indicativeCostPence'),
          note: body.text('note'),
          needsCoreChange: body.flag('needsCoreChange', false),
        }),
    },
    {
      method: 'POST',
      path: '/v1/admin/sec/electives/:id/offer',
      summary: 'The DCC’s firm offer: type, performance, pricePencePerMonth, text',
      run: ({ params, body }) =>
        offer(ctx, id(params.id!), {
          type: body.text('type'),
          performance: body.text('performance'),
          pricePencePerMonth: body.pence('pricePencePerMonth'),
          text: body.text('text'),
        }),
    },
    {
      method: 'POST',
      path: '/v1/admin/sec/electives/:id/cancel-core',
      summary: 'Cancel an accepted service because it became core (names the modification)',
      run: ({ params, body }) => cancelBecauseCore(ctx, id(params.id!), body.text('modification')),
    },
    {
      method: 'GET',
      path: '/v1/admin/sec/electives/:id',
      summary: 'The DCC’s own view of an elective service, with its deadlines',
      run: ({ params }) => {
        const service = visibleTo(ctx, 'dcc', id(params.id!));
        return { ...service, deadlines: deadlines(ctx, service) };
      },
    },
    {
      method: 'GET',
      path: '/v1/admin/sec/authority/electives/:id',
      summary: 'The Authority reads an elective service’s confidential terms (SEC ch. 8)',
      run: ({ params }) => visibleTo(ctx, 'authority', id(params.id!)),
    },
  ];
}
