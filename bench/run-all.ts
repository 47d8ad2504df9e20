import { brokerBench } from './broker-bench.js';
import { cborBench } from './cbor-bench.js';
import { capacityBench } from './capacity-bench.js';
import { cryptoBench } from './crypto-bench.js';
import { duisBench } from './duis-bench.js';
import { endToEndBench, scenarioSuiteBench } from './end-to-end-bench.js';
import { gbcsBench } from './gbcs-bench.js';
import { meteringBench } from './metering-bench.js';
import { premisesHeapBench } from './premises-heap-bench.js';
import { tlsBench } from './tls-bench.js';

/**
 * `npm run bench`: bounded, reproducible baselines for later issues to compare against.
 * `--quick` runs a smaller version (used by the test suite to keep the benchmark working).
 */
const quick = process.argv.includes('--quick');
const seconds = quick ? 0.05 : 1;

process.stdout.write(`smetsim bench${quick ? ' (quick)' : ''} on Node ${process.version}\n`);
const crypto = cryptoBench(seconds);
const cbor = cborBench(seconds);
gbcsBench(seconds, {
  cborEncode: cbor.find((row) => row.name.startsWith('encode frame'))!.value,
  cborDecode: cbor.find((row) => row.name.startsWith('strict decode frame'))!.value,
});
duisBench(seconds);
await brokerBench(quick ? { clients: 50, total: 500 } : { clients: 1000, total: 40_000 });
await premisesHeapBench(quick ? [100] : [1_000, 10_000]);
await capacityBench(quick ? [300] : [1_000, 10_000]);
await tlsBench(quick ? 50 : 1_000);
const rate = (name: string) => crypto.find((row) => row.name.startsWith(name))!.value;
await endToEndBench(
  quick
    ? { premises: 5, requests: 100, concurrency: 8, alerts: 200 }
    : { premises: 50, requests: 5_000, concurrency: 64, alerts: 10_000 },
  { sign: rate('sign'), verify: rate('verify') },
);
await meteringBench(
  quick
    ? { premises: 5, requests: 100, concurrency: 8, rounds: 1 }
    : { premises: 50, requests: 2_000, concurrency: 64, rounds: 3 },
);
scenarioSuiteBench();
process.stdout.write('\ndone\n');
