import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBrokerProcess, type BrokerProcess } from '../smwan/broker-process.js';
import { formatEuiBytes, type Eui64 } from '../protocol/index.js';
import { MqttHubLink, SmwanCredentials, type SmwanCa } from '../smwan/index.js';
import { loadOrCreateSmwanCa } from '../world/smwan-tls-files.js';
import { SECRET } from './broker-bench.js';
import { printRows, type BenchRow } from './measure.js';

function hubEui(i: number): Eui64 {
  const bytes = Buffer.from([0x00, 0xdb, 0x71, 0x50, 0, 0, 0, 0]);
  bytes.writeUInt32BE(i, 4);
  return formatEuiBytes(bytes);
}

interface ConnectRun {
  /** Mean wall time per hub to connect, in batches of 100 (as a fleet ramps). */
  readonly msPerHub: number;
  /** RSS growth of the hubs' process per open connection, KB (TLS state lives in OpenSSL, off the JS heap). */
  readonly clientKbPerHub: number;
  /** RSS growth of the broker process per open connection, KB. */
  readonly brokerKbPerHub: number;
}

function rssKb(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    // /proc/<pid>/statm: resident pages in the second field.
    const statm = readFileSync(`/proc/${pid}/statm`, 'utf8');
    return (Number(statm.split(' ')[1]) * 4096) / 1024;
  } catch {
    return 0;
  }
}

async function connectAll(broker: BrokerProcess, hubs: number, ca: SmwanCa | undefined): Promise<ConnectRun> {
  const credentials = new SmwanCredentials(SECRET);
  // Certificates are issued before the clock starts: a CSP provisions them, a connect does not.
  const certificates = ca ? await Promise.all(Array.from({ length: hubs }, (_, i) => ca.issueClient(hubEui(i)))) : [];
  globalThis.gc?.();
  const memoryBefore = process.memoryUsage();
  const brokerBefore = rssKb(broker.child.pid);
  const links: MqttHubLink[] = [];
  const started = process.hrtime.bigint();
  for (let start = 0; start < hubs; start += 100) {
    const batch = Array.from({ length: Math.min(100, hubs - start) }, (_, j) => {
      const hub = hubEui(start + j);
      const tls = certificates[start + j];
      return new MqttHubLink({ url: broker.url, hub, secret: credentials.hubSecret(hub), ...(tls ? { tls } : {}) });
    });
    await Promise.all(batch.map((link) => link.open()));
    links.push(...batch);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  globalThis.gc?.();
  const memoryAfter = process.memoryUsage();
  const brokerAfter = rssKb(broker.child.pid);
  await Promise.all(links.map((link) => link.close({ graceful: false })));
  const grown = memoryAfter.rss - memoryBefore.rss;
  return {
    msPerHub: (seconds * 1000) / hubs,
    clientKbPerHub: grown / 1024 / hubs,
    brokerKbPerHub: (brokerAfter - brokerBefore) / hubs,
  };
}

/**
 * Issue 17, TLS on the SMWAN: what a certificate per hub costs. The same number of hubs connect to
 * a broker process on plain TCP and to one on TLS, in the same run, and the TLS figures are
 * printed against the plain ones.
 */
export async function tlsBench(hubs: number): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'smetsim-tls-bench-'));
  const plainBroker = await startBrokerProcess(SECRET);
  const tlsBroker = await startBrokerProcess(SECRET, join(dir, 'tls'));
  try {
    const { ca } = await loadOrCreateSmwanCa(join(dir, 'tls'));
    const plain = await connectAll(plainBroker, hubs, undefined);
    const tls = await connectAll(tlsBroker, hubs, ca);
    const rows: BenchRow[] = [
      {
        name: 'connect, TLS',
        value: tls.msPerHub,
        unit: 'ms/hub',
        baselineName: 'plain TCP',
        baseline: plain.msPerHub,
      },
      {
        name: 'hub side, TLS',
        value: tls.clientKbPerHub,
        unit: 'KB/hub',
        baselineName: 'plain TCP',
        baseline: plain.clientKbPerHub,
      },
      {
        name: 'broker RSS, TLS',
        value: tls.brokerKbPerHub,
        unit: 'KB/hub',
        baselineName: 'plain TCP',
        baseline: plain.brokerKbPerHub,
      },
    ];
    printRows(`SMWAN over TLS: ${hubs} hubs connecting in batches of 100, broker in its own process`, rows);
    return rows;
  } finally {
    plainBroker.stop();
    tlsBroker.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
