import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { RealClock, nodeCrypto } from '../protocol/index.js';
import { inProcessTransport, startWorld } from '../scenarios/dcc-world.js';
import { GatewayClient } from '../scenarios/gateway-client.js';
import { qos1Rate, SECRET, startBrokerProcess } from './broker-bench.js';
import { printRows, type BenchRow } from './measure.js';

export interface EndToEndOptions {
  readonly premises: number;
  readonly requests: number;
  readonly concurrency: number;
  readonly alerts: number;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * End to end, all signatures checked: supplier → User Gateway (in process, the same routes and
 * authentication) → head-end → broker (its own process) → hub → ESME → back into the supplier's
 * inbox. The baseline is the crypto-and-broker bound measured in this run: per request, 2
 * signatures (gateway call, ACB), 3 verifications (gateway, device, head-end) and 2 QoS 1
 * messages. Then an alert storm: the time until the network operator has every 0x8F36, and how
 * many were lost. Bounded in count and time; 127.0.0.1 only.
 */
export async function endToEndBench(options: EndToEndOptions, crypto: { sign: number; verify: number }): Promise<BenchRow[]> {
  const broker = await startBrokerProcess();
    const url = broker.url;
  const clock = new RealClock();
  const world = await startWorld({ premises: options.premises, clock, crypto: nodeCrypto, seed: 'bench', smwanSecret: SECRET, brokerUrl: url });
  try {
    const supplier = new GatewayClient(world.gatewayUrl, world.parties.supplier.eui, world.parties.supplier.ds, nodeCrypto, clock, inProcessTransport(world));
    const started = new Map<string, number>();
    const waiting = new Map<string, () => void>();
    const latencies: number[] = [];
    let answered = 0;
    let alertsIn = 0;
    world.headEnd.inbox.onAppend((party, item) => {
      if (party === world.parties.supplier.eui && item.requestId && started.has(item.requestId)) {
        latencies.push(performance.now() - started.get(item.requestId)!);
        answered++;
        waiting.get(item.requestId)?.();
      }
      if (party === world.parties.networkOperator.eui && item.alertCode === '0x8F36') alertsIn++;
    });

    // Throughput: keep `concurrency` requests in flight until `requests` have been answered.
    const begin = performance.now();
    const deadline = Date.now() + 120_000;
    let sent = 0;
    const worker = async () => {
      while (sent < options.requests && Date.now() < deadline) {
        const esme = world.premises[sent % world.premises.length]!.esme.eui;
        sent++;
        const requestId = supplier.nextRequestId(esme);
        started.set(requestId, performance.now());
        const done = new Promise<void>((resolve) => waiting.set(requestId, resolve));
        const reply = await supplier.submit({ requestId, role: 'IS', serviceReferenceVariant: '4.1.1', commandVariant: 1 });
        if (reply.json.code !== 'I99') throw new Error(`refused: ${JSON.stringify(reply.json)}`);
        // One request in flight per worker: wait for its answer (or the deadline) before the next.
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([done, new Promise((resolve) => (timer = setTimeout(resolve, Math.max(0, deadline - Date.now()))))]);
        clearTimeout(timer);
        waiting.delete(requestId);
      }
    };
    await Promise.all(Array.from({ length: options.concurrency }, worker));
    while (answered < sent && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
    const seconds = (performance.now() - begin) / 1000;
    const throughput = answered / seconds;
    const sorted = [...latencies].sort((a, b) => a - b);

    // The same-run bound: crypto per request plus two QoS 1 messages through this broker.
    const qos1 = await qos1Rate(url, options.premises, Math.max(2_000, options.requests * 2), 60_000);
    const bound = 1 / (2 / crypto.sign + 3 / crypto.verify + 2 / qos1.perSecond);

    // Alert storm: every premises restores at once and raises 0x8F36; the network operator must get them all.
    const stormStart = performance.now();
    const perPremises = Math.ceil(options.alerts / world.premises.length);
    let raised = 0;
    for (const home of world.premises) {
      for (let i = 0; i < perPremises && raised < options.alerts; i++, raised++) home.esme.raiseAlert(0x8f36, { outageSeconds: 300 });
      await new Promise((r) => setImmediate(r));
    }
    const stormDeadline = Date.now() + 60_000;
    while (alertsIn < raised && Date.now() < stormDeadline) await new Promise((r) => setTimeout(r, 5));
    const stormSeconds = (performance.now() - stormStart) / 1000;

    const rows: BenchRow[] = [
      { name: `end-to-end SR 4.1.1, ${options.premises} premises, ${answered} requests`, value: throughput, unit: 'req/s', baselineName: 'crypto+broker bound', baseline: bound },
      { name: 'end-to-end latency p50', value: percentile(sorted, 50), unit: 'ms', baselineName: 'target p99', baseline: 1000 },
      { name: 'end-to-end latency p99', value: percentile(sorted, 99), unit: 'ms', baselineName: 'target p99', baseline: 1000 },
      { name: `alert storm: ${raised} alerts to the network operator`, value: stormSeconds, unit: 's', baselineName: 'target', baseline: 30 },
      { name: 'alert storm: alerts lost', value: raised - alertsIn, unit: '', baselineName: 'target', baseline: 0 },
    ];
    printRows('End to end (head-end in process with the premises, broker in its own process; latency ratio = measured / target, lower is better)', rows);
    return rows;
  } finally {
    await world.stop();
    broker.stop();
  }
}

/** Wall time of the built-in scenario suite on the virtual clock (the issue's target: under 10 s). */
export function scenarioSuiteBench(): BenchRow[] {
  const bin = fileURLToPath(new URL('../bin/smetsim.js', import.meta.url));
  const start = performance.now();
  const result = spawnSync(process.execPath, [bin, 'run'], { encoding: 'utf8', timeout: 120_000 });
  const seconds = (performance.now() - start) / 1000;
  const passed = /(\d+) passed, (\d+) failed/.exec(result.stdout ?? '');
  const rows: BenchRow[] = [{ name: `built-in scenarios (${passed ? `${passed[1]} passed, ${passed[2]} failed` : 'did not finish'})`, value: seconds, unit: 's', baselineName: 'target', baseline: 10 }];
  printRows('Scenarios: wall time of `smetsim run` on the virtual clock (ratio = measured / target)', rows);
  return rows;
}
