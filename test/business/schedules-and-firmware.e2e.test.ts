import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeCrypto } from '../../protocol/index.js';
import type { World } from '../../world/dcc-world.js';
import type { GatewayClient } from '../../world/gateway-client.js';
import type { DefaultPartyName } from '../../world/default-parties.js';
import { testWorld } from '../support/world.js';

/** BPM 02.02 scheduled reads (SR 5.1-5.3) and firmware (SR 11.1-11.3), over the real broker and HTTP. */
describe('scheduled reads and firmware end to end', () => {
  let world: World;
  let client: (name: DefaultPartyName) => GatewayClient;
  let admin: (path: string, body: unknown) => Promise<{ status: number; json: unknown }>;
  beforeAll(async () => {
    ({ world, client, admin } = await testWorld({ gsmeWakeMs: 300 }));
  });
  afterAll(async () => world.stop());
  const home = () => world.premises[0]!;

  async function submit(
    name: DefaultPartyName,
    role: string,
    target: string,
    sr: string,
    commandVariant: number,
    body?: Record<string, unknown>,
    extra: Record<string, unknown> = {},
  ) {
    const c = client(name);
    const requestId = c.nextRequestId(target as never);
    return {
      requestId,
      c,
      reply: await c.submit({
        requestId,
        role,
        serviceReferenceVariant: sr,
        commandVariant,
        ...(body ? { body } : {}),
        ...extra,
      }),
    };
  }

  it('SR 5.1: the DCC runs a read on its clock and delivers every reading to the owner; 5.2 lists; 5.3 deletes', async () => {
    const created = await submit('networkOperator', 'ED', home().esme.eui, '5.1', 8, {
      serviceReferenceVariant: '4.17',
      intervalMs: 300,
      body: { days: 1 },
    });
    expect(created.reply.json).toMatchObject({
      code: 'I0',
      body: { serviceReferenceVariant: '4.17', intervalMs: 300 },
    });
    const id = (created.reply.json.body as { scheduleId: number }).scheduleId;
    const operator = client('networkOperator');
    expect(await operator.waitFor((i) => i.requestId === `schedule:${id}:1`)).toMatchObject({
      code: 'I0',
      serviceReferenceVariant: '4.17',
      body: { deviceStatus: 'OK' },
    });
    expect(await operator.waitFor((i) => i.requestId === `schedule:${id}:2`)).toMatchObject({ code: 'I0' });
    const listed = await submit('networkOperator', 'ED', home().esme.eui, '5.2', 8);
    expect(
      (listed.reply.json.body as { schedules: { scheduleId: number }[] }).schedules.map((s) => s.scheduleId),
    ).toContain(id);
    const deleted = await submit('networkOperator', 'ED', home().esme.eui, '5.3', 8, { scheduleId: id });
    expect(deleted.reply.json).toMatchObject({ code: 'I0', body: { deleted: id } });
    const runs = world.headEnd.internals.schedules.ofOwner(world.parties.networkOperator.eui);
    expect(runs).toHaveLength(0);
  });

  it('a schedule is refused for an SR the catalogue does not let the DCC schedule, and for a party not registered (E4)', async () => {
    const critical = await submit('supplier', 'IS', home().esme.eui, '5.1', 8, {
      serviceReferenceVariant: '7.2',
      intervalMs: 1000,
    });
    expect(critical.reply).toMatchObject({ status: 400, json: { field: 'body.serviceReferenceVariant' } });
    const stranger = await submit('supplier2', 'IS', home().esme.eui, '5.1', 8, {
      serviceReferenceVariant: '4.17',
      intervalMs: 1000,
    });
    expect(stranger.reply).toMatchObject({ status: 403, json: { code: 'E4' } });
  });

  it("a schedule checks access at every run: after a change of supplier the old supplier's runs get E4", async () => {
    const created = await submit('supplier', 'IS', home().esme.eui, '5.1', 8, {
      serviceReferenceVariant: '4.17',
      intervalMs: 300,
    });
    const id = (created.reply.json.body as { scheduleId: number }).scheduleId;
    const supplier = client('supplier');
    await supplier.waitFor((i) => i.requestId === `schedule:${id}:1`);
    await admin('/v1/admin/registrations', {
      mpxn: home().mpan,
      role: 'importSupplier',
      party: world.parties.supplier2.eui,
    });
    const refused = await supplier.waitFor(
      (i) => i.requestId?.startsWith(`schedule:${id}:`) === true && i.code === 'E4',
    );
    expect(refused.body).toMatchObject({ scheduleId: id });
    await submit('supplier', 'IS', home().esme.eui, '5.3', 8, { scheduleId: id });
    await admin('/v1/admin/registrations', {
      mpxn: home().mpan,
      role: 'importSupplier',
      party: world.parties.supplier.eui,
    });
  });

  it('SR 11.1: the DCC distributes the image to the hub\u2019s meters, each verifies it (0x8F72), the supplier hears every result', async () => {
    const image = Buffer.from('smetsim firmware 2.0.0');
    const sent = await submit('supplier', 'IS', home().hub.eui, '11.1', 8, {
      image: image.toString('base64'),
      version: '2.0.0',
    });
    expect(sent.reply.json).toMatchObject({
      code: 'I0',
      body: { distributedTo: expect.arrayContaining([home().esme.eui, home().gsme.eui]) },
    });
    const supplier = client('supplier');
    for (const meter of [home().esme.eui, home().gsme.eui]) {
      expect(await supplier.waitFor((i) => i.requestId === `firmware:2.0.0:${meter}`)).toMatchObject({
        code: 'I0',
        body: { verified: true, version: '2.0.0' },
      });
      expect(await supplier.waitFor((i) => i.alertCode === '0x8F72' && i.body.device === meter)).toBeDefined();
    }
  });

  it('SR 11.1 with an image that does not match its hash: the meter reports 0x8F1C', async () => {
    const sent = await submit('supplier', 'IS', home().esme.eui, '11.1', 8, {
      image: Buffer.from('tampered').toString('base64'),
      version: '2.0.1',
      hash: createHash('sha256').update('original').digest('base64'),
    });
    expect(sent.reply.json).toMatchObject({ code: 'I0', body: { distributedTo: [home().esme.eui] } });
    const supplier = client('supplier');
    expect(await supplier.waitFor((i) => i.requestId === `firmware:2.0.1:${home().esme.eui}`)).toMatchObject({
      body: { verified: false },
    });
    expect(await supplier.waitFor((i) => i.alertCode === '0x8F1C')).toMatchObject({
      body: { device: home().esme.eui },
    });
  });

  it('SR 11.3 future-dated: held by the meter, then activated (0x8F66 to the requester, 0x8F43)', async () => {
    const image = Buffer.from('smetsim firmware 2.1.0');
    await submit('supplier', 'IS', home().esme.eui, '11.1', 8, { image: image.toString('base64'), version: '2.1.0' });
    const supplier = client('supplier');
    await supplier.waitFor((i) => i.requestId === `firmware:2.1.0:${home().esme.eui}`);
    const executionDateTime = new Date(Date.now() + 800).toISOString();
    const pre = await submit('supplier', 'IS', home().esme.eui, '11.3', 4, undefined, { executionDateTime });
    const signature = Buffer.from(
      nodeCrypto.sign(world.parties.supplier.ds, Buffer.from(pre.reply.json.preCommand as string, 'base64')),
    ).toString('base64');
    await supplier.submit({
      requestId: pre.requestId,
      role: 'IS',
      serviceReferenceVariant: '11.3',
      commandVariant: 5,
      preCommand: pre.reply.json.preCommand,
      signature,
      executionDateTime,
    });
    expect(await supplier.waitFor((i) => i.requestId === pre.requestId)).toMatchObject({
      code: 'I0',
      body: { deviceStatus: 'SCHEDULED' },
    });
    expect(home().esme.identity.firmwareVersion).not.toBe('2.1.0');
    expect(await supplier.waitFor((i) => i.alertCode === '0x8F66')).toMatchObject({
      body: { serviceRequest: '11.3', status: 'OK' },
    });
    expect(await supplier.waitFor((i) => i.alertCode === '0x8F43' && i.body.to === '2.1.0')).toBeDefined();
    expect(home().esme.identity.firmwareVersion).toBe('2.1.0');
  });
});
