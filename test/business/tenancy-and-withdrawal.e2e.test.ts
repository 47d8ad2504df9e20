import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { World } from '../../world/dcc-world.js';
import type { GatewayClient } from '../../world/gateway-client.js';
import type { DefaultPartyName } from '../../world/default-parties.js';
import { testWorld } from '../support/world.js';

/** BPM 02.05 change of tenancy and SEC §144 withdrawal, over the real broker and HTTP. */
describe('change of tenancy and withdrawal end to end', () => {
  let world: World;
  let client: (name: DefaultPartyName) => GatewayClient;
  let admin: (path: string, body: unknown) => Promise<{ status: number; json: unknown }>;
  beforeAll(async () => {
    ({ world, client, admin } = await testWorld({ premises: 2 }));
  });
  afterAll(async () => world.stop());

  const consent = (mpxn: string) =>
    admin('/v1/admin/consents', {
      party: world.parties.otherUser.eui,
      mpxn,
      scope: '*',
      expiresAt: new Date(Date.now() + 3600_000).toISOString(),
    });
  async function read(name: DefaultPartyName, role: string, target: string, sr = '4.17') {
    const c = client(name);
    const requestId = c.nextRequestId(target as never);
    const reply = await c.submit({
      requestId,
      role,
      serviceReferenceVariant: sr,
      commandVariant: 1,
      body: { days: 3 },
    });
    return { requestId, reply, c };
  }

  it("an Other User reads across a CoT: the old tenant's consent stops counting (E4); a new one works, without pre-tenancy data", async () => {
    const home = world.premises[0]!;
    expect((await consent(home.mpan)).status).toBe(200);
    const before = await read('otherUser', 'OU', home.esme.eui);
    expect(before.reply.json).toMatchObject({ code: 'I99' });
    expect(await before.c.waitFor((i) => i.requestId === before.requestId)).toMatchObject({ code: 'I0' });

    const tenancyStart = Date.now();
    const supplier = client('supplier');
    const cotId = supplier.nextRequestId(home.esme.eui);
    expect(
      (
        await supplier.submit({
          requestId: cotId,
          role: 'IS',
          serviceReferenceVariant: '3.2',
          commandVariant: 1,
          body: { tenancyStart },
        })
      ).json,
    ).toMatchObject({ code: 'I99' });
    expect(await supplier.waitFor((i) => i.requestId === cotId)).toMatchObject({ code: 'I0', body: { tenancyStart } });

    const across = await read('otherUser', 'OU', home.esme.eui);
    expect(across.reply).toMatchObject({ status: 403, json: { code: 'E4' } });

    expect((await consent(home.mpan)).status).toBe(200); // the new tenant consents
    const after = await read('otherUser', 'OU', home.esme.eui);
    expect(after.reply.json).toMatchObject({ code: 'I99' });
    const answer = await after.c.waitFor((i) => i.requestId === after.requestId);
    expect(answer).toMatchObject({ code: 'I0' });
    expect((answer.body.days as { day: number }[]).every((d) => d.day >= tenancyStart)).toBe(true);

    // The supplier keeps its rights to the old data.
    const own = await read('supplier', 'IS', home.esme.eui);
    expect(((await own.c.waitFor((i) => i.requestId === own.requestId)).body.days as unknown[]).length).toBe(3);
  });

  it('an export supplier tries to withdraw: E2', async () => {
    const reply = await client('exportSupplier').call('POST', '/v1/withdrawals', {
      hub: world.premises[1]!.hub.eui,
      role: 'ES',
    });
    expect(reply).toMatchObject({ status: 403, json: { code: 'E2', field: 'role' } });
  });

  it('another import supplier tries to withdraw: E4', async () => {
    const reply = await client('supplier2').call('POST', '/v1/withdrawals', {
      hub: world.premises[1]!.hub.eui,
      role: 'IS',
    });
    expect(reply).toMatchObject({ status: 403, json: { code: 'E4' } });
  });

  it('the import supplier withdraws: every party is told (N40), and from the date every party gets E5', async () => {
    const home = world.premises[1]!;
    const reply = await client('supplier').call('POST', '/v1/withdrawals', { hub: home.hub.eui, role: 'IS' });
    expect(reply).toMatchObject({
      status: 200,
      json: { code: 'I0', hub: home.hub.eui, points: [home.mpan, home.mprn] },
    });
    expect((await client('networkOperator').waitFor((i) => i.alertCode === 'N40')).body).toMatchObject({
      hub: home.hub.eui,
    });
    expect((await client('otherUser').waitFor((i) => i.alertCode === 'N40')).body).toMatchObject({ hub: home.hub.eui });
    expect((await read('supplier', 'IS', home.esme.eui, '4.1.1')).reply).toMatchObject({
      status: 409,
      json: { code: 'E5' },
    });
    expect((await read('networkOperator', 'ED', home.esme.eui, '4.1.1')).reply).toMatchObject({
      status: 409,
      json: { code: 'E5' },
    });
    expect((await read('supplier', 'GS', home.gsme.eui, '4.1.1')).reply).toMatchObject({
      status: 409,
      json: { code: 'E5' },
    });
    // The other premises is untouched.
    expect((await read('supplier', 'IS', world.premises[0]!.esme.eui, '4.1.1')).reply.json).toMatchObject({
      code: 'I99',
    });
  });
});
