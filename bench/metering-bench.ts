import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RealClock, nodeCrypto } from '../protocol/index.js';
import { createDcc, injectTransport } from '../world/dcc-side.js';
import { GatewayClient } from '../world/gateway-client.js';
import { premisesEui } from '../world/premises.js';
import { startFleet } from '../soak/fleet-client.js';
import { SECRET, startBrokerProcess } from './broker-bench.js';
import { measureRate, printRows, type BenchRow } from './measure.js';
import { openDatabase } from '../dcc-head-end/storage/database.js';
import { UsageMeter } from '../sec/charges/metering/usage-meter.js';
import { parseEui } from '../protocol/index.js';

export interface MeteringBenchOptions {
  readonly premises: number;
  readonly requests: number;
  readonly concurrency: number;
  /** Rounds of each mode, interleaved on, off, on, off ... so that drift in the machine's load hits both. */
  readonly rounds: number;
}

/**
 * Issue 16: usage metering must cost less than 5% of end-to-end throughput. The same end-to-end
 * SR 4.1.1 loop as end-to-end-bench.ts (gateway in process, broker and fleet in processes of their
 * own), on a database file in a fresh data folder (so the meter's commits pay for fsync as they do
 * in `serve`), with metering on and off, interleaved in one run. The figure is on / off.
 */
export async function meteringBench(options: MeteringBenchOptions): Promise<BenchRow[]> {
  const broker = await startBrokerProcess();
  const totals = { on: { answered: 0, seconds: 0 }, off: { answered: 0, seconds: 0 } };
  try {
    for (let round = 0; round < options.rounds * 2; round++) {
      const mode = round % 2 === 0 ? 'on' : 'off';
      const { answered, seconds } = await oneRun(broker.url, mode === 'on', options, round);
      totals[mode].answered += answered;
      totals[mode].seconds += seconds;
    }
  } finally {
    broker.stop();
  }
  const on = totals.on.answered / totals.on.seconds;
  const off = totals.off.answered / totals.off.seconds;
  const perCallMs = meterCostMs(options.concurrency);
  const rows: BenchRow[] = [
    {
      name: `the meter alone: one call counted, group-committed ${options.concurrency} at a time to a database file`,
      value: perCallMs,
      unit: 'ms',
      baselineName: 'one end-to-end request (off)',
      baseline: 1000 / off,
    },
    {
      name: `end-to-end SR 4.1.1 with usage metering, ${options.rounds}×${options.requests} requests on a database file`,
      value: on,
      unit: 'req/s',
      baselineName: 'metering off, same run',
      baseline: off,
    },
  ];
  printRows('Usage metering (SEC ch. 9): throughput with it on against off, interleaved (goal: ratio ≥ 0.95)', rows);
  return rows;
}

/**
 * What the meter costs on its own, without the noise of the rest of the system: a call counted
 * in and out, and one commit (fsync) per `batch` calls, on a database file.
 */
function meterCostMs(batch: number): number {
  const dataDir = mkdtempSync(join(tmpdir(), 'smetsim-meter-cost-'));
  const db = openDatabase({ dataDir });
  try {
    const meter = new UsageMeter(db, new RealClock());
    const party = parseEui('90-B3-D5-1F-30-01-00-00');
    const call = {
      party,
      route: '/v1/requests',
      serviceRequest: '4.1.1',
      commandVariant: 1,
      requestBytes: 180,
      responseBytes: 90,
      status: 200,
    };
    const rate = measureRate(() => {
      for (let i = 0; i < batch; i++) void meter.meterCall(call).catch(() => undefined);
      meter.flush();
    }, 0.5);
    return 1000 / (rate.perSecond * batch);
  } finally {
    db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function oneRun(
  brokerUrl: string,
  metering: boolean,
  options: MeteringBenchOptions,
  round: number,
): Promise<{ answered: number; seconds: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'smetsim-metering-bench-'));
  const clock = new RealClock();
  const dcc = createDcc({
    clock,
    crypto: nodeCrypto,
    seed: `metering-${round}`,
    smwanSecret: SECRET,
    brokerUrl,
    dataDir,
    charges: { metering },
  });
  const gatewayUrl = await dcc.start();
  const online = new Set<number>();
  const fleet = startFleet(
    {
      premises: options.premises,
      workers: 1,
      seed: `metering-${round}`,
      brokerUrl,
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
    const supplier = new GatewayClient(
      gatewayUrl,
      dcc.parties.supplier.eui,
      dcc.parties.supplier.ds,
      nodeCrypto,
      clock,
      injectTransport(dcc.gateway, gatewayUrl),
    );
    const waiting = new Map<string, () => void>();
    let answered = 0;
    dcc.headEnd.onInboxItem((party, item) => {
      if (party !== dcc.parties.supplier.eui || !item.requestId) return;
      const wake = waiting.get(item.requestId);
      if (wake) {
        answered++;
        wake();
      }
    });
    const begin = performance.now();
    const deadline = Date.now() + 120_000;
    let sent = 0;
    const worker = async () => {
      while (sent < options.requests && Date.now() < deadline) {
        const esme = premisesEui((sent % options.premises) + 1, 'ESME');
        sent++;
        const requestId = supplier.nextRequestId(esme);
        const done = new Promise<void>((resolve) => waiting.set(requestId, resolve));
        const reply = await supplier.submit({
          requestId,
          role: 'IS',
          serviceReferenceVariant: '4.1.1',
          commandVariant: 1,
        });
        if (reply.json.code !== 'I99') throw new Error(`refused: ${JSON.stringify(reply.json)}`);
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([done, new Promise((r) => (timer = setTimeout(r, Math.max(0, deadline - Date.now()))))]);
        clearTimeout(timer);
        waiting.delete(requestId);
      }
    };
    await Promise.all(Array.from({ length: options.concurrency }, worker));
    const seconds = (performance.now() - begin) / 1000;
    if (metering) {
      // The meter really counted: every submit, in and out.
      const usage = dcc.charges.usage(dcc.parties.supplier.eui, '0000-01-01', '9999-12-31');
      const counted = usage.find((u) => u.channel === 'gateway' && u.sr === '4.1.1' && u.direction === 'in');
      if ((counted?.messages ?? 0) !== sent)
        throw new Error(`metering counted ${counted?.messages} of ${sent} submits`);
    }
    return { answered, seconds };
  } finally {
    await fleet.stop();
    await dcc.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
