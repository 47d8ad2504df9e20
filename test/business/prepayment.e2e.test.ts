import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateUtrn, nodeCrypto, validateUtrn, UtrnCounterCache } from '../../protocol/index.js';
import type { World } from '../../world/dcc-world.js';
import type { GatewayClient } from '../../world/gateway-client.js';
import { testWorld } from '../support/world.js';

/** BPM 02.03 over the real broker and HTTP: the DCC's token service, remote and local top-up. */
describe('prepayment top-up end to end', () => {
  let world: World;
  let supplier: GatewayClient;
  beforeAll(async () => {
    const t = await testWorld({ withPpmid: true });
    world = t.world;
    supplier = t.client('supplier');
  });
  afterAll(async () => world.stop());

  const esme = () => world.premises[0]!.esme;

  it('SR 2.2: the DCC makes the UTRN, gives it to the supplier, and the meter credits it', async () => {
    const before = esme().prepayment.balance;
    const requestId = supplier.nextRequestId(esme().eui);
    const reply = await supplier.submit({
      requestId,
      role: 'IS',
      serviceReferenceVariant: '2.2',
      commandVariant: 1,
      body: { value: 10, valueClass: 'pounds' },
    });
    expect(reply.json).toMatchObject({ requestId, code: 'I99' });
    const utrn = reply.json.utrn as string;
    expect(utrn).toMatch(/^\d{20}$/);
    // The UTRN is genuine GBCS: it verifies with the supplier's prepayment key and the meter's KA key.
    const keys = world.premises[0]!.keys.get(esme().eui)!;
    const check = validateUtrn(utrn, {
      crypto: nodeCrypto,
      device: esme().eui,
      deviceKeyAgreement: keys.ka,
      supplier: world.parties.supplier.eui,
      supplierPrepaymentKey: world.parties.supplier.prepaymentKa.publicKey,
      cache: new UtrnCounterCache(),
    });
    expect(check).toMatchObject({ ok: true, amountPence: 1000 });
    expect(await supplier.waitFor((i) => i.requestId === requestId)).toMatchObject({
      code: 'I0',
      body: { creditedPence: 1000 },
    });
    expect(esme().prepayment.balance - before).toBeCloseTo(1000, 0);
  });

  it('each top-up gets a higher, durable counter', async () => {
    const first = await supplier.submit({
      requestId: supplier.nextRequestId(esme().eui),
      role: 'IS',
      serviceReferenceVariant: '2.2',
      commandVariant: 1,
      body: { value: 1, valueClass: 'pounds' },
    });
    const second = await supplier.submit({
      requestId: supplier.nextRequestId(esme().eui),
      role: 'IS',
      serviceReferenceVariant: '2.2',
      commandVariant: 1,
      body: { value: 1, valueClass: 'pounds' },
    });
    expect(first.json.utrn).not.toBe(second.json.utrn);
    expect(world.headEnd.internals.counters.get(`utrn:${world.parties.supplier.eui}:${esme().eui}`)).toBe(3n);
  });

  it('a second use of a UTRN is refused by the meter (0x8F51), and the supplier hears of it', async () => {
    const first = await supplier.submit({
      requestId: supplier.nextRequestId(esme().eui),
      role: 'IS',
      serviceReferenceVariant: '2.2',
      commandVariant: 1,
      body: { value: 2, valueClass: 'pounds' },
    });
    await supplier.waitFor((i) => i.requestId === first.json.requestId);
    const replayId = supplier.nextRequestId(esme().eui);
    const replay = await supplier.submit({
      requestId: replayId,
      role: 'IS',
      serviceReferenceVariant: '2.2',
      commandVariant: 1,
      body: { utrn: first.json.utrn },
    });
    expect(replay.json).toMatchObject({ code: 'I99' });
    expect(await supplier.waitFor((i) => i.requestId === replayId)).toMatchObject({
      code: 'UTRN_REJECTED',
      body: { reason: 'DUPLICATE' },
    });
    expect(await supplier.waitFor((i) => i.kind === 'deviceAlert' && i.alertCode === '0x8F51')).toMatchObject({
      body: { device: esme().eui },
    });
  });

  it('local top-up: a UTRN typed on the PPMID credits the meter, and the supplier is told through the DCC', async () => {
    const party = world.parties.supplier;
    const utrn = generateUtrn(nodeCrypto, party.prepaymentKa, world.premises[0]!.keys.get(esme().eui)!.ka.publicKey, {
      originator: party.eui,
      target: esme().eui,
      counter: 100n << 32n,
      value: 5,
      valueClass: 'pounds',
    });
    const before = esme().prepayment.balance;
    expect(world.premises[0]!.ppmid!.enterUtrn(utrn)).toBe(true);
    const alert = await supplier.waitFor((i) => i.kind === 'deviceAlert' && i.alertCode === '0x81A0');
    expect(alert.body).toMatchObject({ device: esme().eui, amountPence: 500, utrn });
    expect(esme().prepayment.balance - before).toBeCloseTo(500, 0);
  });

  it('refuses a top-up body that is neither a UTRN nor an amount, naming the field', async () => {
    const reply = await supplier.submit({
      requestId: supplier.nextRequestId(esme().eui),
      role: 'IS',
      serviceReferenceVariant: '2.2',
      commandVariant: 1,
      body: { value: 9000, valueClass: 'pounds' },
    });
    expect(reply).toMatchObject({ status: 400, json: { code: 'BAD_REQUEST', field: 'body' } });
  });
});
