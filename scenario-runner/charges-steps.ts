import type { DefaultPartyName } from '../world/default-parties.js';
import { invoiceStatus } from '../sec/charges/ledger.js';
import type { ScenarioWorld } from './scenario-world.js';

/** The charges verbs a scenario step may use (docs/scenarios.md, docs/charges.md). */
export const CHARGES_ACTIONS = ['statement', 'issue', 'pay', 'dispute', 'resolve', 'cover', 'forceMajeure'] as const;

export interface ChargesAction {
  readonly action: (typeof CHARGES_ACTIONS)[number];
  readonly party?: DefaultPartyName;
  readonly month?: string;
  readonly amountPence?: number;
  readonly adjustmentPence?: number;
  readonly reason?: string;
  readonly from?: string;
  readonly to?: string;
  /** statement: the charging statement as POST /v1/admin/charges/statements takes it. */
  readonly statement?: Readonly<Record<string, unknown>>;
}

export interface ChargesExpectation {
  readonly party: DefaultPartyName;
  readonly month: string;
  readonly totalPence?: number;
  readonly outstandingPence?: number;
  readonly state?: 'paid' | 'due' | 'overdue';
  /** A line whose code starts with this (fixed.importSupplier, adjustment.dispute ...), and its amount. */
  readonly line?: { readonly code: string; readonly amountPence: number };
}

type Answer = { status: number; json: Record<string, unknown> };

/**
 * A charges verb. What a party does (pay, dispute) is a signed call through the User Gateway;
 * what the DCC does goes through the admin API, in process, with the admin token.
 */
export async function runChargesAction(w: ScenarioWorld, a: ChargesAction): Promise<Answer> {
  const admin = async (method: 'GET' | 'POST', url: string, body?: unknown): Promise<Answer> => {
    const reply = await w.world.gateway.inject({
      method,
      url,
      headers: { authorization: `Bearer ${w.world.adminToken}` },
      ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
    });
    const json = reply.json<Record<string, unknown>>();
    return { status: reply.statusCode, json: reply.statusCode === 200 ? { code: 'I0', ...json } : json };
  };
  const party = () => {
    if (!a.party) throw new Error(`charges ${a.action}: party is required`);
    return a.party;
  };
  const invoiceId = () => {
    const invoice = w.world.charges.ctx.store.invoiceFor(w.world.parties[party()].eui, a.month ?? '');
    if (!invoice) throw new Error(`charges: ${party()} has no invoice for ${a.month}`);
    return invoice.id;
  };
  const asParty = async (path: string, body: unknown): Promise<Answer> => {
    const reply = await w.client(party()).call<Record<string, unknown>>('POST', path, body);
    return { status: reply.status, json: reply.status === 200 ? { code: 'I0', ...reply.json } : reply.json };
  };
  switch (a.action) {
    case 'statement':
      return admin('POST', '/v1/admin/charges/statements', a.statement ?? {});
    case 'issue':
      return admin('POST', '/v1/admin/charges/invoices', { month: a.month });
    case 'pay': {
      const id = invoiceId();
      const amountPence = a.amountPence ?? invoiceStatus(w.world.charges.ctx, id).outstandingPence;
      return asParty(`/v1/charges/invoices/${id}/payments`, { amountPence });
    }
    case 'dispute':
      return asParty(`/v1/charges/invoices/${invoiceId()}/disputes`, { reason: a.reason ?? 'disputed (scenario)' });
    case 'resolve': {
      const eui = w.world.parties[party()].eui;
      const open = w.world.charges.ctx.store.disputes().filter((d) => d.party === eui && !d.resolved);
      const last = open.at(-1);
      if (!last) throw new Error(`charges: ${party()} has no open dispute`);
      return admin('POST', `/v1/admin/charges/disputes/${last.id}/resolve`, {
        adjustmentPence: a.adjustmentPence ?? 0,
        note: a.reason ?? 'resolved (scenario)',
      });
    }
    case 'cover':
      return admin('POST', `/v1/admin/charges/parties/${w.world.parties[party()].eui}/cover`, {
        amountPence: a.amountPence,
      });
    case 'forceMajeure':
      return admin('POST', '/v1/admin/charges/force-majeure', {
        from: a.from,
        to: a.to,
        reason: a.reason ?? 'force majeure (scenario)',
      });
  }
}

/** What is wrong with the invoice the expectation names, or undefined when it holds. */
export function chargesMismatch(
  w: ScenarioWorld,
  e: ChargesExpectation,
): { message: string; want: unknown; got: unknown } | undefined {
  const invoice = w.world.charges.ctx.store.invoiceFor(w.world.parties[e.party].eui, e.month);
  if (!invoice) return { message: `charges: ${e.party} has no invoice for ${e.month}`, want: e.month, got: undefined };
  const status = invoiceStatus(w.world.charges.ctx, invoice.id);
  const checks: [string, string | number | undefined, string | number][] = [
    ['total', e.totalPence, invoice.totalPence],
    ['outstanding', e.outstandingPence, status.outstandingPence],
    ['state', e.state, status.state],
  ];
  if (e.line) {
    const line = invoice.lines.find((l) => l.code.startsWith(e.line!.code));
    if (!line)
      return {
        message: `charges: ${e.party}'s ${e.month} invoice has no ${e.line.code} line`,
        want: e.line,
        got: invoice.lines,
      };
    checks.push([`${line.code} line`, e.line.amountPence, line.amountPence]);
  }
  for (const [what, want, got] of checks)
    if (want !== undefined && want !== got)
      return {
        message: `charges: ${e.party}'s ${e.month} invoice ${what} is ${JSON.stringify(got)}, not ${JSON.stringify(want)}`,
        want,
        got,
      };
  return undefined;
}
