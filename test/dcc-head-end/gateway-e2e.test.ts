import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeCrypto } from '../../protocol/index.js';
import type { World } from '../../world/dcc-world.js';
import type { GatewayClient } from '../../world/gateway-client.js';
import type { DefaultPartyName } from '../../world/default-parties.js';
import { testWorld } from '../support/world.js';

/**
 * The head-end end to end: real HTTP to the User Gateway, the real embedded broker, a premises
 * of emulated devices. Each case asserts what lands in the party's inbox.
 */
describe('DCC head-end over real HTTP and the real broker', () => {
  let world: World;
  let client: (name: DefaultPartyName) => GatewayClient;
  let admin: (path: string, body: unknown) => Promise<{ status: number; json: unknown }>;
  const esme = () => world.premises[0]!.esme.eui;

  beforeAll(async () => {
    ({ world, client, admin } = await testWorld());
  });
  afterAll(async () => world.stop());

  async function request(name: DefaultPartyName, sr: string, fields: Record<string, unknown> = {}, target = esme()) {
    const c = client(name);
    const requestId = c.nextRequestId(target);
    const role =
      fields.role ??
      {
        supplier: 'IS',
        supplier2: 'IS',
        networkOperator: 'ED',
        otherUser: 'OU',
        meterOperator: 'RSA',
        exportSupplier: 'ES',
      }[name];
    const reply = await c.submit({ requestId, role, serviceReferenceVariant: sr, commandVariant: 1, ...fields });
    return { requestId, reply, c };
  }

  it("a supplier's variant 1 read reaches the ESME and its I0 comes back in the inbox", async () => {
    const { requestId, reply, c } = await request('supplier', '4.1.1');
    expect(reply).toEqual({ status: 200, json: { requestId, code: 'I99' } });
    const item = await c.waitFor((i) => i.requestId === requestId);
    expect(item).toMatchObject({
      kind: 'response',
      code: 'I0',
      serviceReferenceVariant: '4.1.1',
      body: { deviceStatus: 'OK' },
    });
    expect(typeof item.body.importWh).toBe('number');
  });

  it('a critical request does the full 4 → sign → 5 round trip', async () => {
    const c = client('supplier');
    const requestId = c.nextRequestId(esme());
    const pre = await c.submit({ requestId, role: 'IS', serviceReferenceVariant: '7.2', commandVariant: 4 });
    expect(pre.status).toBe(200);
    expect(pre.json).toMatchObject({ requestId, code: 'I0' });
    const preCommand = Buffer.from(pre.json.preCommand as string, 'base64');
    const signature = Buffer.from(nodeCrypto.sign(world.parties.supplier.ds, preCommand)).toString('base64');
    const signed = await c.submit({
      requestId,
      role: 'IS',
      serviceReferenceVariant: '7.2',
      commandVariant: 5,
      preCommand: pre.json.preCommand,
      signature,
    });
    expect(signed).toEqual({ status: 200, json: { requestId, code: 'I99' } });
    const item = await c.waitFor((i) => i.requestId === requestId);
    expect(item).toMatchObject({ code: 'I0', body: { deviceStatus: 'OK', supply: 'Disabled' } });
    expect(world.premises[0]!.esme.supply).toBe('Disabled');
  });

  it('refuses a pre-command signed by the wrong key, and one that was altered', async () => {
    const c = client('supplier');
    const requestId = c.nextRequestId(esme());
    const pre = await c.submit({ requestId, role: 'IS', serviceReferenceVariant: '7.1', commandVariant: 4 });
    const preCommand = Buffer.from(pre.json.preCommand as string, 'base64');
    const wrong = Buffer.from(nodeCrypto.sign(world.parties.supplier2.ds, preCommand)).toString('base64');
    const refused = await c.submit({
      requestId,
      role: 'IS',
      serviceReferenceVariant: '7.1',
      commandVariant: 5,
      preCommand: pre.json.preCommand,
      signature: wrong,
    });
    expect(refused).toMatchObject({ status: 400, json: { code: 'BAD_PRE_COMMAND_SIGNATURE', field: 'signature' } });
    const altered = Buffer.from(preCommand);
    altered[altered.length - 1] = altered[altered.length - 1]! ^ 1;
    const sig = Buffer.from(nodeCrypto.sign(world.parties.supplier.ds, altered)).toString('base64');
    const changed = await c.submit({
      requestId,
      role: 'IS',
      serviceReferenceVariant: '7.1',
      commandVariant: 5,
      preCommand: altered.toString('base64'),
      signature: sig,
    });
    expect(changed).toMatchObject({ status: 400, json: { code: 'PRE_COMMAND_CHANGED', field: 'preCommand' } });
  });

  it('E4 for the other supplier', async () => {
    const { requestId, reply } = await request('supplier2', '4.1.1');
    expect(reply).toMatchObject({ status: 403, json: { requestId, code: 'E4' } });
    expect((reply.json as { message: string }).message).toMatch(/not the registered importSupplier/);
  });

  it('E2 for a network operator attempting a top-up', async () => {
    const { reply } = await request('networkOperator', '2.2', { body: { utrn: '73943333457189043313' } });
    expect(reply).toMatchObject({ status: 403, json: { code: 'E2', field: 'role' } });
  });

  it('an RSA (the registered meter operator) is allowed where the catalogue lists it (6.13), refused where not (7.2)', async () => {
    const { requestId, reply, c } = await request('meterOperator', '6.13');
    expect(reply.json).toMatchObject({ code: 'I99' });
    expect(await c.waitFor((i) => i.requestId === requestId)).toMatchObject({
      code: 'I0',
      serviceReferenceVariant: '6.13',
    });
    const refused = await request('meterOperator', '7.2', { commandVariant: 4 });
    expect(refused.reply).toMatchObject({ status: 403, json: { code: 'E2' } });
  });

  it('an Other User is refused without consent (E4) and allowed with it', async () => {
    const without = await request('otherUser', '4.17');
    expect(without.reply).toMatchObject({ status: 403, json: { code: 'E4' } });
    const granted = await admin('/v1/admin/consents', {
      party: world.parties.otherUser.eui,
      mpxn: world.premises[0]!.mpan,
      scope: ['4.17'],
      expiresAt: new Date(Date.now() + 3600_000).toISOString(),
    });
    expect(granted.status).toBe(200);
    const withConsent = await request('otherUser', '4.17');
    expect(withConsent.reply.json).toMatchObject({ code: 'I99' });
    expect(await withConsent.c.waitFor((i) => i.requestId === withConsent.requestId)).toMatchObject({
      code: 'I0',
      serviceReferenceVariant: '4.17',
    });
  });

  it('E3 after suspension, and service again after reinstatement', async () => {
    const eui = world.parties.networkOperator.eui;
    expect((await admin(`/v1/admin/parties/${eui}/status`, { event: 'suspend' })).status).toBe(200);
    const suspended = await request('networkOperator', '4.1.1');
    expect(suspended.reply).toMatchObject({ status: 403, json: { code: 'E3' } });
    expect((await admin(`/v1/admin/parties/${eui}/status`, { event: 'reinstate' })).status).toBe(200);
    const back = await request('networkOperator', '4.1.1');
    expect(back.reply.json).toMatchObject({ code: 'I99' });
  });

  it('answers variant 8 itself: SR 8.2 Read Inventory', async () => {
    const { reply } = await request('supplier', '8.2', { commandVariant: 8 });
    expect(reply.status).toBe(200);
    const devices = (reply.json as { body: { devices: { deviceType: string }[] } }).body.devices;
    expect(devices.map((d) => d.deviceType).sort()).toEqual(['CHF', 'ESME', 'GPF', 'GSME', 'IHD']);
  });

  it('delivers device alerts to the registered supplier by the alert table', async () => {
    world.premises[0]!.esme.tamper('cover removed');
    const alert = await client('supplier').waitFor((i) => i.kind === 'deviceAlert' && i.alertCode === '0x8F3F');
    expect(alert.body).toMatchObject({ device: esme(), kind: 'cover removed' });
  });

  it('refuses SR variants the devices do not implement with the one documented refusal, after the same access control', async () => {
    const { requestId, reply, c } = await request('supplier', '4.11.1');
    expect(reply.json).toMatchObject({ code: 'I99' });
    expect(await c.waitFor((i) => i.requestId === requestId)).toMatchObject({ code: 'NOT_SUPPORTED' });
    const denied = await request('supplier2', '4.11.1');
    expect(denied.reply.json).toMatchObject({ code: 'E4' });
  });
});
