import type { Eui64 } from '../../../protocol/index.js';
import { eui, id } from '../../gateway/input.js';
import { secParty } from '../../lifecycle/context.js';
import type { Charges } from '../charges.js';
import { ChargesError } from '../errors.js';
import { callOverdue, dispute, invoiceStatus, lodgeCover, pay, requiredCover, resolveDispute } from '../ledger.js';
import { declareForceMajeure, kpiReport } from '../kpi.js';
import { invoiceHtml, invoicesCsv, kpiHtml } from '../render.js';
import type { Invoice } from '../invoice.js';
import { signedPence, statementInput } from './amounts.js';
import { chargesExtension, Rendered, type ChargesCall, type ChargesRoute } from './routes.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function days(query: ChargesCall['query']): { from: string; to: string } {
  const from = query.from ?? '0000-01-01';
  const to = query.to ?? '9999-12-31';
  for (const [field, value] of [
    ['from', from],
    ['to', to],
  ] as const)
    if (!DAY.test(value)) throw new ChargesError('BAD_CHARGES_INPUT', `${field} is a date, YYYY-MM-DD`, field);
  return { from, to };
}

function listed(charges: Charges, invoices: Invoice[], format: string | undefined, name: string) {
  if (format === 'csv') return new Rendered('text/csv', invoicesCsv(invoices), `${name}.csv`);
  return { invoices: invoices.map((i) => invoiceStatus(charges.ctx, i.id)) };
}

function one(charges: Charges, invoiceId: number, format: string | undefined) {
  const status = invoiceStatus(charges.ctx, invoiceId);
  if (format === 'html')
    return new Rendered(
      'text/html',
      invoiceHtml(
        status.invoice,
        charges.ctx.sec.headEnd.admin.party(status.invoice.party)?.name ?? status.invoice.party,
      ),
    );
  if (format === 'csv') return new Rendered('text/csv', invoicesCsv([status.invoice]), `invoice-${invoiceId}.csv`);
  return status;
}

