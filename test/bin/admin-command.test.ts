import { createServer, type AddressInfo } from 'node:net';
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
  const home = () => world.premises[0]!;

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

  it('refuses a bad argument itself, before any call: exit 2 and one line naming the choices', async () => {
    const result = await admin('party-status', world.parties.otherUser.eui, 'explode');
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(
      /value 'explode' is invalid for argument 'event'\. Allowed choices are accede, activate, suspend/,
    );
    const badEui = await admin('register', home().mpan, 'importSupplier', 'ABC');
    expect(badEui.code).toBe(2);
    expect(badEui.stderr).toMatch(/^smetsim admin: party "ABC" is not an EUI-64/);
    const noToken = await runCli(['admin', '--url', world.gatewayUrl, '--data-dir', '/nonexistent', 'parties']);
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toMatch(/no admin token/);
  });

  it('reports what the server refused with the URL it called: exit 1', async () => {
    const result = await admin('party-status', world.parties.supplier.eui, 'accede');
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(
      new RegExp(
        `^smetsim admin: POST ${world.gatewayUrl}/v1/admin/parties/${world.parties.supplier.eui}/status: HTTP 4\\d\\d `,
      ),
    );
  });

  it('names the URL it tried when nothing answers there: exit 1', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((resolve) => closed.close(resolve));
    const result = await runCli(['admin', '--url', url, '--token', 'x', 'parties']);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      `smetsim admin: GET ${url}/v1/admin/parties: cannot connect (ECONNREFUSED) (is smetsim serve running there? set --url or SMETSIM_GATEWAY)`,
    );
  });
});
