import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

/** A short, bounded soak (127.0.0.1 only): every message is accounted for in report.json. */
describe('smetsim soak', () => {
  const dir = mkdtempSync(join(tmpdir(), 'smetsim-soak-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs the storm profile, accounts for every request and alert, and passes with nothing lost', async () => {
    const result = await runCli(
      ['soak', '--premises', '20', '--duration', '8s', '--profile', 'storm', '--reads-per-hour', '1800', '--top-ups-per-hour', '180', '--grace', '15s', '--report', dir],
      90_000,
    );
    expect(result.stdout).toContain('soak: PASS');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/\[\s+5s\] hubs \d+\/20/); // plain progress lines when stdout is not a TTY
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as {
      requests: { sent: number; acknowledged: number; answered: number; timedOut: number; refusedByCode: Record<string, number>; lost: number };
      alerts: { raised: number; delivered: number; lost: number };
      latencyMs: Record<string, { count: number; p99: number }>;
      timeline: unknown[];
    };
    const r = report.requests;
    const refused = Object.values(r.refusedByCode).reduce((a, b) => a + b, 0);
    expect(r.sent).toBeGreaterThan(20);
    expect(r.acknowledged + refused).toBe(r.sent);
    expect(r.answered + r.timedOut + r.lost).toBe(r.acknowledged);
    expect(r.lost).toBe(0);
    expect(report.alerts.raised).toBe(6); // 30% of 20 premises lose power and come back
    expect(report.alerts).toMatchObject({ delivered: 6, lost: 0 });
    expect(report.latencyMs['4.1.1']?.count).toBeGreaterThan(0);
    expect(report.timeline.length).toBeGreaterThan(0);
  }, 90_000);

  it('refuses a bad profile with one line', async () => {
    const result = await runCli(['soak', '--profile', 'chaos', '--report', dir]);
    expect(result.code).not.toBe(0);
    expect(result.stderr.trim()).toBe('smetsim soak: --profile must be daily or storm');
  });
});
