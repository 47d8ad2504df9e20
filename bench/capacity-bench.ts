import { startFleet } from '../soak/fleet-client.js';
import { benchAnchors } from './bench-anchors.js';
import { SECRET, startBrokerProcess } from './broker-bench.js';
import { printRows, type BenchRow } from './measure.js';

/** The RSS goal per premises at rest, MQTT connection included (issue: soak and performance). */
export const RSS_GOAL_KB = 100;

/**
 * Premises held at rest, each hub with its own MQTT connection to a broker in its own process,
 * as in the field and as soak runs them: the fleet process (one worker thread per shard, V8 with
 * --optimize-for-size). The figure is that whole process's RSS divided by the premises: devices,
 * keys, HAN, each hub's mqtt.js client and socket, and the process's own base (about 50 MB,
 * which is why 1,000 premises cost more each than 10,000). Bounded: a deadline per count.
 */
export async function capacityBench(counts: readonly number[], workers = 2): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const measured: { count: number; rssBytes: number }[] = [];
  const anchors = benchAnchors('capacity');
  for (const count of counts) {
    const broker = await startBrokerProcess();
    let online = 0;
    const fleet = startFleet(
      {
        premises: count,
        workers: Math.min(workers, count),
        seed: 'capacity',
        brokerUrl: broker.url,
        smwanSecret: SECRET,
        anchors,
        connectPerSecond: 2_000,
        ihdRefreshMs: 10_000,
        gsmeWakeMs: 30 * 60_000,
      },
      (event) => {
        if (event.type === 'online') online += event.indices.length;
      },
    );
    try {
      const deadline = Date.now() + 180_000;
      while (online < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      // At rest: a few seconds for the connect burst's garbage to go, then the fleet's next RSS report.
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      const kb = fleet.rssBytes / online / 1024;
      measured.push({ count: online, rssBytes: fleet.rssBytes });
      rows.push({
        name: `RSS per premises at rest incl. its MQTT connection, ${online.toLocaleString('en-GB')} premises (fleet process)`,
        value: kb,
        unit: 'KB',
        baselineName: 'goal',
        baseline: RSS_GOAL_KB,
      });
    } finally {
      await fleet.stop();
      broker.stop();
    }
  }
  // What one more premises costs, without the process's fixed base: the slope between the counts.
  const [small, large] = [measured[0], measured.at(-1)];
  if (small && large && large.count > small.count) {
    rows.push({
      name: `marginal RSS per premises, ${small.count.toLocaleString('en-GB')} → ${large.count.toLocaleString('en-GB')} premises`,
      value: (large.rssBytes - small.rssBytes) / (large.count - small.count) / 1024,
      unit: 'KB',
      baselineName: 'goal',
      baseline: RSS_GOAL_KB,
    });
  }
  printRows(
    'Capacity: premises at rest, one MQTT connection per hub, fleet and broker each in a process of their own (ratio = measured / goal, lower is better)',
    rows,
  );
  return rows;
}
