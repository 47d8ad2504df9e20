import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseEui } from '../../../protocol/index.js';
import { computeInvoice, fixedPriceMillipence, type InvoiceInputs } from '../../../sec/charges/invoice.js';
import { allocate } from '../../../sec/charges/money.js';
import { checkStatement, nextPeriodStart, type ChargingStatement } from '../../../sec/charges/statement.js';
import { invoicesCsv, invoiceHtml } from '../../../sec/charges/render.js';

/**
 * SEC ch. 9 §207-253, worked by hand. The DCC's fixed costs are £120,000 a year; the pots take
 * 40% / 5% / 30% / 15% / 10%; the classes have 1,200 / 300 / 900 / 1,200 / 900 systems (past plus
 * forecast). A month's price per system is costs × share / 12 / systems:
 *   import supplier   12,000,000 × 0.40 / 12 / 1,200 = 333.333 p  → 333,333 millipence
 *   export supplier   12,000,000 × 0.05 / 12 /   300 = 166.6667 p → 166,667 millipence
 *   gas supplier      12,000,000 × 0.30 / 12 /   900 = 333.333 p  → 333,333 millipence
 *   elec. distributor 12,000,000 × 0.15 / 12 / 1,200 = 125 p      → 125,000 millipence
 *   gas transporter   12,000,000 × 0.10 / 12 /   900 = 111.111 p  → 111,111 millipence
 */
