import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeCrypto } from '../../protocol/index.js';
import type { World } from '../../world/dcc-world.js';
import type { GatewayClient } from '../../world/gateway-client.js';
import { testWorld } from '../support/world.js';

/**
 * Issue 17 #6: a variant 5 whose counter is below one the DCC has already sent to the device
 * would be refused there as a replay (REFUSED_REPLAY, alert 0x8F3D) after the party got I99. The
 * DCC checks it against what it has sent (durable) and refuses it at once, as step 3 refuses any
 * counter that is not fresh (COUNTER_NOT_FRESH).
 */
describe('a stale counter at variant 5 (issue 17 #6)', () => {
  let world: World;
  let supplier: GatewayClient;
  beforeAll(async () => {
    const t = await testWorld();
    world = t.world;
    supplier = t.client('supplier');
  });
  afterAll(async () => world.stop());
  const esme = () => world.premises[0]!.esme;

  it('is refused with COUNTER_NOT_FRESH once a later counter has gone to the device', async () => {
    const critical = supplier.nextRequestId(esme().eui);
    const pre = await supplier.submit({
      requestId: critical,
      role: 'IS',
      serviceReferenceVariant: '7.2',
      commandVariant: 4,
    });
    expect(pre.json).toMatchObject({ code: 'I0' });
    const later = supplier.nextRequestId(esme().eui);
    expect(
      (await supplier.submit({ requestId: later, role: 'IS', serviceReferenceVariant: '4.1.1', commandVariant: 1 }))
        .json,
    ).toMatchObject({ code: 'I99' });
    expect(await supplier.waitFor((i) => i.requestId === later)).toMatchObject({ code: 'I0' });

    const preCommand = pre.json.preCommand as string;
    const signature = nodeCrypto.sign(world.parties.supplier.ds, Buffer.from(preCommand, 'base64'));
    const signed = await supplier.submit({
      requestId: critical,
      role: 'IS',
      serviceReferenceVariant: '7.2',
      commandVariant: 5,
      preCommand,
      signature: Buffer.from(signature).toString('base64'),
    });
    expect(signed).toMatchObject({ status: 409, json: { code: 'COUNTER_NOT_FRESH', field: 'requestId.counter' } });
    expect(esme().stats.refused).toBe(0);
    expect(esme().supply).toBe('Enabled');
  });

  it('still takes a variant 5 whose counter is above everything sent', async () => {
    const critical = supplier.nextRequestId(esme().eui);
    const pre = await supplier.submit({
      requestId: critical,
      role: 'IS',
      serviceReferenceVariant: '7.2',
      commandVariant: 4,
    });
    const preCommand = pre.json.preCommand as string;
    const signature = nodeCrypto.sign(world.parties.supplier.ds, Buffer.from(preCommand, 'base64'));
    const signed = await supplier.submit({
      requestId: critical,
      role: 'IS',
      serviceReferenceVariant: '7.2',
      commandVariant: 5,
      preCommand,
      signature: Buffer.from(signature).toString('base64'),
    });
    expect(signed.json).toMatchObject({ code: 'I99' });
    expect(await supplier.waitFor((i) => i.requestId === critical)).toMatchObject({ code: 'I0' });
  });
});
