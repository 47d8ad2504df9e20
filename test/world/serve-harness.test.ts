import { createHash, createPrivateKey, sign } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServe, stopped } from '../support/serve-process.js';

/**
 * `smetsim serve` as an external head-end sees it: a child process, fleet.json, plain HTTP and
 * the signing rule of docs/api.md written out with node:crypto alone (no smetsim code).
 */
describe('smetsim serve as an integration harness', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'smetsim-harness-'));
  let served: Awaited<ReturnType<typeof startServe>>;
  let fleet: {
    gatewayUrl: string;
    parties: { name: string; eui: string; keyFiles: { ds: string } }[];
    premises: { devices: Record<string, string> }[];
  };

  beforeAll(async () => {
    served = await startServe(['--data-dir', dataDir, '--premises', '2', '--seed', 'harness']);
    fleet = JSON.parse(readFileSync(join(dataDir, 'fleet.json'), 'utf8')) as typeof fleet;
  });
  afterAll(async () => {
    served.child.kill('SIGTERM');
    await stopped(served.child);
    rmSync(dataDir, { recursive: true, force: true });
  });

  let counter = BigInt(Date.now()) * 1_000_000n;
  async function call(partyName: string, method: 'GET' | 'POST', path: string, body?: unknown) {
    const party = fleet.parties.find((p) => p.name === partyName)!;
    const key = createPrivateKey(readFileSync(party.keyFiles.ds, 'utf8'));
    const text = body === undefined ? '' : JSON.stringify(body);
    const date = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const digest = createHash('sha256').update(text).digest('hex');
    const signature = sign('sha256', Buffer.from(`${method}\n${path}\n${date}\n${digest}`), {
      key,
      dsaEncoding: 'ieee-p1363',
    }).toString('base64');
    const response = await fetch(`${fleet.gatewayUrl}${path}`, {
      method,
      headers: {
        'X-Smetsim-Party': party.eui,
        'X-Smetsim-Date': date,
        'X-Smetsim-Signature': signature,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: text }),
    });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  }
  const requestId = (partyName: string, target: string) =>
    `${fleet.parties.find((p) => p.name === partyName)!.eui}:${target}:${(counter += 1n)}`;

  async function inboxItem(partyName: string, id: string): Promise<Record<string, unknown>> {
    const eui = fleet.parties.find((p) => p.name === partyName)!.eui;
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const { json } = await call(partyName, 'GET', `/v1/parties/${eui}/inbox?after=0&waitMs=1000`);
      const found = (json.items as Record<string, unknown>[]).find((i) => i.requestId === id);
      if (found) return found;
    }
    throw new Error(`no inbox item for ${id}`);
  }

  it('lists both premises in fleet.json with their devices, and the parties with key files', () => {
    expect(fleet.premises).toHaveLength(2);
    expect(Object.keys(fleet.premises[0]!.devices).sort()).toEqual(['CHF', 'ESME', 'GPF', 'GSME', 'IHD']);
    expect(fleet.parties.map((p) => p.name)).toEqual(
      expect.arrayContaining(['supplier', 'supplier2', 'networkOperator', 'otherUser', 'meterOperator']),
    );
  });

  it('takes a top-up and a read from the supplier: I99, then I0 in the inbox', async () => {
    const esme = fleet.premises[1]!.devices.ESME!;
    const topUp = requestId('supplier', esme);
    const first = await call('supplier', 'POST', '/v1/requests', {
      requestId: topUp,
      role: 'IS',
      serviceReferenceVariant: '2.2',
      commandVariant: 1,
      body: { value: 10, valueClass: 'pounds' },
    });
    expect(first.json).toMatchObject({ requestId: topUp, code: 'I99' });
    expect(first.json.utrn).toMatch(/^\d{20}$/);
    expect(await inboxItem('supplier', topUp)).toMatchObject({ code: 'I0', body: { creditedPence: 1000 } });
    const read = requestId('supplier', esme);
    expect(
      (
        await call('supplier', 'POST', '/v1/requests', {
          requestId: read,
          role: 'IS',
          serviceReferenceVariant: '4.1.1',
          commandVariant: 1,
        })
      ).json,
    ).toMatchObject({ code: 'I99' });
    expect(await inboxItem('supplier', read)).toMatchObject({ code: 'I0', serviceReferenceVariant: '4.1.1' });
  });

  it('refuses the second supplier with E4', async () => {
    const esme = fleet.premises[0]!.devices.ESME!;
    const reply = await call('supplier2', 'POST', '/v1/requests', {
      requestId: requestId('supplier2', esme),
      role: 'IS',
      serviceReferenceVariant: '4.1.1',
      commandVariant: 1,
    });
    expect(reply).toMatchObject({ status: 403, json: { code: 'E4' } });
  });
});
