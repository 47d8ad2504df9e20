import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { World } from '../../world/dcc-world.js';
import type { GatewayClient } from '../../world/gateway-client.js';
import { testWorld } from '../support/world.js';

/** DUIS E21 (no response) and E20 (unable to communicate), with short configured deadlines. */
describe('response timeouts', () => {
  let world: World;
  let supplier: GatewayClient;
  beforeAll(async () => {
    const t = await testWorld({ timeouts: { nonCriticalMs: 400, criticalMs: 400, gasWakeMs: 0 } });
    world = t.world;
    supplier = t.client('supplier');
  });
  afterAll(async () => world.stop());

  it('E21 when the hub is online but the device does not answer (it is off: the hub holds the command)', async () => {
    const home = world.premises[0]!;
    home.esme.powerOff();
    const requestId = supplier.nextRequestId(home.esme.eui);
    expect(
      (await supplier.submit({ requestId, role: 'IS', serviceReferenceVariant: '4.1.1', commandVariant: 1 })).json,
    ).toMatchObject({ code: 'I99' });
    expect(await supplier.waitFor((i) => i.requestId === requestId)).toMatchObject({
      code: 'E21',
      serviceReferenceVariant: '4.1.1',
    });
    home.esme.powerOn();
  });

  it('E20 when the hub is offline (power cut: the broker published its last will)', async () => {
    const home = world.premises[0]!;
    await home.hub.powerCut();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const requestId = supplier.nextRequestId(home.esme.eui);
    expect(
      (await supplier.submit({ requestId, role: 'IS', serviceReferenceVariant: '4.1.1', commandVariant: 1 })).json,
    ).toMatchObject({ code: 'I99' });
    expect(await supplier.waitFor((i) => i.requestId === requestId)).toMatchObject({
      code: 'E20',
      body: { reason: 'the hub is offline' },
    });
    await home.hub.powerRestore();
  });
});
