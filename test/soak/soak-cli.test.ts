import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, SMETSIM_BIN } from '../support/cli.js';
import type { SoakReport } from '../../soak/soak-report.js';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * A short, bounded soak over the real parts (127.0.0.1 only): the broker in its own process, the
 * fleet in another with two worker threads, the head-end here. Run once; the tests read what it left.
 */
describe('smetsim soak', () => {
  const dir = mkdtempSync(join(tmpdir(), 'smetsim-soak-'));
  let stdout = '';
  let code: number | null = null;
  let scraped = '';
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  beforeAll(async () => {
    const child = spawn(
      process.execPath,
      [
        SMETSIM_BIN,
        'soak',
        '--premises',
        '20',
        '--workers',
        '2',
        '--duration',
        '10s',
        '--profile',
        join(here, 'busy-profile.yaml'),
        '--grace',
        '15s',
        '--report',
        dir,
        '--metrics-port',
        '0',
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const killer = setTimeout(() => child.kill('SIGKILL'), 110_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const url = /metrics: (http:\/\/127\.0\.0\.1:\d+\/metrics)/.exec(stdout)?.[1];
      // Scrape once, while the run is in its traffic phase.
      if (url && !scraped && /\[\s+[1-9]\d*s\] traffic/.test(stdout)) {
        scraped = 'pending';
        void fetch(url).then(
          async (r) => (scraped = await r.text()),
          () => (scraped = 'failed'),
        );
      }
    });
    code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearTimeout(killer);
  }, 120_000);

  const report = () => JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as SoakReport;

  it('accounts for every request and alert, loses nothing, and passes', () => {
    expect(stdout).toContain('soak: PASS');
    expect(code).toBe(0);
    const r = report().requests;
    const refused = Object.values(r.refusedByCode).reduce((a, b) => a + b, 0);
    expect(r.sent).toBeGreaterThan(40);
    expect(r.acknowledged + refused).toBe(r.sent);
    expect(r.answered + r.timedOut + r.lost + r.unfinished).toBe(r.acknowledged);
    expect(r.unfinished, JSON.stringify(r)).toBe(0); // the grace outlasts the 8 s deadlines
    expect(r.lost, JSON.stringify(r)).toBe(0);
    // After the change of supplier, the old supplier's requests to those meters are refused.
    expect(r.refusedByCode.E4).toBeGreaterThan(0);
  });

  it('follows the profile: scheduled reads of every meter, the outage alerts, N1 / N2 and N20', () => {
    const { latencyMs, alerts, targets } = report();
    // Counted in the targets table: answered, or timed out when the outage caught it in flight.
    const issued = (subject: string) => targets.find((t) => t.subject === subject)?.count;
    expect(issued('4.17 → esme')).toBe(20);
    expect(issued('4.1.1 → gsme')).toBe(20);
    expect(issued('6.23 → esme')).toBe(10);
    expect(latencyMs['4.1.1 → esme']?.count).toBeGreaterThan(20);
    // 5 premises lose power: each restore raises 0x8F35 (to supplier and network operator), and
    // the DCC sends N1 then N2 to the network operator for both meter points.
    expect(alerts).toMatchObject({ upAtHubs: 5, atDcc: 5, lost: 0 });
    expect(alerts.deliveredByCode).toMatchObject({ '0x8F35': 10, N1: 10, N2: 10, N20: 10 });
    expect(targets.map((t) => t.subject)).toContain('4.1.1 → esme');
    expect(targets.every((t) => t.passed)).toBe(true);
  });

  it('prints plain progress lines when stdout is not a TTY, and the summary with the targets table', () => {
    expect(stdout).toMatch(/\[\s+[1-9]\d*s\] traffic.* hubs \d+\/20/);
    expect(stdout).toMatch(/4\.1\.1 → esme\s+\d+\s+p90\s+\d+ ms\s+8000 ms\s+pass/);
    expect(stdout).toMatch(/requests: sent \d+, acknowledged \d+, answered \d+, timed out \d+/);
  });

  it('serves Prometheus metrics while it runs', () => {
    expect(scraped).toMatch(/smetsim_soak_requests_total\{outcome="sent"\} [1-9]/);
    expect(scraped).toMatch(/smetsim_soak_hubs_online (1[5-9]|20)\n/); // 5 may be in their outage
    expect(scraped).toMatch(/smetsim_soak_request_seconds_bucket\{le="[\d.]+",class="4\.1\.1 → esme"\} \d+/);
  });

  it('refuses an unknown profile with one line and exit 2', async () => {
    const result = await runCli(['soak', '--profile', 'chaos', '--report', dir]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(
      'smetsim soak: --profile chaos: not a built-in profile (daily, storm, cos-wave, connect) nor a file',
    );
  });

  it('refuses more premises than the open-file limit allows, and a bad duration, with exit 2', async () => {
    const tooMany = await runCli(['soak', '--premises', '1000000', '--report', dir]);
    expect(tooMany.code).toBe(2);
    expect(tooMany.stderr).toMatch(/^smetsim soak: --premises must be an integer from 1 to \d+\n$/);
    const badDuration = await runCli(['soak', '--duration', '5x', '--report', dir]);
    expect(badDuration.code).toBe(2);
    expect(badDuration.stderr.trim()).toBe('smetsim soak: "5x" is not a duration like 30s, 5m or 2h');
  });
});

describe('smetsim soak when the fleet process dies', () => {
  const dir = mkdtempSync(join(tmpdir(), 'smetsim-soak-crash-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stops, writes its reports, names the crash and exits 1', async () => {
    const child = spawn(
      process.execPath,
      [
        SMETSIM_BIN,
        'soak',
        '--premises',
        '10',
        '--workers',
        '1',
        '--duration',
        '30s',
        '--profile',
        'daily',
        '--report',
        dir,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      // Once traffic runs, kill the fleet process (the soak process's child running fleet-process.js).
      if (stdout.includes('traffic for') && !stdout.includes('(killed)')) {
        stdout += '(killed)';
        const fleet = execFileSync('pgrep', ['-P', String(child.pid), '-f', 'fleet-process.js'], {
          encoding: 'utf8',
        }).trim();
        process.kill(Number(fleet), 'SIGKILL');
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearTimeout(killer);
    expect(code).toBe(1);
    expect(stdout).toMatch(/soak: FAIL \(.*the fleet process exited during the run/);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as SoakReport;
    expect(report.passed).toBe(false);
    expect(report.failures.join(' ')).toContain('the fleet process exited during the run');
  }, 70_000);
});