/** The admin API's charges routes: the DCC's finance side. */
export function adminChargesRoutes(charges: Charges): ChargesRoute[] {
  const ctx = charges.ctx;
  const party = (params: Readonly<Record<string, string>>) => eui(params.eui, 'eui');
  const cover = (p: Eui64) => {
    const lodged = secParty(ctx.sec, p).creditCoverPence;
    const required = requiredCover(ctx, p);
    return { party: p, lodgedPence: lodged, requiredPence: required, shortfallPence: Math.max(0, required - lodged) };
  };
  return [
    {
      method: 'POST',
      path: '/v1/admin/charges/statements',
      summary:
        'Set a charging statement (SEC ch. 9): fixed costs, five pot shares (basis points, sum 10000), systems per class, explicit prices; applies from the next period',
      run: ({ raw }) => charges.setStatement(statementInput(raw)),
    },
    {
      method: 'GET',
      path: '/v1/admin/charges/statements',
      summary: 'Every charging statement, with the period it applies from',
      run: () => ({ statements: ctx.store.statements() }),
    },
    {
      method: 'GET',
      path: '/v1/admin/charges/usage',
      summary: 'Usage per party per day: messages and bytes by channel, SR, command variant and direction',
      query: ['party', 'from', 'to'],
      run: ({ query }) => {
        const { from, to } = days(query);
        return { usage: charges.usage(query.party ? eui(query.party, 'party') : undefined, from, to) };
      },
    },
    {
      method: 'POST',
      path: '/v1/admin/charges/invoices',
      summary: 'Issue the invoices of a month that has ended (in arrears; issuing again gives the same invoices)',
      run: ({ body }) => ({ invoices: charges.issue(body.text('month')) }),
    },
    {
      method: 'GET',
      path: '/v1/admin/charges/invoices',
      summary: 'Invoices, by month and party, with what is paid and outstanding',
      query: ['month', 'party'],
      formats: ['csv'],
      run: ({ query }) =>
        listed(
          charges,
          ctx.store.invoices({
            ...(query.month ? { month: query.month } : {}),
            ...(query.party ? { party: eui(query.party, 'party') } : {}),
          }),
          query.format,
          `invoices-${query.month ?? 'all'}`,
        ),
    },
    {
      method: 'GET',
      path: '/v1/admin/charges/invoices/:id',
      summary: 'One invoice with its payments and disputes; ?format=html for the printable page, csv for its lines',
      formats: ['csv', 'html'],
      run: ({ params, query }) => one(charges, id(params.id!, 'invoice'), query.format),
    },
    {
      method: 'GET',
      path: '/v1/admin/charges/invoices/:id/recompute',
      summary: 'The invoice recomputed from the records: equal to the stored one, to the penny',
      run: ({ params }) => {
        const stored = invoiceStatus(ctx, id(params.id!, 'invoice')).invoice;
        const again = charges.recompute(stored);
        return { same: JSON.stringify(again) === JSON.stringify(stored), stored, recomputed: again };
      },
    },
    {
      method: 'POST',
      path: '/v1/admin/charges/invoices/:id/payments',
      summary: 'Record a payment received against an invoice (amountPence)',
      run: ({ params, raw }) => pay(ctx, id(params.id!, 'invoice'), signedPence(raw, 'amountPence')),
    },
    {
      method: 'GET',
      path: '/v1/admin/charges/disputes',
      summary: 'Every invoice dispute, open or resolved',
      run: () => ({ disputes: ctx.store.disputes() }),
    },
    {
      method: 'POST',
      path: '/v1/admin/charges/disputes/:id/resolve',
      summary: 'Resolve a dispute: adjustmentPence (negative credits the party) goes on its next invoice',
      run: ({ params, raw, body }) =>
        resolveDispute(ctx, id(params.id!, 'dispute'), signedPence(raw, 'adjustmentPence'), body.text('note')),
    },
    {
      method: 'GET',
      path: '/v1/admin/charges/parties/:eui/cover',
      summary: 'A party’s credit cover: lodged, required (a multiple of its recent invoices) and any shortfall',
      run: ({ params }) => cover(party(params)),
    },
    {
      method: 'POST',
      path: '/v1/admin/charges/parties/:eui/cover',
      summary: 'Lodge credit cover (amountPence); a shortfall is made good once cover meets the requirement',
      run: ({ params, raw }) => {
        lodgeCover(ctx, party(params), signedPence(raw, 'amountPence'));
        return cover(party(params));
      },
    },
    {
      method: 'POST',
      path: '/v1/admin/charges/parties/:eui/opt-outs',
      summary: 'Record an opt-out (count, default 1), charged at the statement’s opt-out fee',
      run: ({ params, body }) => {
        const p = party(params);
        const count = body.integer('count', 1);
        for (let i = 0; i < count; i++) ctx.store.addEvent(p, ctx.sec.clock.now(), 'optOut', {});
        return { party: p, recorded: count };
      },
    },
    {
      method: 'POST',
      path: '/v1/admin/charges/call-overdue',
      summary: 'Call on the cover of every invoice unpaid when due now (also runs at each due date)',
      run: () => ({ called: callOverdue(ctx) }),
    },
    {
      method: 'GET',
      path: '/v1/admin/charges/kpi',
      summary: 'The monthly performance report per service class and party (SEC ch. 9, 15); ?format=html to print',
      query: ['month'],
      formats: ['html'],
      run: ({ query }) => {
        const report = kpiReport(ctx, query.month ?? '');
        return query.format === 'html'
          ? new Rendered(
              'text/html',
              kpiHtml(report, (p) => ctx.sec.headEnd.admin.party(p as Eui64)?.name ?? p),
            )
          : report;
      },
    },
    {
      method: 'POST',
      path: '/v1/admin/charges/force-majeure',
      summary: 'Declare a force-majeure period (from, to, reason): its requests do not count against the KPIs',
      run: ({ body }) => {
        declareForceMajeure(ctx, body.timestamp('from'), body.timestamp('to'), body.text('reason'));
        return { periods: ctx.store.events('forceMajeure').map((e) => e.record) };
      },
    },
    {
      method: 'GET',
      path: '/v1/admin/charges/adjustments',
      summary: 'Adjustments (dispute settlements, interest, socialised bad debt) and the invoice that carried each',
      query: ['party'],
      run: ({ query }) => ({ adjustments: ctx.store.adjustments(query.party ? eui(query.party, 'party') : undefined) }),
    },
  ];
}

