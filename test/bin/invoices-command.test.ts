import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeCrypto, parseEui, VirtualClock } from '../../protocol/index.js';
import { startWorld } from '../../world/dcc-world.js';
import { runCli } from '../support/cli.js';

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

/** `smetsim invoices`: a finance tester's view of a data folder (SEC ch. 9). */
describe('smetsim invoices', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'smetsim-invoices-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  beforeAll(async () => {
    const clock = new VirtualClock(Date.UTC(2026, 2, 2, 9));
    const world = await startWorld({
      premises: 0,
      clock,
      crypto: nodeCrypto,
      seed: 'invoices-cli',
      smwanSecret: 'invoices-cli-secret',
      dataDir,
    });
    try {
      const hub = parseEui('00-00-00-00-00-C1-00-01');
      world.headEnd.admin.putDevice(
        {
          eui: parseEui('00-00-00-00-00-C1-01-01'),
          type: 'ESME',
          status: 'Commissioned',
          hub,
          mpxn: '1900000000009',
          ds: nodeCrypto.generateKeyPair().publicKey,
          ka: undefined,
        },
        clock.now(),
      );
      world.headEnd.admin.register('1900000000009', 'importSupplier', world.parties.supplier.eui, clock.now());
      world.charges.setStatement(STATEMENT);
    } finally {
      await world.stop();
    }
  });

  it('issues a month from the folder and prints it as a table, CSV and JSON', async () => {
    const none = await runCli(['invoices', '--data-dir', dataDir, '--month', '2026-05']);
    expect(none.code).toBe(1);
    expect(none.stdout).toContain('DCC invoices for 2026-05: 0');
    const issued = await runCli([
      'invoices',
      '--data-dir',
      dataDir,
      '--month',
      '2026-05',
      '--issue',
      '--now',
      '2026-06-01T00:00:00Z',
    ]);
    expect(issued.code).toBe(0);
    // The supplier: 1 × 333.333 p → 333, membership 10,000: 10,333; VAT 2,066.6 → 2,067; £124.00.
    expect(issued.stdout).toMatch(/Fixed charge: import supplier.*1\s+£3\.33/);
    expect(issued.stdout).toMatch(/Total\s+£124\.00/);
    const csv = await runCli(['invoices', '--data-dir', dataDir, '--month', '2026-05', '--format', 'csv']);
    expect(csv.code).toBe(0);
    expect(csv.stdout).toContain(',fixed.importSupplier,');
    expect(csv.stdout).toContain(',1,system-month,333.333,333,10333,2000,2067,12400');
    const json = await runCli(['invoices', '--data-dir', dataDir, '--month', '2026-05', '--format', 'json']);
    const parsed = JSON.parse(json.stdout) as { invoices: { invoice: { totalPence: number } }[] };
    expect(parsed.invoices.map((s) => s.invoice.totalPence)).toContain(12_400);
  }, 60_000);

  it('refuses a folder without a database and a bad month (exit 2)', async () => {
    expect((await runCli(['invoices', '--data-dir', join(dataDir, 'nope'), '--month', '2026-05'])).code).toBe(2);
    const bad = await runCli(['invoices', '--data-dir', dataDir, '--month', '2026-13']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('month is YYYY-MM');
  }, 60_000);
});
