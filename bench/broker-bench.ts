import { startBrokerProcess as startBroker, type BrokerProcess } from '../smwan/broker-process.js';
import { formatEuiBytes, type Eui64 } from '../protocol/index.js';
import { MqttHeadEndLink, MqttHubLink, SmwanCredentials } from '../smwan/index.js';
import { printRows, type BenchRow } from './measure.js';

export const SECRET = 'bench-smwan-master-secret';

/** The embedded broker in its own process, with the benchmark secret. */
export function startBrokerProcess(): Promise<BrokerProcess> {
  return startBroker(SECRET);
}

function hubEui(i: number): Eui64 {
  const bytes = Buffer.from([0x00, 0xdb, 0xbe, 0x4c, 0, 0, 0, 0]);
  bytes.writeUInt32BE(i, 4);
  return formatEuiBytes(bytes);
}

/**
 * QoS 1 messages per second from `clients` hubs (one MQTT connection each, persistent sessions,
 * as in the field) to the head-end through a broker in its own process. Bounded: `total`
 * messages, and a hard deadline.
 */
export async function qos1Rate(
  url: string,
  clients: number,
  total: number,
  deadlineMs: number,
): Promise<{ perSecond: number; received: number }> {
  const credentials = new SmwanCredentials(SECRET);
  let received = 0;
  const headEnd = new MqttHeadEndLink({
    url,
    secret: credentials.headEndSecret,
    clientId: `bench-head-end-${clients}`,
  });
  headEnd.onUp(() => received++);
  await headEnd.open();
  const hubs: MqttHubLink[] = [];
  for (let start = 0; start < clients; start += 100) {
    const batch = Array.from({ length: Math.min(100, clients - start) }, (_, j) => {
      const hub = hubEui(clients * 100_000 + start + j);
      return new MqttHubLink({ url, hub, secret: credentials.hubSecret(hub) });
    });
    await Promise.all(batch.map((h) => h.open()));
    hubs.push(...batch);
  }
  const perClient = Math.ceil(total / clients);
  const expected = perClient * clients;
  const payload = new Uint8Array(180).fill(7); // about a signed response frame
  const started = process.hrtime.bigint();
  const deadline = Date.now() + deadlineMs;
  await Promise.all(
    hubs.map(async (hub) => {
      for (let i = 0; i < perClient && Date.now() < deadline; i++) await hub.sendUp(payload);
    }),
  );
  while (received < expected && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 2));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await Promise.all(hubs.map((h) => h.close({ graceful: false })));
  await headEnd.close();
  return { perSecond: received / seconds, received };
}

export async function brokerBench(options: { clients: number; total: number }): Promise<BenchRow[]> {
  const broker = await startBrokerProcess();
  const url = broker.url;
  try {
    const baseline = await qos1Rate(url, 10, options.total, 60_000);
    const many = await qos1Rate(url, options.clients, options.total, 60_000);
    const rows: BenchRow[] = [
      {
        name: `aedes QoS 1, ${options.clients} clients`,
        value: many.perSecond,
        unit: 'msg/s',
        baselineName: 'same, 10 clients',
        baseline: baseline.perSecond,
      },
    ];
    printRows(
      `SMWAN: QoS 1 hub→head-end messages per second, broker in its own process (${options.total} messages each run)`,
      rows,
    );
    return rows;
  } finally {
    broker.stop();
  }
}
