import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInventory, signedBy } from '../../support/duis-messages.js';
import { startServe, stopped } from '../../support/serve-process.js';

/** `smetsim serve --duis-port`: the DUIS gateway as a head-end built for DCC Boxed finds it. */
describe('smetsim serve --duis-port', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'smetsim-duis-serve-'));
  let served: Awaited<ReturnType<typeof startServe>>;

  beforeAll(async () => {
    served = await startServe(['--data-dir', dataDir, '--duis-port', '0', '--seed', 'duis-serve']);
  });
  afterAll(async () => {
    served.child.kill('SIGTERM');
    await stopped(served.child);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('names the DUIS URL in its ready line, and answers 8.2 there with a signed DSPInventory', async () => {
    const { duisUrl } = served.ready as { duisUrl?: string };
    expect(duisUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const esme = served.fleet.premises[0]!.devices.ESME!;
    const supplier = served.fleet.parties.find((p) => p.name === 'supplier')!.eui;
    const response = await fetch(`${duisUrl!}/api/v1/serviceD`, {
      method: 'POST',
      headers: { 'content-type': 'application/xml' },
      body: signedBy('supplier', readInventory(supplier, esme, BigInt(Date.now()))),
    });
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(text).toContain('<sr:ResponseCode>I0</sr:ResponseCode>');
    expect(text).toContain(`<sr:DeviceID>${esme}</sr:DeviceID>`);
    expect(text).toContain('<ds:SignatureValue>');
  });
});
