import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mpanFrom12 } from '../../protocol/index.js';
import type { World } from '../../world/dcc-world.js';
import { testWorld } from '../support/world.js';

/** Issue 17, defect 7: the admin API checks every MPxN and party EUI it is given. */
describe('admin API: MPxN and party EUI are validated', () => {
  let world: World;
  let admin: (path: string, body: unknown) => Promise<{ status: number; json: unknown }>;
  const get = async (path: string) => {
    const response = await fetch(`${world.gatewayUrl}${path}`, {
      headers: { authorization: `Bearer ${world.adminToken}` },
    });
    return { status: response.status, json: (await response.json()) as unknown };
  };
  beforeAll(async () => {
    ({ world, admin } = await testWorld());
  });
  afterAll(async () => world.stop());

  const goodMpan = mpanFrom12('190000000001');
  const badCheck = `${goodMpan.slice(0, 12)}${(Number(goodMpan[12]) + 1) % 10}`;
  const badMpxns = ['ABC', badCheck, '\u0000', '12345', '12345678901', `${goodMpan}0`, ' 1234567'];
  const future = () => new Date(Date.now() + 3600_000).toISOString();

  it.each(badMpxns)('registration with mpxn %j: 400 BAD_REQUEST on mpxn', async (mpxn) => {
    const reply = await admin('/v1/admin/registrations', {
      mpxn,
      role: 'importSupplier',
      party: world.parties.supplier.eui,
    });
    expect(reply).toMatchObject({ status: 400, json: { code: 'BAD_REQUEST', field: 'mpxn' } });
  });

  it.each(badMpxns)('consent, device and registration history with mpxn %j: 400 on mpxn', async (mpxn) => {
    const consent = await admin('/v1/admin/consents', {
      party: world.parties.otherUser.eui,
      mpxn,
      scope: '*',
      expiresAt: future(),
    });
    expect(consent).toMatchObject({ status: 400, json: { code: 'BAD_REQUEST', field: 'mpxn' } });
    const device = await admin('/v1/admin/devices', { eui: '00-DB-12-00-00-77-00-01', type: 'ESME', mpxn });
    expect(device).toMatchObject({ status: 400, json: { code: 'BAD_REQUEST', field: 'mpxn' } });
    expect(await get(`/v1/admin/registrations/${encodeURIComponent(mpxn)}`)).toMatchObject({
      status: 400,
      json: { code: 'BAD_REQUEST', field: 'mpxn' },
    });
  });

  it('an MPRN for a gas role and an MPAN for an electricity role; not the other way round', async () => {
    const mprn = '1234567';
    expect(
      await admin('/v1/admin/registrations', { mpxn: mprn, role: 'gasSupplier', party: world.parties.supplier.eui }),
    ).toMatchObject({ status: 200 });
    expect(
      await admin('/v1/admin/registrations', {
        mpxn: goodMpan,
        role: 'gasSupplier',
        party: world.parties.supplier.eui,
      }),
    ).toMatchObject({ status: 400, json: { field: 'mpxn' } });
    expect(
      await admin('/v1/admin/registrations', { mpxn: mprn, role: 'importSupplier', party: world.parties.supplier.eui }),
    ).toMatchObject({ status: 400, json: { field: 'mpxn' } });
    expect(
      await admin('/v1/admin/registrations', {
        mpxn: goodMpan,
        role: 'importSupplier',
        party: world.parties.supplier.eui,
      }),
    ).toMatchObject({ status: 200 });
  });

  it.each(['ABC', '\u0000', '90-B3-D5-1F-30-09-09-09'])('party %j: refused, naming party', async (party) => {
    const registration = await admin('/v1/admin/registrations', { mpxn: goodMpan, role: 'importSupplier', party });
    expect(registration).toMatchObject({ json: { field: 'party' } });
    expect(registration.status).toBeGreaterThanOrEqual(400);
    expect(registration.status).toBeLessThan(500);
    const consent = await admin('/v1/admin/consents', { party, mpxn: goodMpan, scope: '*', expiresAt: future() });
    expect(consent).toMatchObject({ json: { field: 'party' } });
    expect(consent.status).toBeGreaterThanOrEqual(400);
    expect(consent.status).toBeLessThan(500);
  });

  it('an unknown party in the path: 404 UNKNOWN_PARTY, not a 5xx', async () => {
    const path = '/v1/admin/parties/90-B3-D5-1F-30-09-09-09';
    for (const [suffix, body] of [
      ['/status', { event: 'accede' }],
      ['/entry-processes', { process: 'security' }],
      ['/webhook', { url: 'http://127.0.0.1:9/x' }],
    ] as const) {
      expect(await admin(`${path}${suffix}`, body)).toMatchObject({
        status: 404,
        json: { code: 'UNKNOWN_PARTY', field: 'eui' },
      });
    }
  });
});
