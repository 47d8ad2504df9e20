import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { SoakReport } from '../../soak/soak-report.js';
import { runCli } from '../support/cli.js';
import { openInChromium } from '../support/chromium.js';

/**
 * report.html from a real (short, bounded, 127.0.0.1) soak run, opened in Debian's headless
 * Chromium: every chart draws, nothing is fetched from outside the file, the console stays
 * clean, and a full-page screenshot is taken. External because it needs `apt-get install
 * chromium` (.ci/run installs it).
 */
describe('soak report.html in headless Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'smetsim-soak-html-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('opens offline, draws every chart, and logs no console errors', async () => {
    const profile = fileURLToPath(new URL('../soak/busy-profile.yaml', import.meta.url));
    const run = await runCli(
      [
        'soak',
        '--premises',
        '12',
        '--workers',
        '2',
        '--duration',
        '6s',
        '--profile',
        profile,
        '--grace',
        '12s',
        '--report',
        dir,
      ],
      90_000,
    );
    expect(run.stderr).toBe('');
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as SoakReport;
    const page = await openInChromium(join(dir, 'report.html'), join(dir, 'report.png'));
    expect(page.consoleErrors).toEqual([]);
    expect(page.externalRequests).toEqual([]);
    // Throughput, hubs online, one latency chart per class, alerts, errors, memory, event-loop lag.
    expect(page.charts).toBe(Object.keys(report.latencyMs).length + 6);
    expect(page.inkedCanvases).toBe(page.charts);
    expect(page.text).toContain('Response-time targets');
    expect(page.text).toContain(report.passed ? 'PASS' : 'FAIL');
    expect(page.screenshotBytes).toBeGreaterThan(20_000);
  }, 120_000);
});
