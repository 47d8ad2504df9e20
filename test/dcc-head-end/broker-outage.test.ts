import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmwanCredentials, startEmbeddedBroker, type EmbeddedBroker } from '../../smwan/index.js';
import type { World } from '../../world/dcc-world.js';
import type { GatewayClient } from '../../world/gateway-client.js';
import { testWorld } from '../support/world.js';
import { waitFor } from '../support/wait.js';

const SMWAN_SECRET = 'broker-outage-secret';

/** Resolves with the promise's value, or rejects if it has not settled while `what` still holds. */
async function settlesBefore<T>(promise: Promise<T>, what: string, boundMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer while ${what}`)), boundMs);
  });
  try {
    return await Promise.race([promise, bound]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Issue 17 #2: a submission never waits on the SMWAN broker. I99 once the request is durable;
 * the stored request is the outbox, sent when the broker is back; a command the broker held when
 * it died is sent again when its hub reconnects. Over the real embedded broker, stopped and
 * started again on the same port.
 */
describe('the DCC through a broker outage (issue 17 #2)', () => {
  let broker: EmbeddedBroker;
  let world: World;
  let supplier: GatewayClient;
  beforeAll(async () => {
    broker = await startEmbeddedBroker({ credentials: new SmwanCredentials(SMWAN_SECRET) });
    const t = await testWorld({
      brokerUrl: broker.url,
      smwanSecret: SMWAN_SECRET,
      timeouts: { nonCriticalMs: 15_000, criticalMs: 15_000, gasWakeMs: 0 },
    });
    world = t.world;
    supplier = t.client('supplier');
  });
  afterAll(async () => {
    await world.stop();
    await broker.close();
  });
  const home = () => world.premises[0]!;
  const restartBroker = async (port: number) => {
    broker = await startEmbeddedBroker({ credentials: new SmwanCredentials(SMWAN_SECRET), port });
  };

  it('answers I99 while the broker is down, and the command is delivered once it is back', async () => {
    const port = broker.port;
    await broker.close();
    const requestId = supplier.nextRequestId(home().esme.eui);
    const reply = await settlesBefore(
      supplier.submit({ requestId, role: 'IS', serviceReferenceVariant: '4.1.1', commandVariant: 1 }),
      'the broker is down',
      4_000,
    );
    expect(reply.json).toMatchObject({ requestId, code: 'I99' });
    await restartBroker(port);
    expect(await supplier.waitFor((i) => i.requestId === requestId, 14_000)).toMatchObject({
      code: 'I0',
      body: { deviceStatus: 'OK' },
    });
  }, 30_000);

  it('a command the broker held for an absent hub when it died is sent again when the hub returns', async () => {
    await home().hub.powerCut();
    await waitFor(() => world.headEnd.internals.dispatch.hubStates.get(home().hub.eui) === 'offline', 'the last will');
    const requestId = supplier.nextRequestId(home().esme.eui);
    expect(
      (await supplier.submit({ requestId, role: 'IS', serviceReferenceVariant: '4.1.1', commandVariant: 1 })).json,
    ).toMatchObject({ code: 'I99' });
    await waitFor(() => world.headEnd.inFlight() === 1, 'the command sent');
    const port = broker.port;
    await broker.close(); // its queue for the hub dies with it
    await restartBroker(port);
    await home().hub.powerRestore();
    expect(await supplier.waitFor((i) => i.requestId === requestId, 14_000)).toMatchObject({
      code: 'I0',
      body: { deviceStatus: 'OK' },
    });
    // The DCC may have sent it twice (mqtt.js's own retry and the resend); the meter ran it once.
    expect(home().esme.stats.refused).toBe(0);
  }, 30_000);
});
