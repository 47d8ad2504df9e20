import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { World } from '../../world/dcc-world.js';
import type { GatewayClient } from '../../world/gateway-client.js';
import { quietPeriod } from '../support/wait.js';
import { testWorld } from '../support/world.js';

/** BPM 02.04: a hub loses power; after the delay the network operator gets N1 per meter point, then N2. */
describe('power outage alerts to the network operator', () => {
  let world: World;
  let operator: GatewayClient;
  beforeAll(async () => {
    const t = await testWorld({ outageAlertDelayMs: 300 });
    world = t.world;
    operator = t.client('networkOperator');
  });
  afterAll(async () => world.stop());

  it('a blip shorter than the delay raises nothing', async () => {
    const hub = world.premises[0]!.hub;
    await hub.powerCut();
    await quietPeriod(50);
    await hub.powerRestore();
    await quietPeriod(500);
    await operator.drain();
    expect(operator.received.filter((i) => i.kind === 'dccAlert')).toHaveLength(0);
  });

  it('an outage past the delay: N1 with hub, start time and MPxN for each point, then N2 on restore', async () => {
    const home = world.premises[0]!;
    const cutAt = Date.now();
    await home.hub.powerCut();
    const outage = await operator.waitFor((i) => i.alertCode === 'N1');
    expect(outage).toMatchObject({ kind: 'dccAlert', body: { hub: home.hub.eui } });
    expect(Date.parse(outage.body.startedAt as string)).toBeGreaterThanOrEqual(cutAt - 50);
    await operator.waitFor((i) => i.alertCode === 'N1' && i.body.mpxn === home.mprn);
    expect(
      operator.received
        .filter((i) => i.alertCode === 'N1')
        .map((i) => i.body.mpxn)
        .sort(),
    ).toEqual([home.mpan, home.mprn].sort());
    await home.hub.powerRestore();
    const restored = await operator.waitFor((i) => i.alertCode === 'N2');
    expect(restored.body).toMatchObject({ hub: home.hub.eui, startedAt: outage.body.startedAt });
  });

  it('the supplier is not told of the outage (the alert table sends N1 to the network operator only)', async () => {
    const supplier = world.parties.supplier.eui;
    const items = world.headEnd.internals.inbox.read(supplier, 0, 1000);
    expect(items.filter((i) => i.alertCode === 'N1')).toHaveLength(0);
  });
});
