import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelFor } from '../../dcc-head-end/certified-models.js';
import type { World } from '../../world/dcc-world.js';
import type { GatewayClient } from '../../world/gateway-client.js';
import { testWorld } from '../support/world.js';

/**
 * One access control for everything (issue 11): a supplier suspended with top-up kept (SEC M8;
 * the default suspension) gets E3 for a read, a withdrawal and a replacement alike, while its
 * top-up goes through; suspended for one SR only, the withdrawal passes E3 and meets the next rule.
 */
describe('a suspended supplier that keeps top-up, across requests, withdrawals and replacements', () => {
  let world: World;
  let supplier: GatewayClient;
  let admin: (path: string, body: unknown) => Promise<{ status: number; json: unknown }>;
  const home = () => world.premises[0]!;
  const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

  beforeAll(async () => {
    const t = await testWorld();
    world = t.world;
    admin = t.admin;
    supplier = t.client('supplier');
  });
  afterAll(async () => world.stop());

  const submit = (sr: string, commandVariant: number, body?: Record<string, unknown>) =>
    supplier.submit({
      requestId: supplier.nextRequestId(sr === '12.2' ? home().hub.eui : home().esme.eui),
      role: 'IS',
      serviceReferenceVariant: sr,
      commandVariant,
      ...(body ? { body } : {}),
    });
  const withdraw = () => supplier.call('POST', '/v1/withdrawals', { hub: home().hub.eui, role: 'IS' });
  const replace = (newDevice: string) =>
    supplier.call('POST', '/v1/replacements', { oldDevice: home().esme.eui, newDevice, role: 'IS' });

  it('pre-notifies a replacement meter while active', async () => {
    const replacement = home().replaceEsme();
    const keys = home().keys.get(replacement.eui)!;
    const pre = await submit('12.2', 8, {
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
    expect(pre.status).toBe(200);
  });

  it('suspended for all services, top-up kept: 2.2 is accepted; a read, a withdrawal and a replacement get E3', async () => {
    const suspended = await admin(`/v1/admin/parties/${world.parties.supplier.eui}/status`, {
      event: 'suspend',
      services: 'all',
      keepTopUp: true,
    });
    expect(suspended).toMatchObject({ status: 200, json: { status: 'Suspended' } });
    expect((await submit('2.2', 1, { value: 5, valueClass: 'pounds' })).json).toMatchObject({ code: 'I99' });
    const refusal = { status: 403, json: { code: 'E3', field: 'party' } };
    expect(await submit('4.1.1', 1)).toMatchObject(refusal);
    expect(await withdraw()).toMatchObject(refusal);
    expect(await replace(home().esme.eui)).toMatchObject(refusal);
  });

  it('suspended for 4.1.1 only: the withdrawal passes E3, then meets E1 and E4 like any request', async () => {
    const eui = world.parties.supplier.eui;
    expect((await admin(`/v1/admin/parties/${eui}/status`, { event: 'reinstate' })).status).toBe(200);
    expect((await admin(`/v1/admin/parties/${eui}/status`, { event: 'suspend', services: ['4.1.1'] })).status).toBe(
      200,
    );
    expect(await submit('4.1.1', 1)).toMatchObject({ status: 403, json: { code: 'E3' } });
    // ES is not a role the supplier holds: E1 from the same step as a service request.
    const wrongRole = await supplier.call('POST', '/v1/withdrawals', { hub: home().hub.eui, role: 'ES' });
    expect(wrongRole).toMatchObject({ status: 403, json: { code: 'E1', field: 'role' } });
    const gas = await supplier.call('POST', '/v1/withdrawals', { hub: home().hub.eui, role: 'GS' });
    // GS for a system with electricity: the withdrawal's own rule, after access control passed.
    expect(gas).toMatchObject({ status: 403, json: { code: 'E4', field: 'hub' } });
  });
});
