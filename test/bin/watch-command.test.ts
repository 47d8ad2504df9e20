import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { watchSmwan, watchLine, type WatchedMessage } from '../../bin/watch/smwan-watch.js';
import type { World } from '../../world/dcc-world.js';
import type { GatewayClient } from '../../world/gateway-client.js';
import { runCli } from '../support/cli.js';
import { testWorld } from '../support/world.js';

const SECRET = 'watch-test-smwan-secret';

/** Issue 19 §6: `smetsim watch` shows a decoded command and response for a read. */
describe('smetsim watch', () => {
  let world: World;
  let supplier: GatewayClient;
  beforeAll(async () => {
    const t = await testWorld({ smwanSecret: SECRET });
    world = t.world;
    supplier = t.client('supplier');
  });
  afterAll(async () => world.stop());

  it('shows the GBCS command and response of a 4.1.1 read, decoded', async () => {
    const seen: WatchedMessage[] = [];
    const esme = world.premises[0]!.esme;
    const watch = await watchSmwan(
      { brokerUrl: world.brokerUrl, smwanSecret: SECRET, kinds: ['command', 'response'], count: 2, tree: true },
      (message) => seen.push(message),
    );
    const requestId = supplier.nextRequestId(esme.eui);
    await supplier.submit({ requestId, role: 'IS', serviceReferenceVariant: '4.1.1', commandVariant: 1, body: {} });
    await watch.done;
    const [command, response] = seen;
    expect(command).toMatchObject({
      kind: 'command',
      hub: world.premises[0]!.hub.eui,
      originator: world.parties.supplier.eui,
      recipient: esme.eui,
      messageCode: expect.stringContaining('ECS17b'),
    });
    expect(typeof command!.expiresAt).toBe('string');
    // GBCS: a response repeats the command's counter (GBCS-FACTS §4).
    expect(response).toMatchObject({ kind: 'response', originator: esme.eui, counter: command!.counter });
    expect(watchLine(command!)).toMatch(/down .* command 0x0027 ECS17b/);
    expect(command!.tree).toContain('General-Signing (DF)');
  });

  it('filters by hub: another hub sees nothing of this one', async () => {
    const seen: WatchedMessage[] = [];
    const watch = await watchSmwan(
      { brokerUrl: world.brokerUrl, smwanSecret: SECRET, hubs: ['00-DB-12-99-99-99-99-01'], count: 1 },
      (message) => seen.push(message),
    );
    const esme = world.premises[0]!.esme;
    const requestId = supplier.nextRequestId(esme.eui);
    await supplier.submit({ requestId, role: 'IS', serviceReferenceVariant: '4.1.1', commandVariant: 1, body: {} });
    await supplier.waitFor((item) => item.requestId === requestId);
    await watch.stop();
    expect(seen).toEqual([]);
  });

  it('refuses a bad --kind or --hub as a usage error', async () => {
    expect((await runCli(['watch', '--kind', 'frames'])).code).toBe(2);
    const bad = await runCli(['watch', '--hub', 'not-an-eui']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--hub');
  });
});
