import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { World } from '../../world/dcc-world.js';
import { runCli } from '../support/cli.js';
import { testWorld } from '../support/world.js';

describe('smetsim admin (the admin API from the command line)', () => {
  let world: World;
  const admin = (...args: string[]) =>
    runCli(['admin', '--url', world.gatewayUrl, '--token', world.adminToken, ...args]);
  beforeAll(async () => {
    ({ world } = await testWorld());
  });
  afterAll(async () => world.stop());

  it('changes a registration, and the DCC applies it at once', async () => {
    const home = world.premises[0]!;
    const result = await admin('register', home.mpan, 'importSupplier', world.parties.supplier2.eui);
    expect(result.code).toBe(0);
    const history = (
      JSON.parse(result.stdout) as { history: { role: string; party: string; to?: number }[] }
    ).history.filter((h) => h.role === 'importSupplier');
    expect(history.map((h) => h.party)).toEqual([world.parties.supplier.eui, world.parties.supplier2.eui]);
    expect(history[0]!.to).toBeDefined();
    expect(world.headEnd.internals.registration.partyAt(home.mpan, 'importSupplier', Date.now())).toBe(
      world.parties.supplier2.eui,
    );
  });

  it('suspends a party for some services only', async () => {
    const result = await admin('party-status', world.parties.otherUser.eui, 'suspend', '--services', '4.17,4.8.1');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      status: 'Suspended',
      suspension: { services: ['4.17', '4.8.1'], keepTopUp: true },
    });
  });

  it('records a consent', async () => {
    const result = await admin(
      'consent',
      world.parties.otherUser.eui,
      world.premises[0]!.mprn,
      '--expires',
      '2030-01-01T00:00:00Z',
      '--scope',
      '4.17',
    );
    expect(result.code).toBe(0);
    expect(
      world.headEnd.internals.consents.covers(world.parties.otherUser.eui, world.premises[0]!.mprn, '4.17', Date.now()),
    ).toBe(true);
  });

  it('refuses with one line naming the rule', async () => {
    const result = await admin('party-status', world.parties.otherUser.eui, 'explode');
    expect(result.code).not.toBe(0);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/HTTP 400 BAD_REQUEST: event must be one of/);
    const noToken = await runCli(['admin', '--url', world.gatewayUrl, '--data-dir', '/nonexistent', 'parties']);
    expect(noToken.stderr).toMatch(/no admin token/);
  });
});
