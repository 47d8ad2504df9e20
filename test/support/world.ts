import { nodeCrypto, RealClock } from '../../protocol/index.js';
import { GatewayClient } from '../../world/gateway-client.js';
import { startWorld, type World, type WorldOptions } from '../../world/dcc-world.js';
import type { DefaultPartyName } from '../../world/default-parties.js';

/** The whole system on the real clock, real broker and real HTTP, and a signed client per party. */
export async function testWorld(options: Partial<WorldOptions> = {}): Promise<{
  world: World;
  client: (name: DefaultPartyName) => GatewayClient;
  admin: (path: string, body: unknown) => Promise<{ status: number; json: unknown }>;
}> {
  const clock = new RealClock();
  const world = await startWorld({
    premises: 1,
    clock,
    crypto: nodeCrypto,
    seed: 'test-world',
    smwanSecret: 'test-world-smwan-secret',
    ...options,
  });
  const clients = new Map<DefaultPartyName, GatewayClient>();
  return {
    world,
    client(name) {
      let client = clients.get(name);
      if (!client) {
        const party = world.parties[name];
        client = new GatewayClient(world.gatewayUrl, party.eui, party.ds, nodeCrypto, clock);
        clients.set(name, client);
      }
      return client;
    },
    async admin(path, body) {
      const response = await fetch(`${world.gatewayUrl}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${world.adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: response.status, json: await response.json() };
    },
  };
}