const STATEMENT: ChargingStatement = {
  id: 1,
  year: 2026,
  effectiveFrom: Date.UTC(2026, 3, 1),
  setAt: Date.UTC(2026, 2, 1),
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

const SUPPLIER = parseEui('90-B3-D5-1F-30-01-00-00');

const inputs = (over: Partial<InvoiceInputs> = {}): InvoiceInputs => ({
  party: SUPPLIER,
  month: '2026-05',
  issuedAt: Date.UTC(2026, 5, 1),
  dueAt: Date.UTC(2026, 5, 5, 23, 59, 59, 999),
  statement: STATEMENT,
  preGoLive: false,
  otherUser: false,
  systems: { importSupplier: 2, gasSupplier: 2 },
  chargeableBytes: 2_500_000_000,
  member: true,
  accededInMonth: false,
  optOuts: 3,
  electives: [],
  adjustments: [{ id: 7, kind: 'dispute', description: 'Dispute 1 resolved: overcharge', amountPence: -1_234 }],
  vatBp: 2_000,
  ...over,
});

describe('the charging statement (SEC ch. 9)', () => {
  it('prices each pot per system per month, to the millipenny', () => {
    expect(fixedPriceMillipence(STATEMENT, 'importSupplier', false)).toBe(333_333);
    expect(fixedPriceMillipence(STATEMENT, 'exportSupplier', false)).toBe(166_667);
    expect(fixedPriceMillipence(STATEMENT, 'gasSupplier', false)).toBe(333_333);
    expect(fixedPriceMillipence(STATEMENT, 'electricityDistributor', false)).toBe(125_000);
    expect(fixedPriceMillipence(STATEMENT, 'gasTransporter', false)).toBe(111_111);
  });

  it('before Go-Live recovers only the DCC and governance costs over the systems mandated for enrolment', () => {
    // £24,000 a year, import pot 40%, 4,000 mandated: 2,400,000 × 0.4 / 12 / 4,000 = 20 p.
    const pre = {
      ...STATEMENT,
      preGoLive: {
        costsPence: 2_400_000,
        mandatedSystems: {
          importSupplier: 4000,
          exportSupplier: 1,
          gasSupplier: 1,
          electricityDistributor: 1,
          gasTransporter: 1,
        },
      },
    };
    expect(fixedPriceMillipence(pre, 'importSupplier', true)).toBe(20_000);
    expect(fixedPriceMillipence(STATEMENT, 'importSupplier', true)).toBe(0);
  });

  it('refuses pot shares that do not sum to 100% (POT_SHARES_NOT_100) and negative prices (NEGATIVE_AMOUNT)', () => {
    const { id: _id, effectiveFrom: _from, setAt: _at, ...input } = STATEMENT;
    expect(() => checkStatement({ ...input, potSharesBp: { ...input.potSharesBp, gasTransporter: 999 } })).toThrow(
      expect.objectContaining({ code: 'POT_SHARES_NOT_100' }),
    );
    expect(() => checkStatement({ ...input, pencePerGb: -1 })).toThrow(
      expect.objectContaining({ code: 'NEGATIVE_AMOUNT' }),
    );
    expect(() => checkStatement(input)).not.toThrow();
  });

  it('applies a revision from the next quarter of the charging year, never retroactively', () => {
    expect(nextPeriodStart(Date.UTC(2026, 1, 10), 2026, 4)).toBe(Date.UTC(2026, 3, 1));
    expect(nextPeriodStart(Date.UTC(2026, 4, 10), 2026, 4)).toBe(Date.UTC(2026, 6, 1));
    expect(nextPeriodStart(Date.UTC(2026, 11, 31), 2026, 4)).toBe(Date.UTC(2027, 0, 1));
    // In the year's last quarter, nothing of that year is left to revise.
    expect(() => nextPeriodStart(Date.UTC(2027, 1, 1), 2026, 4)).toThrow(/no period left/);
  });
});

describe('a monthly invoice (SEC ch. 9), worked by hand', () => {
  it('a supplier with 2 electricity and 2 gas systems', () => {
    const invoice = computeInvoice(42, inputs());
    expect(invoice.lines.map((l) => [l.code, l.quantity, l.unitPriceMillipence, l.amountPence])).toEqual([
      ['fixed.importSupplier', 2, 333_333, 667], // 666.666 p
      ['fixed.gasSupplier', 2, 333_333, 667],
      ['explicit.data', 2_500_000_000, 150_000, 375], // 2.5 GB × 150 p
      ['explicit.membership', 1, 10_000_000, 10_000],
      ['explicit.optOut', 3, 2_500_000, 7_500],
      ['adjustment.dispute.7', 1, -1_234_000, -1_234],
    ]);
    // 667 + 667 + 375 + 10,000 + 7,500 − 1,234 = 17,975; VAT 20% = 3,595; total 21,570.
    expect([invoice.subtotalPence, invoice.vatPence, invoice.totalPence]).toEqual([17_975, 3_595, 21_570]);
  });

  it('a network operator pays the distributor and transporter pots; an Other User explicit charges only', () => {
    const network = computeInvoice(
      1,
      inputs({
        systems: { electricityDistributor: 2, gasTransporter: 2 },
        chargeableBytes: 0,
        optOuts: 0,
        adjustments: [],
      }),
    );
    // 250 + 222 (222.222) + 10,000 = 10,472; VAT 2,094.4 → 2,094; total 12,566.
    expect([network.subtotalPence, network.vatPence, network.totalPence]).toEqual([10_472, 2_094, 12_566]);
    const other = computeInvoice(2, inputs({ otherUser: true, optOuts: 0, adjustments: [] }));
    expect(other.lines.map((l) => l.code)).toEqual(['explicit.data', 'explicit.membership']);
    expect(other.totalPence).toBe(12_450); // (375 + 10,000) × 1.2
  });

  it('is reproducible: the same inputs give the same invoice, to the penny', () => {
    fc.assert(
      fc.property(fc.nat({ max: 5000 }), fc.nat({ max: 5000 }), fc.nat(), (elec, gas, bytes) => {
        const input = inputs({ systems: { importSupplier: elec, gasSupplier: gas }, chargeableBytes: bytes });
        const a = computeInvoice(1, input);
        expect(computeInvoice(1, input)).toEqual(a);
        expect(a.totalPence).toBe(a.subtotalPence + a.vatPence);
        expect(a.lines.every((l) => Number.isSafeInteger(l.amountPence))).toBe(true);
      }),
    );
  });

  it('prints as CSV (pence, integers) and as a printable page', () => {
    const invoice = computeInvoice(42, inputs());
    const csv = invoicesCsv([invoice]).split('\r\n');
    expect(csv[0]).toBe(
      'invoice,party,month,issued,due,statement,line,description,quantity,unit,unit_price_pence,amount_pence,subtotal_pence,vat_bp,vat_pence,total_pence',
    );
    expect(csv[1]).toContain(',fixed.importSupplier,');
    expect(csv[1]).toContain(',2,system-month,333.333,667,17975,2000,3595,21570');
    const html = invoiceHtml(invoice, 'Supplier <A>');
    expect(html).toContain('Supplier &lt;A&gt;');
    expect(html).toContain('£215.70');
    expect(html).toContain('-£12.34');
    expect(html).not.toContain('<script');
  });
});

describe('allocation to the penny (socialised bad debt)', () => {
  it('splits 1,000 p by 30,000 / 20,000 / 10,000 as 500 / 333 / 167 (largest remainder)', () => {
    const shares = allocate(1_000, [
      { key: 'A', weight: 30_000 },
      { key: 'B', weight: 20_000 },
      { key: 'C', weight: 10_000 },
    ]);
    expect([...shares]).toEqual([
      ['A', 500],
      ['B', 333],
      ['C', 167],
    ]);
  });

  it('always sums exactly to the total', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 10_000_000 }),
        fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 20 }),
        (total, ws) => {
          const shares = allocate(
            total,
            ws.map((weight, i) => ({ key: String(i), weight })),
          );
          expect([...shares.values()].reduce((s, x) => s + x, 0)).toBe(total);
        },
      ),
    );
  });
});
