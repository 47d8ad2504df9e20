import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateUtrn, nodeCrypto } from '../../protocol/index.js';
import type { World } from '../../world/dcc-world.js';
import type { GatewayClient } from '../../world/gateway-client.js';
import { testWorld } from '../support/world.js';

/** BPM 04 over the real broker and HTTP: registration changes, SR 6.23 by the CoS party, the old supplier shut out. */
describe('change of supplier end to end', () => {
  let world: World;
  let oldSupplier: GatewayClient;
  let newSupplier: GatewayClient;
  let admin: (path: string, body: unknown) => Promise<{ status: number; json: unknown }>;
  beforeAll(async () => {
    const t = await testWorld({ withPpmid: true });
    ({ world, admin } = t);
    oldSupplier = t.client('supplier');
    newSupplier = t.client('supplier2');
  });
  afterAll(async () => world.stop());

  const home = () => world.premises[0]!;

  it('before the switch the incoming supplier gets E4, including for 6.23', async () => {
    const reply = await newSupplier.submit({
      requestId: newSupplier.nextRequestId(home().esme.eui),
      role: 'IS',
      serviceReferenceVariant: '6.23',
      commandVariant: 1,
    });
    expect(reply).toMatchObject({ status: 403, json: { code: 'E4' } });
  });

  it('after the registration changes, the incoming supplier sends 6.23; the DCC signs as the CoS party; the meter swaps credentials', async () => {
    const pre = await oldSupplier.submit({
      requestId: oldSupplier.nextRequestId(home().esme.eui),
      role: 'IS',
      serviceReferenceVariant: '4.18',
      commandVariant: 1,
    });
    expect(pre.json).toMatchObject({ code: 'I99' });
    await oldSupplier.waitFor((i) => i.requestId === pre.json.requestId); // entitled to what it asked before the switch
    expect(
      (
        await admin('/v1/admin/registrations', {
          mpxn: home().mpan,
          role: 'importSupplier',
          party: world.parties.supplier2.eui,
        })
      ).status,
    ).toBe(200);
    const requestId = newSupplier.nextRequestId(home().esme.eui);
    expect(
      (
        await newSupplier.submit({
          requestId,
          role: 'IS',
          serviceReferenceVariant: '6.23',
          commandVariant: 1,
          body: { counterFloor: '0' },
        })
      ).json,
    ).toMatchObject({ code: 'I99' });
    expect(await newSupplier.waitFor((i) => i.requestId === requestId)).toMatchObject({
      code: 'I0',
      body: { supplier: world.parties.supplier2.eui },
    });
    expect(await newSupplier.waitFor((i) => i.alertCode === 'N20')).toMatchObject({
      kind: 'dccAlert',
      body: { device: home().esme.eui, requestId, deviceStatus: 'OK' },
    });
    expect(home().esme.trust.get('Supplier')?.eui).toBe(world.parties.supplier2.eui);
  });

  it('the old supplier now gets E4 at the DCC', async () => {
    const reply = await oldSupplier.submit({
      requestId: oldSupplier.nextRequestId(home().esme.eui),
      role: 'IS',
      serviceReferenceVariant: '4.1.1',
      commandVariant: 1,
    });
    expect(reply).toMatchObject({ status: 403, json: { code: 'E4' } });
  });

  it("the old supplier's UTRN fails on the meter (0x8F63), and the alert goes to the new supplier", async () => {
    const old = world.parties.supplier;
    const utrn = generateUtrn(nodeCrypto, old.prepaymentKa, home().keys.get(home().esme.eui)!.ka.publicKey, {
      originator: old.eui,
      target: home().esme.eui,
      counter: 50n << 32n,
      value: 5,
      valueClass: 'pounds',
    });
    const before = home().esme.prepayment.balance;
    home().ppmid!.enterUtrn(utrn);
    expect(await newSupplier.waitFor((i) => i.kind === 'deviceAlert' && i.alertCode === '0x8F63')).toMatchObject({
      body: { device: home().esme.eui, reason: 'NOT_AUTHENTIC' },
    });
    expect(home().esme.prepayment.balance).toBeCloseTo(before, 0);
  });

  it("the new supplier's top-up, made by the DCC with the new supplier's key, is credited", async () => {
    const requestId = newSupplier.nextRequestId(home().esme.eui);
    expect(
      (
        await newSupplier.submit({
          requestId,
          role: 'IS',
          serviceReferenceVariant: '2.2',
          commandVariant: 1,
          body: { value: 3, valueClass: 'pounds' },
        })
      ).json,
    ).toMatchObject({ code: 'I99' });
    expect(await newSupplier.waitFor((i) => i.requestId === requestId)).toMatchObject({
      code: 'I0',
      body: { creditedPence: 300 },
    });
  });

  it("the new supplier's critical commands pass on the meter", async () => {
    const requestId = newSupplier.nextRequestId(home().esme.eui);
    const pre = await newSupplier.submit({ requestId, role: 'IS', serviceReferenceVariant: '7.2', commandVariant: 4 });
    const signature = Buffer.from(
      nodeCrypto.sign(world.parties.supplier2.ds, Buffer.from(pre.json.preCommand as string, 'base64')),
    ).toString('base64');
    expect(
      (
        await newSupplier.submit({
          requestId,
          role: 'IS',
          serviceReferenceVariant: '7.2',
          commandVariant: 5,
          preCommand: pre.json.preCommand,
          signature,
        })
      ).json,
    ).toMatchObject({ code: 'I99' });
    expect(await newSupplier.waitFor((i) => i.requestId === requestId)).toMatchObject({
      code: 'I0',
      body: { supply: 'Disabled' },
    });
  });
});
