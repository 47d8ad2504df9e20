import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeCrypto, parseEui, VirtualClock } from '../../../protocol/index.js';
import { declareForceMajeure, kpiReport } from '../../../sec/charges/kpi.js';
import { pay } from '../../../sec/charges/ledger.js';
import { kpiHtml } from '../../../sec/charges/render.js';
import { startWorld, type World } from '../../../world/dcc-world.js';

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

/**
 * Built-in scenario "a KPI miss that reduces the next invoice" (SEC ch. 9, 15; §395: 99% of reads
 * within a set time). May's requests are put in the head-end's own tables as the pipeline writes
 * them: the supplier's 100 reads, 98 answered in 10 s and 2 in 45 s (target: 30 s), and one more
 * during a declared force-majeure period, answered late and excluded; supplier2's 10 reads all on time.
 */
describe('a KPI miss reduces the next invoice', () => {
  let world: World;
  const clock = new VirtualClock(Date.UTC(2026, 2, 2, 9));
  beforeAll(async () => {
    world = await startWorld({
      premises: 0,
      clock,
      crypto: nodeCrypto,
      seed: 'kpi',
      smwanSecret: 'kpi-test-smwan-secret',
    });
    const hub = parseEui('00-00-00-00-00-C2-00-01');
    for (const i of [1, 2]) {
      const mpan = `190000000010${i}`;
      world.headEnd.admin.putDevice(
        {
          eui: parseEui(`00-00-00-00-00-C2-01-0${i}`),
          type: 'ESME',
          status: 'Commissioned',
          hub,
          mpxn: mpan,
          ds: nodeCrypto.generateKeyPair().publicKey,
          ka: undefined,
        },
        clock.now(),
      );
      world.headEnd.admin.register(mpan, 'importSupplier', world.parties.supplier.eui, clock.now());
    }
    world.charges.setStatement(STATEMENT);
    const db = world.charges.ctx.store.db;
    const request = db.prepare(
      "INSERT INTO requests (party, counter, request_id, target, hub, sr, variant, state, command, created_at, deadline) VALUES (?, ?, ?, '00-00-00-00-00-C2-01-01', ?, '4.1.1', 1, 'answered', NULL, ?, NULL)",
    );
    const answer = db.prepare(
      "INSERT INTO inbox (party, kind, request_id, code, sr, alert_code, body, received_at) VALUES (?, 'response', ?, 'I0', '4.1.1', NULL, '{}', ?)",
    );
    const read = (party: string, n: number, at: number, after: number) => {
      request.run(party, String(n), `${party}:r:${n}`, hub, at);
      answer.run(party, `${party}:r:${n}`, at + after);
    };
    const may = Date.UTC(2026, 4, 4, 9);
    for (let n = 1; n <= 100; n++) read(world.parties.supplier.eui, n, may + n * 60_000, n <= 98 ? 10_000 : 45_000);
    read(world.parties.supplier.eui, 101, Date.UTC(2026, 4, 20, 12), 3_600_000);
    for (let n = 1; n <= 10; n++) read(world.parties.supplier2.eui, n, may + n * 60_000, 5_000);
    clock.advance(Date.UTC(2026, 4, 20) - clock.now());
    declareForceMajeure(
      world.charges.ctx,
      Date.UTC(2026, 4, 20, 11),
      Date.UTC(2026, 4, 20, 14),
      'flood at the data centre',
    );
  });
  afterAll(async () => world?.stop());

  it('reports May per class and party, excluding force majeure', () => {
    const report = kpiReport(world.charges.ctx, '2026-05');
    const reads = report.lines.filter((l) => l.serviceClass === 'reads');
    expect(reads.map((l) => [l.party ?? 'all', l.requests, l.withinTarget, l.excluded, l.shareBp, l.met])).toEqual([
      ['all', 110, 108, 1, 9818, false], // 108 / 110 = 98.18%
      [world.parties.supplier.eui, 100, 98, 1, 9800, false],
      [world.parties.supplier2.eui, 10, 10, 0, 10_000, true],
    ]);
    expect(kpiHtml(report, (p) => p)).toContain('<b>missed</b>');
  });

  it('the supplier’s missed KPI is a credit on its June invoice; supplier2’s is untouched', () => {
    clock.advance(Date.UTC(2026, 5, 1, 1) - clock.now());
    const may = world.charges.issue('2026-05');
    const supplierMay = may.find((i) => i.party === world.parties.supplier.eui)!;
    // May: 2 × 333.333 = 667 + 10,000 = 10,667; VAT 2,133.4 → 2,133; 12,800. No reduction yet.
    expect(supplierMay.totalPence).toBe(12_800);
    // Everyone pays on time, so that no cover call or bad debt enters June.
    for (const invoice of may) pay(world.charges.ctx, invoice.id, invoice.totalPence);
    clock.advance(Date.UTC(2026, 6, 1, 1) - clock.now());
    const june = world.charges.issue('2026-06');
    const supplierJune = june.find((i) => i.party === world.parties.supplier.eui)!;
    // 5% of May's fixed charges: 667 × 0.05 = 33.35 → 33. June: 667 + 10,000 − 33 = 10,634;
    // VAT 2,126.8 → 2,127; 12,761.
    expect(supplierJune.lines.find((l) => l.code.startsWith('adjustment.kpi'))?.amountPence).toBe(-33);
    expect(supplierJune.totalPence).toBe(12_761);
    const supplier2June = june.find((i) => i.party === world.parties.supplier2.eui)!;
    expect(supplier2June.lines.some((l) => l.code.startsWith('adjustment.kpi'))).toBe(false);
  });
});
