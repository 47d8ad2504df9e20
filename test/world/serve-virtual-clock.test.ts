import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEui } from '../../protocol/index.js';
import { runCli } from '../support/cli.js';
import { fleetClient, startServe, stopped, type Fleet } from '../support/serve-process.js';

/**
 * Issue 19 part 3, done when: a virtual-clock `serve` shows a non-zero register after
 * `smetsim admin clock advance 1h`. A real serve process, the real admin command, signed reads.
 */
describe('smetsim serve --clock virtual', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'smetsim-virtual-'));
  let served: Awaited<ReturnType<typeof startServe>>;
  let fleet: Fleet;

  beforeAll(async () => {
    served = await startServe(['--data-dir', dataDir, '--clock', 'virtual', '--seed', 'clock']);
    fleet = served.fleet;
  });
  afterAll(async () => {
    served.child.kill('SIGTERM');
    await stopped(served.child);
    rmSync(dataDir, { recursive: true, force: true });
  });

  const admin = (...args: string[]) => runCli(['admin', '--url', fleet.gatewayUrl, '--data-dir', dataDir, ...args]);

  async function read(device: 'ESME' | 'GSME'): Promise<Record<string, unknown>> {
    const supplier = fleetClient(fleet, 'supplier');
    const target = parseEui(fleet.premises[0]!.devices[device]!);
    const requestId = supplier.nextRequestId(target);
    const role = device === 'ESME' ? 'IS' : 'GS'; // the first supplier supplies both fuels
    const reply = await supplier.submit({ requestId, role, serviceReferenceVariant: '4.1.1', commandVariant: 1 });
    expect(reply.json).toMatchObject({ code: 'I99' });
    // Answered while time stands still: the pump delivers the HAN's zero-delay frames.
    const item = await supplier.waitFor((i) => i.requestId === requestId);
    expect(item).toMatchObject({ code: 'I0' });
    return item.body;
  }

  it('stands still until advanced: the ESME has used nothing yet', async () => {
    const shown = await admin('clock');
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.stdout)).toMatchObject({ mode: 'virtual' });
    expect(await read('ESME')).toMatchObject({ importWh: 0 });
  });

  it('after `admin clock advance 1h` the ESME register is above zero and the gas meter has woken', async () => {
    const before = JSON.parse((await admin('clock')).stdout) as { now: string };
    const advanced = await admin('clock', 'advance', '1h');
    expect(advanced.stderr).toBe('');
    expect(advanced.code).toBe(0);
    const after = JSON.parse(advanced.stdout) as { now: string; advancedMs: number };
    expect(after.advancedMs).toBe(3_600_000);
    expect(Date.parse(after.now) - Date.parse(before.now)).toBe(3_600_000);
    const esme = await read('ESME');
    expect(esme.importWh).toBeGreaterThan(0);
    const gas = await read('GSME');
    // The GPF answers from the mirror the GSME pushes at each 30-minute wake.
    expect(gas.mirroredAt).toBeGreaterThanOrEqual(Date.parse(before.now) + 30 * 60_000);
  });

  it('logged one JSON line per gateway call (stdout is not a terminal), and answers the probes', async () => {
    const logged = served.output.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
    const reads = logged.filter((l) => l.route === '/v1/requests');
    expect(reads.length).toBe(3);
    for (const line of reads) expect(line).toMatchObject({ code: 'I99', sr: '4.1.1', party: expect.any(String) });
    expect(logged.some((l) => l.route === '/v1/admin/clock/advance' && l.code === '200')).toBe(true);
    expect((await fetch(`${fleet.gatewayUrl}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${fleet.gatewayUrl}/readyz`)).json()).toMatchObject({ status: 'ready' });
    const metrics = await (await fetch(`${fleet.gatewayUrl}/metrics`)).text();
    expect(metrics).toMatch(/smetsim_gateway_requests_total\{route="\/v1\/requests",sr="4\.1\.1",code="I99"\} 3/);
    expect(metrics).toMatch(/^smetsim_hubs_online 1$/m);
  });

  it('refuses a malformed duration before calling (exit 2), and names the rule', async () => {
    const bad = await admin('clock', 'advance', '30');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/by "30" is not a duration \(a number needs a unit\)/);
  });
});