/** The User Gateway's charges routes: a party's own usage, invoices, payments and disputes, and nobody else's. */
export function partyChargesRoutes(charges: Charges): ChargesRoute[] {
  const ctx = charges.ctx;
  // Another party's invoice is answered as unknown: its existence is confidential too.
  const own = (caller: Eui64 | undefined, invoiceId: number) => {
    const invoice = ctx.store.invoice(invoiceId);
    if (!invoice || invoice.party !== caller)
      throw new ChargesError('UNKNOWN_INVOICE', `there is no invoice ${invoiceId} for ${caller}`, 'invoice');
    return invoice;
  };
  return [
    {
      method: 'GET',
      path: '/v1/charges/usage',
      summary: 'The calling party’s own usage per day',
      query: ['from', 'to'],
      run: ({ query, caller }) => {
        const { from, to } = days(query);
        return { usage: charges.usage(caller, from, to) };
      },
    },
    {
      method: 'GET',
      path: '/v1/charges/invoices',
      summary: 'The calling party’s own invoices, with what is paid and outstanding',
      query: ['month'],
      formats: ['csv'],
      run: ({ query, caller }) =>
        listed(
          charges,
          ctx.store.invoices({ ...(caller ? { party: caller } : {}), ...(query.month ? { month: query.month } : {}) }),
          query.format,
          'invoices',
        ),
    },
    {
      method: 'GET',
      path: '/v1/charges/invoices/:id',
      summary: 'One of the party’s invoices; ?format=html for the printable page, csv for its lines',
      formats: ['csv', 'html'],
      run: ({ params, query, caller }) => one(charges, own(caller, id(params.id!, 'invoice')).id, query.format),
    },
    {
      method: 'POST',
      path: '/v1/charges/invoices/:id/payments',
      summary: 'Pay an invoice (amountPence): only the party on it may',
      run: ({ params, raw, caller }) => pay(ctx, id(params.id!, 'invoice'), signedPence(raw, 'amountPence'), caller),
    },
    {
      method: 'POST',
      path: '/v1/charges/invoices/:id/disputes',
      summary: 'Dispute an invoice (reason): it stays due in full, pay now, dispute later',
      run: ({ params, body, caller }) => dispute(ctx, id(params.id!, 'invoice'), caller!, body.text('reason')),
    },
    {
      method: 'GET',
      path: '/v1/charges/kpi',
      summary: 'The month’s performance report: the all-parties figures and the calling party’s own',
      query: ['month'],
      run: ({ query, caller }) => {
        const report = kpiReport(ctx, query.month ?? '');
        return { ...report, lines: report.lines.filter((l) => l.party === undefined || l.party === caller) };
      },
    },
    {
      method: 'GET',
      path: '/v1/charges/disputes',
      summary: 'The calling party’s disputes and how each was resolved',
      run: ({ caller }) => ({ disputes: ctx.store.disputes().filter((d) => d.party === caller) }),
    },
  ];
}

/** The charges endpoints and the usage meter, for the User Gateway and the admin API. */
export function chargesGatewayExtension(charges: Charges) {
  return chargesExtension(charges, partyChargesRoutes(charges), adminChargesRoutes(charges));
}
