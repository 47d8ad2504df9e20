import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelFor } from '../../dcc-head-end/certified-models.js';
import type { World } from '../../world/dcc-world.js';
import type { GatewayClient } from '../../world/gateway-client.js';
import { testWorld } from '../support/world.js';

/** SR 8.2, 8.3, 8.4 and the CH status updates 8.14.2-8.14.4, answered by the DCC (variant 8). */
describe('inventory services end to end', () => {
  let world: World;
  let supplier: GatewayClient;
  beforeAll(async () => {
    const t = await testWorld({ premises: 1, installedPremises: 1 });
    world = t.world;
    supplier = t.client('supplier');
  });
  afterAll(async () => world.stop());

  const submit = (target: string, sr: string, body?: Record<string, unknown>) =>
    supplier.submit({
      requestId: supplier.nextRequestId(target as never),
      role: 'IS',
      serviceReferenceVariant: sr,
      commandVariant: 8,
      ...(body ? { body } : {}),
    });

  it('8.14.2 is recorded, 8.14.1 installs the hub, 8.14.3 returns a faulty one (withdrawn)', async () => {
    const hub = world.premises[1]!.hub;
    const keys = world.premises[1]!.keys.get(hub.eui)!;
    await submit(hub.eui, '12.2', {
      devices: [
        { deviceId: hub.eui, model: modelFor('CHF'), ds: Buffer.from(keys.ds.publicKey.point).toString('base64') },
      ],
    });
    expect((await submit(hub.eui, '8.14.2')).json).toMatchObject({
      code: 'I0',
      body: { device: { status: 'PreNotified' } },
    });
    expect((await submit(hub.eui, '8.14.1')).json).toMatchObject({
      code: 'I0',
      body: { device: { status: 'Installed' } },
    });
    expect((await submit(hub.eui, '8.14.3')).json).toMatchObject({
      code: 'I0',
      body: { device: { status: 'Withdrawn' } },
    });
    expect(await submit(hub.eui, '8.14.4')).toMatchObject({
      status: 409,
      json: { code: 'INVALID_STATUS', duis: 'E5' },
    });
  });

  it('8.3 decommissions a device; from then on it gets E5; 8.2 shows it', async () => {
    const ihd = world.premises[0]!.ihd.eui;
    expect((await submit(ihd, '8.3')).json).toMatchObject({
      code: 'I0',
      body: { device: { status: 'Decommissioned' } },
    });
    const read = await supplier.submit({
      requestId: supplier.nextRequestId(ihd),
      role: 'IS',
      serviceReferenceVariant: '11.2',
      commandVariant: 1,
    });
    expect(read).toMatchObject({ status: 409, json: { code: 'E5' } });
    const inventory = (await submit(world.premises[0]!.esme.eui, '8.2')).json.body as {
      devices: { deviceId: string; status: string }[];
    };
    expect(inventory.devices.find((d) => d.deviceId === ihd)?.status).toBe('Decommissioned');
  });

  it('8.4 updates the inventory, naming a bad field', async () => {
    expect(await submit(world.premises[0]!.esme.eui, '8.4', { hub: 'not an eui' })).toMatchObject({
      status: 400,
      json: { field: 'body.hub' },
    });
    expect((await submit(world.premises[0]!.esme.eui, '8.4', { hub: world.premises[0]!.hub.eui })).json).toMatchObject({
      code: 'I0',
      body: { device: { hub: world.premises[0]!.hub.eui } },
    });
  });
});
