import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeCrypto } from '../../protocol/index.js';
import type { World } from '../../world/dcc-world.js';
import type { GatewayClient } from '../../world/gateway-client.js';
import { testWorld } from '../support/world.js';

/** BPM 02.04 over the real broker and HTTP: credit alerts reach the supplier in order; 6.22 changes what a meter raises. */
describe('device alerts end to end', () => {
  let world: World;
  let supplier: GatewayClient;
  beforeAll(async () => {
    const t = await testWorld();
    world = t.world;
    supplier = t.client('supplier');
  });
  afterAll(async () => world.stop());
  const esme = () => world.premises[0]!.esme;

  async function critical(sr: string, body?: Record<string, unknown>) {
    const requestId = supplier.nextRequestId(esme().eui);
    const pre = await supplier.submit({
      requestId,
      role: 'IS',
      serviceReferenceVariant: sr,
      commandVariant: 4,
      ...(body ? { body } : {}),
    });
    const signature = Buffer.from(
      nodeCrypto.sign(world.parties.supplier.ds, Buffer.from(pre.json.preCommand as string, 'base64')),
    ).toString('base64');
    await supplier.submit({
      requestId,
      role: 'IS',
      serviceReferenceVariant: sr,
      commandVariant: 5,
      preCommand: pre.json.preCommand,
      signature,
    });
    return supplier.waitFor((i) => i.requestId === requestId);
  }

  it('low credit, disablement, emergency credit and re-arming all reach the supplier, in the order they happened', async () => {
    expect(await critical('1.6', { mode: 'Prepayment' })).toMatchObject({ code: 'I0' });
    expect(await critical('1.5', { adjustPence: 300 })).toMatchObject({ code: 'I0', body: { balancePence: 300 } });
    // Consumption, as the meter's half-hour accrual would charge it (the real clock is too slow to wait for).
    esme().applyPrepayment(esme().prepayment.charge(150)); // below £2: low credit
    esme().applyPrepayment(esme().prepayment.charge(200)); // below £0: disabled
    expect(await critical('2.5')).toMatchObject({ code: 'I0', body: { emergencyCreditActive: true } }); // re-arms
    expect(esme().supply).toBe('Armed');
    esme().applyPrepayment(esme().prepayment.charge(1000)); // emergency credit exhausted
    const order = ['0x810D', '0x8F0F', '0x81AB', '0x81AA'];
    await supplier.waitFor((i) => i.alertCode === '0x81AA');
    const seen = supplier.received
      .filter((i) => i.kind === 'deviceAlert' && order.includes(i.alertCode!))
      .map((i) => i.alertCode);
    expect(seen).toEqual(order);
  });

  it('SR 6.22 switches an alert off at the meter, so the supplier no longer hears it; and on again', async () => {
    const off = supplier.nextRequestId(esme().eui);
    await supplier.submit({
      requestId: off,
      role: 'IS',
      serviceReferenceVariant: '6.22',
      commandVariant: 1,
      body: { disable: [0x8f3f] },
    });
    expect(await supplier.waitFor((i) => i.requestId === off)).toMatchObject({
      code: 'I0',
      body: { disabled: [0x8f3f] },
    });
    esme().tamper('silent');
    const on = supplier.nextRequestId(esme().eui);
    await supplier.submit({
      requestId: on,
      role: 'IS',
      serviceReferenceVariant: '6.22',
      commandVariant: 1,
      body: { enable: [0x8f3f] },
    });
    await supplier.waitFor((i) => i.requestId === on);
    esme().tamper('heard');
    const tamper = await supplier.waitFor((i) => i.alertCode === '0x8F3F');
    expect(tamper.body.kind).toBe('heard');
    expect(supplier.received.filter((i) => i.alertCode === '0x8F3F').map((i) => i.body.kind)).toEqual(['heard']);
  });
});
