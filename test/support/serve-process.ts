import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { nodeCrypto, parseEui, RealClock, type Eui64 } from '../../protocol/index.js';
import { readPrivateKeyFile } from '../../world/key-files.js';
import { GatewayClient } from '../../world/gateway-client.js';
import { SMETSIM_BIN } from './cli.js';

export interface Fleet {
  readonly gatewayUrl: string;
  readonly parties: { name: string; eui: string; keyFiles: { ds: string } }[];
  readonly premises: { mpan: string; mprn: string; devices: Record<string, string> }[];
}

/** `smetsim serve` as a child process, read back through its ready line and fleet.json. */
export async function startServe(args: readonly string[]): Promise<{
  child: ChildProcess;
  ready: { gatewayUrl: string; fleetFile: string };
  fleet: Fleet;
  /** Every line serve has written to stdout so far (it keeps filling: the log). */
  output: string[];
}> {
  const child = spawn(process.execPath, [SMETSIM_BIN, 'serve', '--http-port', '0', '--mqtt-port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const lines = createInterface({ input: child.stdout });
  const output: string[] = [];
  lines.on('line', (line) => output.push(line));
  const ready = await new Promise<{ gatewayUrl: string; fleetFile: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not get ready: ${stderr}`)), 20_000);
    lines.on('line', (line) => {
      if (line.startsWith('ready ')) {
        clearTimeout(timer);
        resolve(JSON.parse(line.slice(6)) as { gatewayUrl: string; fleetFile: string });
      }
    });
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
  });
  const fleet = JSON.parse(readFileSync(ready.fleetFile, 'utf8')) as Fleet;
  return { child, ready, fleet, output };
}

/** A client for a party of a served fleet, using only fleet.json and the key file it names. */
export function fleetClient(fleet: Fleet, name: string): GatewayClient & { eui: Eui64 } {
  const party = fleet.parties.find((p) => p.name === name)!;
  const client = new GatewayClient(
    fleet.gatewayUrl,
    parseEui(party.eui),
    readPrivateKeyFile(party.keyFiles.ds),
    nodeCrypto,
    new RealClock(),
  );
  return Object.assign(client, { eui: parseEui(party.eui) });
}

export function stopped(child: ChildProcess): Promise<void> {
  return new Promise((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve()),
  );
}
