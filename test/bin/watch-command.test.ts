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

  it('shows the command and response of a 4.1.1 read, decoded', async () => {
    const seen: WatchedMessage[] = [];
    const esme = world.premises[0]!.esme;
    const watch = await watchSmwan(
      { brokerUrl: world.brokerUrl, smwanSecret: SECRET, kinds: ['command', 'response'], count: 2 },
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
      messageCode: '4.1.1',
    });
    expect(typeof command!.expiresAt).toBe('string');
    // The response names the command it answers, by the command's counter.
    expect(response).toMatchObject({ kind: 'response', originator: esme.eui, counter: command!.counter });
    expect(response!.messageCode).toBe('4.1.1 OK');
    expect(watchLine(command!)).toMatch(/down .* command 4\.1\.1 /);
  });

  it('decodes a GBCS message on the broker as GBCS, with its tree', async () => {
    const seen: WatchedMessage[] = [];
    const hub = world.premises[0]!.hub.eui;
    const watch = await watchSmwan(
      { brokerUrl: world.brokerUrl, smwanSecret: SECRET, hubs: [hub], kinds: ['response'], count: 1, tree: true },
      (message) => seen.push(message),
    );
    // RTDS 4.1.1_ECS17b/ECS17b_4.1.1_ERROR_RESPONSE_GBCS.HEX (84 bytes), published as if a hub sent it up.
    const gbcs = Buffer.from(
      'DD0000000000004C1100000000DF090200000000000003E90800DB1234567890A00890B3D51F300100000C07DF0101FF000000008000FF0200270CDA200003E90000010001030100A56C9AB1129E72330FF1A08A',
      'hex',
    );
    const { connectMqtt, endClient, publishQos1 } = await import('../../smwan/mqtt-connect.js');
    const { SmwanCredentials, HEAD_END_USER } = await import('../../smwan/credentials.js');
    const client = await connectMqtt(world.brokerUrl, {
      clientId: 'watch-test-publisher',
      username: HEAD_END_USER,
      password: new SmwanCredentials(SECRET).headEndSecret,
      clean: true,
      reconnectPeriod: 0,
    });
    await publishQos1(client, `smwan/v1/${hub}/up`, gbcs);
    await watch.done;
    await endClient(client, true);
    expect(seen[0]).toMatchObject({ format: 'gbcs', kind: 'response', messageCode: '0x0027 ECS17b', counter: '1001' });
    expect(seen[0]!.tree).toContain('General-Signing (DF)');
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
