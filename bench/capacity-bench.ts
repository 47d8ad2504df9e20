import { nodeCrypto, VirtualClock } from '../protocol/index.js';
import { benchAnchors } from './bench-anchors.js';
import { buildPremises, premisesEui, type Premises } from '../scenarios/premises.js';
import { MqttHubLink, SmwanCredentials } from '../smwan/index.js';
import { SECRET, startBrokerProcess } from './broker-bench.js';
import { printRows, type BenchRow } from './measure.js';

/** The RSS goal per premises at rest, MQTT connection included (issue: soak and performance). */
export const RSS_GOAL_KB = 100;


function rss(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().rss;
}

/**
 * Premises held at rest, each hub with its own MQTT connection to a broker in its own process,
 * as in the field. The figure is this process's RSS growth per premises (devices, keys, HAN,
 * and the hub's mqtt.js client and socket). Bounded: connects in batches, with a deadline.
 */
export async function capacityBench(counts: readonly number[]): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const credentials = new SmwanCredentials(SECRET);
  const { manufacture, commissioning } = benchAnchors('capacity');
  for (const count of counts) {
    const broker = await startBrokerProcess();
    const url = broker.url;
    const clock = new VirtualClock(Date.UTC(2026, 10, 28));
    const before = rss();
    const premises: Premises[] = [];
    const deadline = Date.now() + 180_000;
    try {
      for (let start = 0; start < count && Date.now() < deadline; start += 250) {
        const batch: Premises[] = [];
        for (let i = start; i < Math.min(count, start + 250); i++) {
          const hub = premisesEui(i + 1, 'CHF');
          batch.push(buildPremises({ index: i + 1, seed: 'capacity', clock, crypto: nodeCrypto, link: new MqttHubLink({ url, hub, secret: credentials.hubSecret(hub) }), manufacture, commissioning }));
        }
        await Promise.all(batch.map((p) => p.start()));
        premises.push(...batch);
      }
      await clock.advanceAsync(0);
      await new Promise((resolve) => setTimeout(resolve, 500));
      const kb = (rss() - before) / premises.length / 1024;
      rows.push({ name: `RSS per premises at rest incl. its MQTT connection, ${premises.length.toLocaleString('en-GB')} premises`, value: kb, unit: 'KB', baselineName: 'goal', baseline: RSS_GOAL_KB });
    } finally {
      for (const p of premises) await p.stop();
      broker.stop();
    }
  }
  // RSS moves in allocator-sized steps: below about 1,000 premises (the --quick run) the figure is noise.
  printRows('Capacity: premises at rest with one MQTT connection per hub, broker in its own process (ratio = measured / goal, lower is better; coarse below 1,000 premises)', rows);
  return rows;
}
