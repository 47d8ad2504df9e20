import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeCrypto, parseEui, signGatewayRequest, VirtualClock } from '../../../protocol/index.js';
import { startWorld, type World } from '../../../world/dcc-world.js';
import { GatewayClient } from '../../../world/gateway-client.js';
import type { DefaultPartyName } from '../../../world/default-parties.js';

const DAY = 86_400_000;

/** The worked example's statement (invoice-worked-example.test.ts has the prices by hand). */
const STATEMENT = {
  year: 2026,
  fixedCostsPence: 12_000_000,
  potSharesBp: {
    importSupplier: 4000,
    exportSupplier: 500,
    gasSupplier: 3000,
    electricityDistributor: 1500,
    gasTransporter: 1000,
  },
  systems: {
    importSupplier: 1200,
    exportSupplier: 300,
    gasSupplier: 900,
    electricityDistributor: 1200,
    gasTransporter: 900,
  },
  pencePerGb: 150,
  applicationFeePence: 50_000,
  membershipFeePencePerMonth: 10_000,
  optOutFeePence: 2_500,
};

interface Status {
  invoice: {
    id: number;
    party: string;
    totalPence: number;
    subtotalPence: number;
    lines: { code: string; amountPence: number }[];
  };
  outstandingPence: number;
  state: string;
}

/**
 * Built-in scenario "a month of a two-supplier fleet invoiced", and the bad debt one, over real
 * HTTP and SQLite on the virtual clock: statement, usage, May's invoices, payments, a dispute, a
 * defaulting supplier whose cover is called and whose remaining debt is socialised. Every amount
 * below is worked by hand in the comments, not computed by the code under test.
 */
