import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeCrypto, type Eui64 } from '../../protocol/index.js';
import { modelFor } from '../../dcc-head-end/certified-models.js';
import type { Esme } from '../../meter-esme/esme.js';
import type { World } from '../../world/dcc-world.js';
import type { GatewayClient } from '../../world/gateway-client.js';
import { testWorld } from '../support/world.js';

/** SEC §148 device replacement: a command for a device mid-replacement is delivered later to the new one, never lost. */
describe('device replacement end to end', () => {
  let world: World;
  let supplier: GatewayClient;
  let replacement: Esme;
  const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
  const home = () => world.premises[0]!;

  beforeAll(async () => {
    const t = await testWorld();
    world = t.world;
    supplier = t.client('supplier');
    replacement = home().replaceEsme();
  });
  afterAll(async () => world.stop());

  async function submit(target: Eui64, sr: string, commandVariant: number, body?: Record<string, unknown>) {
    const requestId = supplier.nextRequestId(target);
    return {
      requestId,
      reply: await supplier.submit({
        requestId,
        role: 'IS',
        serviceReferenceVariant: sr,
        commandVariant,
        ...(body ? { body } : {}),
      }),
    };
  }

  it('pre-notify the new meter and open the replacement window', async () => {
    const keys = home().keys.get(replacement.eui)!;
    const pre = await submit(home().hub.eui, '12.2', 8, {
      devices: [
        {
          deviceId: replacement.eui,
          model: modelFor('ESME'),
          hub: home().hub.eui,
          ds: b64(keys.ds.publicKey.point),
          ka: b64(keys.ka.publicKey.point),
        },
      ],
    });
    expect(pre.reply.status).toBe(200);
    const start = await supplier.call('POST', '/v1/replacements', {
      oldDevice: home().esme.eui,
      newDevice: replacement.eui,
      role: 'IS',
    });
    expect(start).toMatchObject({ status: 200, json: { code: 'I0' } });
  });

  it('a read for the old meter is acknowledged and held; a critical command gets E5', async () => {
    const held = await submit(home().esme.eui, '4.1.1', 1);
    expect(held.reply.json).toMatchObject({ code: 'I99' });
    expect(world.headEnd.internals.requests.held(home().esme.eui)).toHaveLength(1);
    const critical = await submit(home().esme.eui, '7.2', 4);
    expect(critical.reply).toMatchObject({ status: 409, json: { code: 'E5' } });
    (globalThis as { heldRequestId?: string }).heldRequestId = held.requestId;
  });

  it('once the new meter is logged, set up and commissioned, the held read is delivered to it', async () => {
    const log = await submit(home().hub.eui, '8.11', 1, { add: [{ device: replacement.eui, type: 'ESME' }] });
    expect(await supplier.waitFor((i) => i.requestId === log.requestId)).toMatchObject({ code: 'I0' });
    const mpan = await submit(replacement.eui, '6.20.1', 1, { mpxn: home().mpan });
    expect(await supplier.waitFor((i) => i.requestId === mpan.requestId)).toMatchObject({ code: 'I0' });
    const commission = await submit(replacement.eui, '8.1.1', 4);
    const signature = b64(
      nodeCrypto.sign(world.parties.supplier.ds, Buffer.from(commission.reply.json.preCommand as string, 'base64')),
    );
    await supplier.submit({
      requestId: commission.requestId,
      role: 'IS',
      serviceReferenceVariant: '8.1.1',
      commandVariant: 5,
      preCommand: commission.reply.json.preCommand,
      signature,
    });
    expect(await supplier.waitFor((i) => i.requestId === commission.requestId)).toMatchObject({ code: 'I0' });

    const heldId = (globalThis as { heldRequestId?: string }).heldRequestId!;
    const delivered = await supplier.waitFor((i) => i.requestId === heldId);
    expect(delivered).toMatchObject({ code: 'I0', serviceReferenceVariant: '4.1.1', body: { deviceStatus: 'OK' } });
    expect(world.headEnd.admin.device(home().esme.eui)?.status).toBe('Decommissioned');
    const window = world.headEnd.admin.recentEvents(20, 'replacement-completed')[0];
    expect(window?.detail).toMatchObject({ old: home().esme.eui, replacement: replacement.eui });
    expect((window?.detail as { windowMs: number }).windowMs).toBeGreaterThan(0);
  });

  it('the old meter is now out of service (E5), and the new one serves reads', async () => {
    expect((await submit(home().esme.eui, '4.1.1', 1)).reply).toMatchObject({ status: 409, json: { code: 'E5' } });
    const read = await submit(replacement.eui, '4.1.1', 1);
    expect(await supplier.waitFor((i) => i.requestId === read.requestId)).toMatchObject({ code: 'I0' });
  });
});
