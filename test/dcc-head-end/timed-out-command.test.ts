import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeCrypto } from '../../protocol/index.js';
import { SmwanCredentials, startEmbeddedBroker, type EmbeddedBroker } from '../../smwan/index.js';
import type { World } from '../../world/dcc-world.js';
import type { GatewayClient } from '../../world/gateway-client.js';
import { testWorld } from '../support/world.js';
import { quietPeriod, waitFor } from '../support/wait.js';

const SMWAN_SECRET = 'timed-out-command-secret';

/**
 * Issue 17 #1: a command the party was told had timed out (E20/E21) must never run later, and
 * whatever the device or hub says about it late reaches the party marked late. 7.2 Disable Supply,
 * the worst case: a supply interruption the supplier was told had failed. Over the real embedded
 * broker, with a hub dark past the deadline and with the broker itself down past it.
 */
describe('a timed-out command does not run later (issue 17 #1)', () => {
  let broker: EmbeddedBroker;
  let world: World;
  let supplier: GatewayClient;
  beforeAll(async () => {
    broker = await startEmbeddedBroker({ credentials: new SmwanCredentials(SMWAN_SECRET) });
    const t = await testWorld({
      brokerUrl: broker.url,
      smwanSecret: SMWAN_SECRET,
      timeouts: { nonCriticalMs: 1500, criticalMs: 1500, gasWakeMs: 0, preCommandSigningMs: 1000 },
    });
    world = t.world;
    supplier = t.client('supplier');
  });
  afterAll(async () => {
    await world.stop();
    await broker.close();
  });
  const home = () => world.premises[0]!;

  /** 7.2 through variant 4, the supplier's signature, and variant 5; returns the request id. */
  async function disableSupply(): Promise<string> {
    const requestId = supplier.nextRequestId(home().esme.eui);
    const pre = await supplier.submit({ requestId, role: 'IS', serviceReferenceVariant: '7.2', commandVariant: 4 });
    expect(pre.json).toMatchObject({ code: 'I0' });
    const preCommand = pre.json.preCommand as string;
    const signature = nodeCrypto.sign(world.parties.supplier.ds, Buffer.from(preCommand, 'base64'));
    const signed = await supplier.submit({
      requestId,
      role: 'IS',
      serviceReferenceVariant: '7.2',
      commandVariant: 5,
      preCommand,
      signature: Buffer.from(signature).toString('base64'),
    });
    expect(signed.json).toMatchObject({ code: 'I99' });
    return requestId;
  }

  it('a hub dark past the deadline: E20, then the hub refuses the expired command and the party hears it', async () => {
    expect(home().esme.supply).toBe('Enabled');
    await home().hub.powerCut();
    await waitFor(() => world.headEnd.internals.dispatch.hubStates.get(home().hub.eui) === 'offline', 'the last will');
    const requestId = await disableSupply();
    expect(await supplier.waitFor((i) => i.requestId === requestId)).toMatchObject({ code: 'E20' });

    await home().hub.powerRestore();
    const late = await supplier.waitFor((i) => i.requestId === requestId && i.code !== 'E20');
    expect(late).toMatchObject({ kind: 'response', code: 'COMMAND_EXPIRED', body: { late: true } });
    expect(home().esme.supply).toBe('Enabled');
    expect(home().hub.routing.expired).toBe(1);
  }, 20_000);

  it('the broker down past the deadline: E21, and the command never runs when the broker returns', async () => {
    expect(home().esme.supply).toBe('Enabled');
    const port = broker.port;
    await broker.close();
    const requestId = await disableSupply();
    expect(await supplier.waitFor((i) => i.requestId === requestId)).toMatchObject({ code: 'E21' });

    broker = await startEmbeddedBroker({ credentials: new SmwanCredentials(SMWAN_SECRET), port });
    await waitFor(() => home().hub.isOnline && broker.connectedClients >= 2, 'the hub and the DCC back', 10_000);
    await quietPeriod(1500);
    expect(home().esme.supply).toBe('Enabled');
    // What the hub or device says about it, if anything, arrives marked late; nothing says it ran.
    const items = (await supplier.inbox('0')).items.filter((i) => i.requestId === requestId);
    for (const item of items.slice(1)) expect(item).toMatchObject({ code: 'COMMAND_EXPIRED', body: { late: true } });
  }, 30_000);
});