describe('DCC charges end to end (SEC ch. 9)', () => {
  let world: World;
  const clock = new VirtualClock(Date.UTC(2026, 2, 2, 9)); // Monday 2 March 2026
  const eui = (name: DefaultPartyName) => world.parties[name].eui;
  const client = (name: DefaultPartyName) =>
    new GatewayClient(world.gatewayUrl, eui(name), world.parties[name].ds, nodeCrypto, clock);
  const admin = async (method: 'GET' | 'POST', path: string, body?: unknown) => {
    const response = await fetch(`${world.gatewayUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${world.adminToken}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, type: response.headers.get('content-type') ?? '', text, json: safeJson(text) };
  };
  const invoiceOf = async (name: DefaultPartyName): Promise<Status> => {
    const listed = await admin('GET', `/v1/admin/charges/invoices?month=2026-05&party=${eui(name)}`);
    return (listed.json as { invoices: Status[] }).invoices[0]!;
  };
  const withoutData = (s: Status) => s.invoice.lines.filter((l) => l.code !== 'explicit.data');

  beforeAll(async () => {
    world = await startWorld({
      premises: 0,
      clock,
      crypto: nodeCrypto,
      seed: 'charges-e2e',
      smwanSecret: 'charges-e2e-smwan-secret',
    });
    // Systems enrolled: supplier 2 electricity + 2 gas, supplier2 1 + 1; the network operator runs
    // all 3 + 3; the export supplier exports on 1.
    const since = clock.now() - DAY;
    for (let i = 1; i <= 3; i++) {
      const hub = parseEui(`00-00-00-00-00-C0-00-0${i}`);
      const mpan = `190000000000${i}`;
      const mprn = `70000${i}`;
      for (const [type, suffix, mpxn] of [
        ['ESME', '1', mpan],
        ['GSME', '2', mprn],
      ] as const)
        world.headEnd.admin.putDevice(
          {
            eui: parseEui(`00-00-00-00-00-C0-0${suffix}-0${i}`),
            type,
            status: 'Commissioned',
            hub,
            mpxn,
            ds: nodeCrypto.generateKeyPair().publicKey,
            ka: nodeCrypto.generateKeyPair().publicKey,
          },
          since,
        );
      const supplier = i <= 2 ? eui('supplier') : eui('supplier2');
      world.headEnd.admin.register(mpan, 'importSupplier', supplier, since);
      world.headEnd.admin.register(mprn, 'gasSupplier', supplier, since);
      world.headEnd.admin.register(mpan, 'electricityDistributor', eui('networkOperator'), since);
      world.headEnd.admin.register(mprn, 'gasTransporter', eui('networkOperator'), since);
      if (i === 1) world.headEnd.admin.register(mpan, 'exportSupplier', eui('exportSupplier'), since);
    }
  });
  afterAll(async () => world?.stop());

  it('refuses a statement whose pot shares do not sum to 100%, and changes nothing', async () => {
    const bad = await admin('POST', '/v1/admin/charges/statements', {
      ...STATEMENT,
      potSharesBp: { ...STATEMENT.potSharesBp, gasTransporter: 1001 },
    });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ code: 'POT_SHARES_NOT_100', field: 'potSharesBp' });
    expect(((await admin('GET', '/v1/admin/charges/statements')).json as { statements: unknown[] }).statements).toEqual(
      [],
    );
  });

  it('sets the statement in March: it applies from 1 April, the start of the charging year', async () => {
    const set = await admin('POST', '/v1/admin/charges/statements', STATEMENT);
    expect(set.status).toBe(200);
    expect(set.json).toMatchObject({ id: 1, effectiveFrom: Date.UTC(2026, 3, 1) });
  });

  it('meters May’s calls per party and day, and issues May’s invoices in arrears', async () => {
    clock.advance(Date.UTC(2026, 4, 12, 10) - clock.now());
    const supplier = client('supplier');
    for (let i = 0; i < 3; i++) expect((await supplier.call('GET', '/v1/charges/invoices')).status).toBe(200);
    const usage = await supplier.call<{
      usage: { day: string; channel: string; direction: string; messages: number; bytes: number }[];
    }>('GET', '/v1/charges/usage?from=2026-05-01&to=2026-05-31');
    const gateway = usage.json.usage.filter((u) => u.channel === 'gateway' && u.day === '2026-05-12');
    expect(gateway.find((u) => u.direction === 'in')?.messages).toBe(3);
    expect(gateway.find((u) => u.direction === 'out')?.messages).toBe(3);
    expect(gateway.find((u) => u.direction === 'out')!.bytes).toBeGreaterThan(3 * 10);

    expect((await admin('POST', '/v1/admin/charges/invoices', { month: '2026-05' })).json).toMatchObject({
      code: 'MONTH_NOT_ENDED',
    });
    clock.advance(Date.UTC(2026, 5, 1, 0, 0, 1) - clock.now()); // Monday 1 June
    const issued = await admin('POST', '/v1/admin/charges/invoices', { month: '2026-05' });
    expect(issued.status).toBe(200);
    expect((issued.json as { invoices: unknown[] }).invoices).toHaveLength(6);

    // By hand (prices: invoice-worked-example.test.ts):
    //   supplier: 2 × 333.333 = 667, 2 × 333.333 = 667, membership 10,000 → 11,334; VAT 2,267; 13,601
    //   supplier2: 333 + 333 + 10,000 = 10,666; VAT 2,133; 12,799
    //   network operator: 3 × 125 = 375, 3 × 111.111 = 333, + 10,000 = 10,708; VAT 2,142; 12,850
    //   export supplier: 166.667 → 167 + 10,000 = 10,167; VAT 2,033; 12,200
    //   meter operator, other user: 10,000; VAT 2,000; 12,000
    const s = await invoiceOf('supplier');
    expect(withoutData(s).map((l) => [l.code, l.amountPence])).toEqual([
      ['fixed.importSupplier', 667],
      ['fixed.gasSupplier', 667],
      ['explicit.membership', 10_000],
    ]);
    // A few kilobytes at £1.50 per GB is 0 pence, but the line is there with its bytes.
    expect(s.invoice.lines.find((l) => l.code === 'explicit.data')?.amountPence).toBe(0);
    const totals = await Promise.all(
      (['supplier', 'supplier2', 'networkOperator', 'exportSupplier', 'meterOperator', 'otherUser'] as const).map(
        async (name) => (await invoiceOf(name)).invoice.totalPence,
      ),
    );
    expect(totals).toEqual([13_601, 12_799, 12_850, 12_200, 12_000, 12_000]);
    expect((await invoiceOf('otherUser')).invoice.lines.some((l) => l.code.startsWith('fixed.'))).toBe(false);

    // Issuing again gives the same invoices; recomputing gives the same to the penny.
    const again = await admin('POST', '/v1/admin/charges/invoices', { month: '2026-05' });
    expect(again.json).toEqual(issued.json);
    const recompute = await admin('GET', `/v1/admin/charges/invoices/${s.invoice.id}/recompute`);
    expect(recompute.json).toMatchObject({ same: true });
  });

  it('serves invoices as CSV and as a printable page, a party only its own', async () => {
    const s = await invoiceOf('supplier');
    const csv = await admin('GET', '/v1/admin/charges/invoices?month=2026-05&format=csv');
    expect(csv.type).toMatch(/^text\/csv/);
    expect(csv.text.split('\r\n')[0]).toMatch(/^invoice,party,month,/);
    expect(csv.text).toContain(`${s.invoice.id},${eui('supplier')},2026-05,`);
    const html = await admin('GET', `/v1/admin/charges/invoices/${s.invoice.id}?format=html`);
    expect(html.type).toMatch(/^text\/html/);
    expect(html.text).toContain('£136.01');

    const own = await signedText('supplier', `/v1/charges/invoices/${s.invoice.id}?format=html`);
    expect(own.status).toBe(200);
    expect(own.text).toContain('£136.01');
    const other = await client('supplier2').call('GET', `/v1/charges/invoices/${s.invoice.id}`);
    expect(other.status).toBe(404);
    expect(other.json).toMatchObject({ code: 'UNKNOWN_INVOICE' });
  });

  it('refuses bad payments and disputes by name, and changes nothing', async () => {
    const s = await invoiceOf('supplier');
    const unknown = await admin('POST', '/v1/admin/charges/invoices/999/payments', { amountPence: 100 });
    expect([unknown.status, (unknown.json as { code: string }).code]).toEqual([404, 'UNKNOWN_INVOICE']);
    const negative = await client('supplier').call('POST', `/v1/charges/invoices/${s.invoice.id}/payments`, {
      amountPence: -5,
    });
    expect([negative.status, (negative.json as { code: string }).code]).toEqual([400, 'NEGATIVE_AMOUNT']);
    const stranger = await client('supplier2').call('POST', `/v1/charges/invoices/${s.invoice.id}/disputes`, {
      reason: 'not mine',
    });
    expect([stranger.status, (stranger.json as { code: string }).code]).toEqual([403, 'NOT_ON_INVOICE']);
    const direct = await admin('POST', `/v1/admin/charges/invoices/${s.invoice.id}/payments`, { amountPence: -1 });
    expect((direct.json as { code: string }).code).toBe('NEGATIVE_AMOUNT');
    expect(await invoiceOf('supplier')).toMatchObject({ outstandingPence: 13_601 });
    expect(((await admin('GET', '/v1/admin/charges/disputes')).json as { disputes: unknown[] }).disputes).toEqual([]);
  });

  it('a defaulting supplier: its cover is called when the invoice is unpaid when due, the rest socialised', async () => {
    // Everyone else pays in full on time; the supplier disputes (pay now, dispute later).
    const supplier = await invoiceOf('supplier');
    expect(
      (
        await client('supplier').call('POST', `/v1/charges/invoices/${supplier.invoice.id}/disputes`, {
          reason: 'gas count',
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await client('supplier').call('POST', `/v1/charges/invoices/${supplier.invoice.id}/payments`, {
          amountPence: 13_601,
        })
      ).status,
    ).toBe(200);
    for (const name of ['networkOperator', 'exportSupplier', 'meterOperator', 'otherUser'] as const) {
      const s = await invoiceOf(name);
      expect(
        (
          await admin('POST', `/v1/admin/charges/invoices/${s.invoice.id}/payments`, {
            amountPence: s.outstandingPence,
          })
        ).status,
      ).toBe(200);
    }
    const lodged = await admin('POST', `/v1/admin/charges/parties/${eui('supplier2')}/cover`, { amountPence: 5_000 });
    // Required: 2 × the average of its invoices = 2 × 12,799 = 25,598.
    expect(lodged.json).toMatchObject({ lodgedPence: 5_000, requiredPence: 25_598, shortfallPence: 20_598 });

    // Due on the 5th working day after 1 June: Monday 8 June. The check runs after it.
    clock.advance(Date.UTC(2026, 5, 8, 23) - clock.now());
    expect((await invoiceOf('supplier2')).state).toBe('due');
    clock.advance(2 * 3600_000);
    const s2 = await invoiceOf('supplier2');
    // 12,799 owed; 5,000 from cover; 7,799 socialised.
    expect(s2).toMatchObject({ outstandingPence: 7_799, state: 'overdue' });
    expect((await admin('GET', `/v1/admin/charges/parties/${eui('supplier2')}/cover`)).json).toMatchObject({
      lodgedPence: 0,
    });
    const notices = world.sec.noticesTo(eui('supplier2'));
    expect(notices.map((n) => n.kind)).toEqual(
      expect.arrayContaining([
        'creditCoverShortfall-notice',
        'credit-cover-called',
        'payment-notice',
        'bad-debt-socialised',
      ]),
    );
    // 7,799 shared by May's subtotals (52,209 in all): supplier 11,334 → 1,693; network 10,708 →
    // 1,599; export 10,167 → 1,518.7 → 1,519; meter operator and other user 10,000 → 1,493.9 → 1,494.
    const adjustments = (await admin('GET', '/v1/admin/charges/adjustments')).json as {
      adjustments: { party: string; kind: string; amountPence: number }[];
    };
    const shares = Object.fromEntries(
      adjustments.adjustments.filter((a) => a.kind === 'badDebt').map((a) => [a.party, a.amountPence]),
    );
    expect(shares).toEqual({
      [eui('supplier')]: 1_693,
      [eui('networkOperator')]: 1_599,
      [eui('exportSupplier')]: 1_519,
      [eui('meterOperator')]: 1_494,
      [eui('otherUser')]: 1_494,
    });
  });

  it('the dispute resolved with a credit: the disputed invoice unchanged, the credit on the next invoice', async () => {
    const disputes = (await admin('GET', '/v1/admin/charges/disputes')).json as { disputes: { id: number }[] };
    const resolved = await admin('POST', `/v1/admin/charges/disputes/${disputes.disputes[0]!.id}/resolve`, {
      adjustmentPence: -667,
      note: 'one gas system was not enrolled',
    });
    expect(resolved.status).toBe(200);
    clock.advance(Date.UTC(2026, 6, 1, 1) - clock.now());
    await admin('POST', '/v1/admin/charges/invoices', { month: '2026-06' });
    const june = (await admin('GET', `/v1/admin/charges/invoices?month=2026-06&party=${eui('supplier')}`)).json as {
      invoices: Status[];
    };
    const lines = june.invoices[0]!.invoice.lines.filter((l) => l.code !== 'explicit.data');
    // June: 667 + 667 + 10,000, the bad-debt share 1,693, the credit −667 → 12,360; VAT 2,472; 14,832.
    expect(lines.map((l) => l.amountPence)).toEqual([667, 667, 10_000, 1_693, -667]);
    expect(june.invoices[0]!.invoice.totalPence).toBe(14_832);
    expect((await invoiceOf('supplier')).invoice.totalPence).toBe(13_601);
  });

  async function signedText(name: DefaultPartyName, path: string) {
    const headers = signGatewayRequest(
      nodeCrypto,
      eui(name),
      world.parties[name].ds,
      'GET',
      path,
      '',
      new Date(clock.now()),
    );
    const response = await fetch(`${world.gatewayUrl}${path}`, { headers: { ...headers } });
    return { status: response.status, text: await response.text() };
  }
});

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
