import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { RealClock, nodeCrypto } from '../protocol/index.js';
import { createDcc, injectTransport } from '../world/dcc-side.js';
import { GatewayClient } from '../world/gateway-client.js';
import { premisesEui } from '../world/premises.js';
import { startFleet } from '../soak/fleet-client.js';
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
 * authentication) → head-end → broker → hub → ESME → back into the supplier's inbox. As in a
 * soak run, the head-end is in this process, the fleet in its own (one worker thread) and the
 * broker in a third. The baseline is the crypto-and-broker bound measured in this run, on one
 * thread: per request, 2 signatures (gateway call, ACB), 3 verifications (gateway, device,
 * head-end) and 2 QoS 1 messages. Then an alert storm: the time until the network operator has
 * every 0x8F36, and how many were lost. Bounded in count and time; 127.0.0.1 only.
 */
export async function endToEndBench(
  options: EndToEndOptions,
  crypto: { sign: number; verify: number },
): Promise<BenchRow[]> {
  const broker = await startBrokerProcess();
  const url = broker.url;
  const clock = new RealClock();
  const dcc = createDcc({ clock, crypto: nodeCrypto, seed: 'bench', smwanSecret: SECRET, brokerUrl: url });
  const gatewayUrl = await dcc.start();
  const online = new Set<number>();
  const fleet = startFleet(
    {
      premises: options.premises,
      workers: 1,
      seed: 'bench',
      brokerUrl: url,
      smwanSecret: SECRET,
      anchors: dcc.anchors,
      connectPerSecond: 0,
      ihdRefreshMs: 10_000,
      gsmeWakeMs: 30 * 60_000,
    },
    (event) => {
      if (event.type === 'enrol') for (const record of event.records) dcc.enrol(record);
      else if (event.type === 'online') for (const index of event.indices) online.add(index);
    },
  );
  try {
    const fleetDeadline = Date.now() + 60_000;
    while (online.size < options.premises && Date.now() < fleetDeadline) await new Promise((r) => setTimeout(r, 20));
    if (online.size < options.premises) throw new Error(`only ${online.size} of ${options.premises} hubs came online`);
    const transport = injectTransport(dcc.gateway, gatewayUrl);
    const supplier = new GatewayClient(
      gatewayUrl,
      dcc.parties.supplier.eui,
      dcc.parties.supplier.ds,
      nodeCrypto,
      clock,
      transport,
    );
    const started = new Map<string, number>();
    const waiting = new Map<string, () => void>();
    const latencies: number[] = [];
    let answered = 0;
    let alertsIn = 0;
    dcc.headEnd.onInboxItem((party, item) => {
      if (party === dcc.parties.supplier.eui && item.requestId && started.has(item.requestId)) {
        latencies.push(performance.now() - started.get(item.requestId)!);
        answered++;
        waiting.get(item.requestId)?.();
      }
      if (party === dcc.parties.networkOperator.eui && item.alertCode === '0x8F36') alertsIn++;
    });

    // Throughput: keep `concurrency` requests in flight until `requests` have been answered.
    const begin = performance.now();
    const deadline = Date.now() + 120_000;
    let sent = 0;
    const worker = async () => {
      while (sent < options.requests && Date.now() < deadline) {
        const esme = premisesEui((sent % options.premises) + 1, 'ESME');
        sent++;
        const requestId = supplier.nextRequestId(esme);
        started.set(requestId, performance.now());
        const done = new Promise<void>((resolve) => waiting.set(requestId, resolve));
        const reply = await supplier.submit({
          requestId,
          role: 'IS',
          serviceReferenceVariant: '4.1.1',
          commandVariant: 1,
        });
        if (reply.json.code !== 'I99') throw new Error(`refused: ${JSON.stringify(reply.json)}`);
        // One request in flight per worker: wait for its answer (or the deadline) before the next.
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          done,
          new Promise((resolve) => (timer = setTimeout(resolve, Math.max(0, deadline - Date.now())))),
        ]);
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

    // Alert storm: every ESME raises 0x8F36 (restored after 3 minutes or more) at once; the
    // network operator must get them all.
    const stormStart = performance.now();
    const perPremises = Math.ceil(options.alerts / options.premises);
    const raised = perPremises * options.premises;
    fleet.raiseAlerts(
      0x8f36,
      perPremises,
      Array.from({ length: options.premises }, (_, i) => i + 1),
    );
    const stormDeadline = Date.now() + 60_000;
    while (alertsIn < raised && Date.now() < stormDeadline) await new Promise((r) => setTimeout(r, 5));
    const stormSeconds = (performance.now() - stormStart) / 1000;

    const rows: BenchRow[] = [
      {
        name: `end-to-end SR 4.1.1, ${options.premises} premises, ${answered} requests`,
        value: throughput,
        unit: 'req/s',
        baselineName: 'crypto+broker bound',
        baseline: bound,
      },
      {
        name: 'end-to-end latency p50',
        value: percentile(sorted, 50),
        unit: 'ms',
        baselineName: 'target p99',
        baseline: 1000,
      },
      {
        name: 'end-to-end latency p99',
        value: percentile(sorted, 99),
        unit: 'ms',
        baselineName: 'target p99',
        baseline: 1000,
      },
      {
        name: `alert storm: ${raised} alerts to the network operator`,
        value: stormSeconds,
        unit: 's',
        baselineName: 'target',
        baseline: 30,
      },
      { name: 'alert storm: alerts lost', value: raised - alertsIn, unit: '', baselineName: 'target', baseline: 0 },
    ];
    printRows(
      'End to end (head-end here, the fleet and the broker each in a process of their own; latency ratio = measured / target, lower is better)',
      rows,
    );
    return rows;
  } finally {
    await fleet.stop();
    await dcc.stop();
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
  const rows: BenchRow[] = [
    {
      name: `built-in scenarios (${passed ? `${passed[1]} passed, ${passed[2]} failed` : 'did not finish'})`,
      value: seconds,
      unit: 's',
      baselineName: 'target',
      baseline: 10,
    },
  ];
  printRows('Scenarios: wall time of `smetsim run` on the virtual clock (ratio = measured / target)', rows);
  return rows;
}
