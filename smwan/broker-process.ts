import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface BrokerProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** Stop it without waiting: its stdout pipe must not hold this process open. */
  stop(): void;
}

/**
 * The embedded broker in a process of its own (`smetsim broker --port 0`), as soak runs and
 * benchmarks need: a broker sharing the fleet's thread measures the thread, not the broker.
 */
export async function startBrokerProcess(
  smwanSecret: string,
  /** MQTT over TLS, with the SMWAN CA kept in this folder (world/smwan-tls-files.ts). */
  tlsDir?: string,
): Promise<BrokerProcess> {
  const bin = fileURLToPath(new URL('../bin/smetsim.js', import.meta.url));
  const tls = tlsDir === undefined ? [] : ['--tls', '--tls-dir', tlsDir];
  const child = spawn(process.execPath, [bin, 'broker', '--port', '0', ...tls, '--smwan-secret', smwanSecret], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the broker process exited with ${code}`)));
  });
  return {
    url,
    child,
    stop() {
      child.kill('SIGTERM');
      child.stdout?.destroy();
      child.unref();
    },
  };
}
