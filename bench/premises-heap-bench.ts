import { nodeCrypto, VirtualClock } from '../protocol/index.js';
import { buildPremises, premisesEui, type Premises } from '../world/premises.js';
import { MemorySmwan, SmwanCredentials } from '../smwan/index.js';
import { benchAnchors } from './bench-anchors.js';
import { printRows, type BenchRow } from './measure.js';

/** The heap goal per premises at rest (hub, ESME, GSME, IHD), not counting its MQTT connection. */
export const HEAP_GOAL_KB = 50;

function collect(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc to measure the heap');
  for (let i = 0; i < 4; i++) gc();
  // Typed arrays (keys, frames) keep their bytes outside the JS heap: count those too.
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

/**
 * Build `count` commissioned premises on the in-memory SMWAN and the virtual clock, let them
 * settle (joins, first display reads), and measure the heap they hold. Keys, models, logs, timers
 * and HAN state all count; the MQTT connection does not (the soak benchmark adds that).
 */
async function heapPerPremises(count: number): Promise<{ kb: number; premises: Premises[] }> {
  const { manufacture, commissioning } = benchAnchors('heap');
  const credentials = new SmwanCredentials('bench-heap-master-secret');
  const network = new MemorySmwan(credentials);
  const clock = new VirtualClock(Date.UTC(2026, 10, 28));
  const before = collect();
  const premises: Premises[] = [];
  for (let i = 0; i < count; i++) {
    const hub = premisesEui(i, 'CHF');
    premises.push(
      buildPremises({
        index: i,
        seed: 'heap-bench',
        clock,
        crypto: nodeCrypto,
        link: network.hubLink(hub, credentials.hubSecret(hub)),
        manufacture,
        commissioning,
      }),
    );
  }
  for (const p of premises) await p.start();
  await clock.advanceAsync(0);
  await new Promise((resolve) => setImmediate(resolve));
  const after = collect();
  return { kb: (after - before) / count / 1024, premises };
}

export async function premisesHeapBench(counts: readonly number[]): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const count of counts) {
    const { kb, premises } = await heapPerPremises(count);
    rows.push({
      name: `heap + buffers per premises at rest, ${count.toLocaleString('en-GB')} premises`,
      value: kb,
      unit: 'KB',
      baselineName: 'goal',
      baseline: HEAP_GOAL_KB,
    });
    premises.length = 0;
  }
  printRows(
    `Devices: heap per premises at rest (hub + ESME + GSME + IHD, no MQTT connection; ratio = measured / goal, lower is better)`,
    rows,
  );
  return rows;
}
