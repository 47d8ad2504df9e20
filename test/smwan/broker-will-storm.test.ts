import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatEuiBytes, type Eui64 } from '../../protocol/index.js';
import {
  MqttHeadEndLink,
  MqttHubLink,
  SmwanCredentials,
  startEmbeddedBroker,
  type EmbeddedBroker,
} from '../../smwan/index.js';
import { waitFor } from '../support/wait.js';

const HUBS = Number(process.env.WILL_STORM_HUBS ?? 1500);

function hubEui(i: number): Eui64 {
  const bytes = Buffer.from([0x00, 0xdb, 0x77, 0, 0, 0, 0, 0]);
  bytes.writeUInt32BE(i, 4);
  return formatEuiBytes(bytes);
}

/**
 * A power cut across a region drops many hub connections at once, and the broker publishes a
 * last will for each. With aedes's default message concurrency (100), mqemitter drains its queue
 * recursively (mcollina/mqemitter#204), and a soak run's 10,000 hubs stopping at once (in another
 * process) overflowed the broker's stack. The embedded broker now runs without that bound. This
 * test did not reproduce the overflow in process (up to 6,000 hubs, WILL_STORM_HUBS); it holds
 * the behaviour: every will delivered, and the broker still serving.
 */
describe('embedded broker under a storm of last wills (real TCP)', () => {
  const credentials = new SmwanCredentials('will-storm-secret');
  let broker: EmbeddedBroker;
  let headEnd: MqttHeadEndLink;
  const offline = new Set<Eui64>();

  beforeAll(async () => {
    broker = await startEmbeddedBroker({ credentials });
    headEnd = new MqttHeadEndLink({
      url: broker.url,
      secret: credentials.headEndSecret,
      clientId: 'will-storm-head-end',
    });
    headEnd.onHubState((hub, state) => (state === 'offline' ? offline.add(hub) : offline.delete(hub)));
    await headEnd.open();
  });
  afterAll(async () => {
    await headEnd.close();
    await broker.close();
  });

  it(`delivers all ${HUBS} wills when every hub drops at once, and keeps serving`, async () => {
    const hubs: MqttHubLink[] = [];
    for (let start = 0; start < HUBS; start += 100) {
      const batch = Array.from(
        { length: 100 },
        (_, j) =>
          new MqttHubLink({
            url: broker.url,
            hub: hubEui(start + j),
            secret: credentials.hubSecret(hubEui(start + j)),
          }),
      );
      await Promise.all(batch.map((hub) => hub.open()));
      hubs.push(...batch);
    }
    await Promise.all(hubs.map((hub) => hub.close({ graceful: false })));
    await waitFor(() => offline.size === HUBS, `${HUBS} offline states`, 30_000);
    expect(offline.size).toBe(HUBS);
    const late = new MqttHubLink({ url: broker.url, hub: hubEui(HUBS), secret: credentials.hubSecret(hubEui(HUBS)) });
    await late.open();
    expect(late.isOpen).toBe(true);
    await late.close();
  }, 90_000);
});
