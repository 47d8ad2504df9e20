import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeCrypto, type Eui64 } from '../../protocol/index.js';
import { modelFor } from '../../dcc-head-end/certified-models.js';
import type { World } from '../../world/dcc-world.js';
import type { GatewayClient } from '../../world/gateway-client.js';
import type { Premises } from '../../world/premises.js';
import { testWorld } from '../support/world.js';

/**
 * BPM 01.01 / 01.02 over the real broker and HTTP: pre-notification against the certified models,
 * CH install, device log (N24), MPxNs, commissioning, join; then the DCC's N11 and N10 notices.
 */
describe('install and enrolment end to end', () => {
  let world: World;
  let supplier: GatewayClient;
  let client: (name: 'networkOperator' | 'otherUser') => GatewayClient;
  let home: Premises;
  const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

  beforeAll(async () => {
    const t = await testWorld({ premises: 1, installedPremises: 1, gsmeWakeMs: 300 });
    world = t.world;
    supplier = t.client('supplier');
    client = t.client;
    home = world.premises[1]!;
  });
  afterAll(async () => world.stop());

  async function submit(target: Eui64, sr: string, commandVariant: number, body?: Record<string, unknown>) {
    const requestId = supplier.nextRequestId(target);
    const reply = await supplier.submit({
      requestId,
      role: 'IS',
      serviceReferenceVariant: sr,
      commandVariant,
      ...(body ? { body } : {}),
    });
    return { requestId, reply };
  }

  /** A critical SR: variant 4, sign the pre-command, variant 5; then wait for the device's answer. */
  async function critical(target: Eui64, sr: string, body?: Record<string, unknown>) {
    const { requestId, reply } = await submit(target, sr, 4, body);
    expect(reply.json, `${sr} pre-command`).toMatchObject({ code: 'I0' });
    const signature = b64(
      nodeCrypto.sign(world.parties.supplier.ds, Buffer.from(reply.json.preCommand as string, 'base64')),
    );
    const signed = await supplier.submit({
      requestId,
      role: 'IS',
      serviceReferenceVariant: sr,
      commandVariant: 5,
      preCommand: reply.json.preCommand,
      signature,
    });
    expect(signed.json, `${sr} signed`).toMatchObject({ code: 'I99' });
    return supplier.waitFor((i) => i.requestId === requestId);
  }

  it('SR 12.2 refuses a model the DCC has not certified', async () => {
    const { reply } = await submit(home.hub.eui, '12.2', 8, {
      devices: [
        { deviceId: home.esme.eui, model: 'acme-meter-9', ds: b64(home.keys.get(home.esme.eui)!.ds.publicKey.point) },
      ],
    });
    expect(reply).toMatchObject({ status: 422, json: { code: 'UNCERTIFIED_MODEL', field: 'body.devices[0].model' } });
    expect(world.headEnd.admin.device(home.esme.eui)).toBeUndefined();
  });

  it('SR 12.2 pre-notifies every device of the premises', async () => {
    const devices = home.devices.map((d) => ({
      deviceId: d.eui,
      deviceType: d.identity.type,
      model: modelFor(d.identity.type),
      hub: home.hub.eui,
      ds: b64(home.keys.get(d.eui)!.ds.publicKey.point),
      ka: b64(home.keys.get(d.eui)!.ka.publicKey.point),
    }));
    const { reply } = await submit(home.hub.eui, '12.2', 8, { devices });
    expect(reply.status).toBe(200);
    const listed = (reply.json.body as { devices: { status: string }[] }).devices;
    expect(listed.map((d) => d.status)).toEqual(home.devices.map(() => 'PreNotified'));
  });

  it('SR 8.14.1: the hub reports install success and becomes installed', async () => {
    const { reply } = await submit(home.hub.eui, '8.14.1', 8);
    expect(reply.json).toMatchObject({ code: 'I0', body: { device: { status: 'Installed' } } });
  });

  it('SR 8.11 adds the devices to the CHF device log; the DCC reports N24 and marks them installed', async () => {
    const add = [home.esme, home.gsme, home.ihd].map((d) => ({ device: d.eui, type: d.identity.type }));
    const { requestId, reply } = await submit(home.hub.eui, '8.11', 1, { add });
    expect(reply.json).toMatchObject({ code: 'I99' });
    expect(await supplier.waitFor((i) => i.requestId === requestId)).toMatchObject({ code: 'I0' });
    const n24 = await supplier.waitFor((i) => i.alertCode === 'N24');
    expect(n24.body).toMatchObject({ hub: home.hub.eui, requestId });
    expect(world.headEnd.admin.device(home.esme.eui)?.status).toBe('Installed');
  });

  it('SR 6.20.1 writes the MPAN and MPRN into the meters (the gas one at its wake)', async () => {
    const elec = await submit(home.esme.eui, '6.20.1', 1, { mpxn: home.mpan });
    const gas = await submit(home.gsme.eui, '6.20.1', 1, { mpxn: home.mprn });
    expect(await supplier.waitFor((i) => i.requestId === elec.requestId)).toMatchObject({
      code: 'I0',
      body: { mpan: home.mpan },
    });
    expect(await supplier.waitFor((i) => i.requestId === gas.requestId)).toMatchObject({
      code: 'I0',
      body: { mprn: home.mprn },
    });
    expect(world.headEnd.admin.device(home.esme.eui)?.mpxn).toBe(home.mpan);
  });

  it('SR 8.1.1 commissions both meters (0x8F69); the DCC then sends N11 and N10', async () => {
    expect(await critical(home.esme.eui, '8.1.1')).toMatchObject({ code: 'I0' });
    expect(await critical(home.gsme.eui, '8.1.1')).toMatchObject({ code: 'I0' });
    expect(world.headEnd.admin.device(home.gsme.eui)?.status).toBe('Commissioned');
    expect(
      await supplier.waitFor(
        (i) => i.kind === 'deviceAlert' && i.alertCode === '0x8F69' && i.body.device === home.esme.eui,
      ),
    ).toBeDefined();
    expect((await supplier.waitFor((i) => i.alertCode === 'N11')).body).toMatchObject({ hub: home.hub.eui });
    expect((await client('networkOperator').waitFor((i) => i.alertCode === 'N11')).body).toMatchObject({
      points: expect.arrayContaining([home.mpan, home.mprn]),
    });
    expect(
      (await client('otherUser').waitFor((i) => i.alertCode === 'N10' && i.body.mpxn === home.mpan)).body,
    ).toMatchObject({ hub: home.hub.eui });
  });

  it('SR 8.7.1 joins the display, which then shows the meter; reads work as for any enrolled meter', async () => {
    expect(await critical(home.esme.eui, '8.7.1', { device: home.ihd.eui })).toMatchObject({ code: 'I0' });
    const read = await submit(home.esme.eui, '4.1.1', 1);
    expect(await supplier.waitFor((i) => i.requestId === read.requestId)).toMatchObject({ code: 'I0' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(home.ihd.joinedMeters).toContain(home.esme.eui);
    expect(home.ihd.screen()[0]).toMatch(/^ELEC /);
  });
});
