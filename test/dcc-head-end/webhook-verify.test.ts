import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeCrypto, signGatewayRequest } from '../../protocol/index.js';
import type { World } from '../../world/dcc-world.js';
import { writeFleetFile } from '../../world/fleet-file.js';
import { waitFor } from '../support/wait.js';
import { testWorld } from '../support/world.js';

/** The `example:webhook` block of docs/api.md, as written. */
function webhookExample(): string {
  const doc = readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8');
  const match = /<!-- example:webhook -->\n```\w+\n([\s\S]*?)```/.exec(doc);
  if (!match) throw new Error('docs/api.md has no example:webhook block');
  return match[1]!;
}

/**
 * Issue 17, defect 7: parties could not verify webhook signatures, because fleet.json named the
 * ACB but gave no key. A party's receiver that knows only fleet.json (docs/api.md's example, run
 * as a separate process) verifies the DCC's real POSTs and refuses a forged one.
 */
describe('a party verifies webhook POSTs from fleet.json alone', () => {
  let world: World;
  let admin: (path: string, body: unknown) => Promise<{ status: number; json: unknown }>;
  const dataDir = mkdtempSync(join(tmpdir(), 'smetsim-webhook-'));
  let receiver: ChildProcess;
  const lines: string[] = [];
  let port = 0;

  beforeAll(async () => {
    ({ world, admin } = await testWorld());
    writeFleetFile(world, dataDir);
    const script = join(dataDir, 'verify-webhook.mjs');
    writeFileSync(script, webhookExample());
    receiver = spawn(process.execPath, [script], { env: { ...process.env, DATA: dataDir, PORT: '0' } });
    receiver.stdout!.on('data', (chunk: Buffer) => lines.push(...chunk.toString().trim().split('\n')));
    await waitFor(() => lines.some((l) => l.startsWith('listening ')), 'the receiver to listen', 10_000);
    port = Number(lines.find((l) => l.startsWith('listening '))!.split(' ')[1]);
  });
  afterAll(async () => {
    receiver.kill();
    await world.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('fleet.json carries the ACB public key, and it is the key the DCC signs with', () => {
    const fleet = JSON.parse(readFileSync(join(dataDir, 'fleet.json'), 'utf8')) as {
      dcc: { acb: string; acbPublicKey: string };
    };
    expect(fleet.dcc.acb).toBe(world.headEnd.dcc.acb.eui);
    expect(fleet.dcc.acbPublicKey).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
  });

  it("the DCC's POST verifies; a forged or altered one does not", async () => {
    const supplier = world.parties.supplier;
    const url = `http://127.0.0.1:${port}/hooks/smetsim?party=supplier`;
    expect((await admin(`/v1/admin/parties/${supplier.eui}/webhook`, { url })).status).toBe(200);
    world.premises[0]!.esme.tamper('verify me');
    await waitFor(() => lines.some((l) => l.startsWith('verified ') && l.endsWith(' 0x8F3F')), 'a verified alert');
    await waitFor(() => world.headEnd.internals.webhooks.pendingCount() === 0, 'the POST acknowledged');

    const path = '/hooks/smetsim?party=supplier';
    const body = JSON.stringify({ party: supplier.eui, cursor: '1', kind: 'dccAlert', alertCode: 'N1', body: {} });
    // Signed by a party's key instead of the ACB's, under the ACB's EUI.
    const forged = signGatewayRequest(
      nodeCrypto,
      world.headEnd.dcc.acb.eui,
      supplier.ds,
      'POST',
      path,
      body,
      new Date(),
    );
    // Signed by the ACB, but over other bytes.
    const acb = world.headEnd.dcc.acb;
    const altered = signGatewayRequest(nodeCrypto, acb.eui, acb.ds, 'POST', path, '{}', new Date());
    // Signed by the ACB over these bytes, but long ago.
    const stale = signGatewayRequest(nodeCrypto, acb.eui, acb.ds, 'POST', path, body, new Date(Date.now() - 600_000));
    for (const headers of [forged, altered, stale]) {
      const response = await fetch(`http://127.0.0.1:${port}${path}`, {
        method: 'POST',
        headers: { ...headers },
        body,
      });
      expect(response.status).toBe(401);
    }
    const genuine = signGatewayRequest(nodeCrypto, acb.eui, acb.ds, 'POST', path, body, new Date());
    expect(
      (await fetch(`http://127.0.0.1:${port}${path}`, { method: 'POST', headers: { ...genuine }, body })).status,
    ).toBe(204);
  });
});
