import { parentPort, workerData } from 'node:worker_threads';
import { nodeCrypto, RealClock } from '../protocol/index.js';
import { MqttHubLink, SmwanCa, SmwanCredentials } from '../smwan/index.js';
import { buildPremises, premisesEui, premisesRecord, type Premises } from '../world/premises.js';
import { CountingHubLink, ShardCounters } from './counting-hub-link.js';
import type { ConsumerAction, FleetCommand, FleetEvent, ShardConfig } from './fleet-messages.js';

/**
 * One shard of the soak fleet, in a worker thread: its premises (hub, GPF, ESME, GSME, IHD), each
 * hub with its own MQTT connection. It builds them, sends their records for enrolment, connects
 * them at the shard's share of the ramp, runs the consumer actions it is sent, and reports counts
 * every second. Connections that fail are retried (bounded by the run) and counted.
 */
const config = workerData as ShardConfig;
const port = parentPort!;
const post = (event: FleetEvent) => port.postMessage(event);
const clock = new RealClock();
const credentials = new SmwanCredentials(config.smwanSecret);
// Under TLS every hub gets a certificate from the run's CA when it first connects.
const tlsCa = config.tlsCa ? SmwanCa.fromPem(config.tlsCa) : undefined;
const counters = new ShardCounters();
const homes = new Map<number, Premises>();
let connectFailures = 0;
let stopping = false;

const newlyOnline: number[] = [];
const newlyOffline: number[] = [];
const flushTimer = setInterval(flush, 250);
const statsTimer = setInterval(reportStats, 1000);

function flush(): void {
  if (newlyOnline.length > 0) post({ type: 'online', indices: newlyOnline.splice(0) });
  if (newlyOffline.length > 0) post({ type: 'offline', indices: newlyOffline.splice(0) });
}

function reportStats(): void {
  let hubsOnline = 0;
  let upBufferOverflows = 0;
  for (const home of homes.values()) {
    if (home.hub.isOnline) hubsOnline++;
    upBufferOverflows += home.hub.routing.upBufferOverflows;
  }
  post({
    type: 'stats',
    worker: config.worker,
    stats: {
      built: homes.size,
      hubsOnline,
      connectFailures,
      framesDown: counters.framesDown,
      responsesUp: counters.responsesUp,
      alertsUpByCode: { ...counters.alertsUpByCode },
      upBufferOverflows,
      heapUsedBytes: process.memoryUsage().heapUsed,
    },
  });
}

function build(): void {
  let batch = [];
  for (let index = config.first; index <= config.last; index++) {
    const hub = premisesEui(index, 'CHF');
    const link = new CountingHubLink(
      new MqttHubLink({
        url: config.brokerUrl,
        hub,
        secret: credentials.hubSecret(hub),
        connectTimeoutMs: 30_000,
        ...(tlsCa ? { tls: async () => (await tlsCa).issueClient(hub) } : {}),
      }),
      counters,
    );
    const home = buildPremises({
      index,
      seed: config.seed,
      clock,
      crypto: nodeCrypto,
      link,
      ...config.anchors,
      ihdRefreshMs: config.ihdRefreshMs,
      gsmeWakeMs: config.gsmeWakeMs,
    });
    // A commissioned gas meter has woken before, so the GPF's mirror holds its data. (Its wake
    // cycle starts at a random phase once the hub connects: firstConnect.)
    home.gsme.wake();
    homes.set(index, home);
    batch.push(premisesRecord(home));
    if (batch.length === 500) {
      post({ type: 'enrol', records: batch });
      batch = [];
    }
  }
  if (batch.length > 0) post({ type: 'enrol', records: batch });
}

/**
 * At most MAX_CONNECTING handshakes open at once per worker, for the ramp and for restores after
 * an outage alike: real hubs back off at random before reconnecting, and a backlog of half-made
 * connections only stalls everyone's traffic (measured: 3,000 hubs restored at once held every
 * answer up for 25 s). Unpaced only when the profile asks for everyone at once (connect 0/s).
 */
const MAX_CONNECTING = 64;
const paced = config.connectPerSecond > 0;
let connecting = 0;
const waiting: (() => void)[] = [];

async function handshakeSlot(): Promise<() => void> {
  if (paced && connecting >= MAX_CONNECTING) await new Promise<void>((resolve) => waiting.push(resolve));
  connecting++;
  return () => {
    connecting--;
    waiting.shift()?.();
  };
}

/** Connect one hub, retrying after a failure until it is up or the run stops. */
async function connect(index: number, start: () => Promise<void>): Promise<void> {
  while (!stopping) {
    const release = await handshakeSlot();
    try {
      await start();
      newlyOnline.push(index);
      return;
    } catch {
      connectFailures++;
    } finally {
      release();
    }
    await new Promise((resolve) => setTimeout(resolve, 1000 + Math.random() * 1000));
  }
}

/** First connection: the hub comes up, and the gas meter's wakes start at a random phase. */
function firstConnect(home: Premises): Promise<void> {
  return connect(home.index, async () => {
    await home.start();
    home.gsme.startWakeCycle(Math.random() * config.gsmeWakeMs);
  });
}

/** The ramp: this shard's share of the hubs per second, in 100 ms ticks; 0 connects all at once. */
async function ramp(): Promise<void> {
  const queue = [...homes.values()];
  const shardRate = config.connectPerSecond / config.workers;
  if (shardRate <= 0) {
    await Promise.all(queue.map(firstConnect));
    return;
  }
  const started = performance.now();
  const pending: Promise<void>[] = [];
  let next = 0;
  while (next < queue.length && !stopping) {
    const due = Math.min(queue.length, Math.floor(((performance.now() - started) / 1000) * shardRate) + 1);
    for (; next < due; next++) pending.push(firstConnect(queue[next]!));
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await Promise.all(pending);
}

async function consumer(action: ConsumerAction, indices: readonly number[]): Promise<void> {
  await Promise.all(
    indices.map(async (index) => {
      const home = homes.get(index);
      if (!home) return;
      switch (action) {
        case 'powerOutage':
          home.esme.powerOff();
          await home.hub.powerCut();
          newlyOffline.push(index);
          return;
        case 'hubOffline':
          await home.hub.powerCut();
          newlyOffline.push(index);
          return;
        case 'powerRestore':
        case 'hubOnline':
          await connect(index, () => home.hub.powerRestore());
          if (action === 'powerRestore') home.esme.powerOn();
          return;
      }
    }),
  );
}

function raiseAlerts(code: number, perPremises: number, indices: readonly number[]): void {
  for (const index of indices) {
    const esme = homes.get(index)?.esme;
    for (let i = 0; i < perPremises; i++) esme?.raiseAlert(code, { outageSeconds: 300 });
  }
}

async function stop(): Promise<void> {
  stopping = true;
  flush();
  reportStats();
  clearInterval(flushTimer);
  clearInterval(statsTimer);
  await Promise.all([...homes.values()].map((home) => home.stop().catch(() => undefined)));
  post({ type: 'stopped', worker: config.worker });
  port.close();
}

port.on('message', (command: FleetCommand) => {
  if (command.type === 'raiseAlerts') raiseAlerts(command.code, command.perPremises, command.indices);
  else if (command.type === 'consumer')
    void consumer(command.action, command.indices).catch((error: unknown) =>
      post({ type: 'error', message: `worker ${config.worker}: ${String(error)}` }),
    );
  else if (command.type === 'stop') void stop();
});

build();
void ramp().catch((error: unknown) => post({ type: 'error', message: `worker ${config.worker}: ${String(error)}` }));
