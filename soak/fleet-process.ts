import { Worker } from 'node:worker_threads';
import type { FleetCommand, FleetConfig, FleetEvent } from './fleet-messages.js';
import { shardOf, shardRange } from './fleet-messages.js';

/**
 * The soak fleet's own process (forked by the coordinator, advanced serialization): one worker
 * thread per shard. It relays the coordinator's commands to the shards that hold the premises,
 * and the shards' events back, adding the process's RSS once a second. Its own process keeps the
 * fleet's sockets (one per hub) under the per-process file limit, apart from the head-end's.
 */
const send = (event: FleetEvent) => process.send?.(event);
let workers: Worker[] = [];
let config: FleetConfig | undefined;
let stopped = 0;
let rssTimer: NodeJS.Timeout | undefined;

function start(fleet: FleetConfig): void {
  config = fleet;
  workers = Array.from({ length: fleet.workers }, (_, worker) => {
    const range = shardRange(worker, fleet.premises, fleet.workers);
    const thread = new Worker(new URL('./fleet-worker.js', import.meta.url), {
      workerData: { ...fleet, worker, ...range },
    });
    thread.on('message', (event: FleetEvent) => {
      send(event);
      if (event.type === 'stopped' && ++stopped === workers.length) finish();
    });
    thread.on('error', (error) => send({ type: 'error', message: `worker ${worker}: ${error.message}` }));
    return thread;
  });
  rssTimer = setInterval(
    () => send({ type: 'fleet', rssBytes: process.memoryUsage().rss, workers: workers.length }),
    1000,
  );
}

function finish(): void {
  if (rssTimer) clearInterval(rssTimer);
  send({ type: 'fleet', rssBytes: process.memoryUsage().rss, workers: workers.length });
  process.disconnect?.();
}

process.on('message', (command: FleetCommand) => {
  if (command.type === 'start') start(command.config);
  else if (command.type === 'stop') for (const worker of workers) worker.postMessage(command);
  // consumer and raiseAlerts: to the shards holding the premises.
  else if (config) {
    const byShard = new Map<number, number[]>();
    for (const index of command.indices) {
      const shard = shardOf(index, config.premises, config.workers);
      const list = byShard.get(shard) ?? [];
      list.push(index);
      byShard.set(shard, list);
    }
    for (const [shard, indices] of byShard) workers[shard]?.postMessage({ ...command, indices });
  }
});
// The coordinator gone means the run is over: never outlive it.
process.on('disconnect', () => setTimeout(() => process.exit(0), 2000).unref());
