import type { Command } from 'commander';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { nodeCrypto, RealClock } from '../../protocol/index.js';
import { DEFAULT_TIMEOUTS } from '../../dcc-head-end/dcc-identity.js';
import { startWorld } from '../../world/dcc-world.js';
import { writeFleetFile } from '../../world/fleet-file.js';
import { runCommand } from '../cli-errors.js';
import { smwanSecretOption } from '../smwan-options.js';

interface ServeOptions {
  premises: string;
  httpPort: string;
  mqttPort: string;
  broker?: string;
  dataDir: string;
  partyKeys?: string;
  seed: string;
  smwanSecret: string;
  responseTimeoutMs?: string;
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description(
      'Run the integration harness: embedded broker, DCC head-end, User Gateway and N premises; point your own head-end at it',
    )
    .option('--premises <n>', 'number of premises', '1')
    .option('--http-port <port>', 'User Gateway port (0 picks a free one)', '8080')
    .option('--mqtt-port <port>', 'embedded broker port (0 picks a free one)', '1883')
    .option('--broker <url>', 'use this MQTT broker instead of the embedded one')
    .option(
      '--data-dir <dir>',
      'where the head-end keeps its state; a restart with the same folder resumes',
      '.smetsim-data',
    )
    .option('--party-keys <dir>', 'load party keys named <eui-hex>-ds.key, -ka.key, -pp-ka.key (e.g. the DCC test PKI)')
    .option('--seed <seed>', 'seed for generated keys and consumption', '1')
    .option(
      '--response-timeout-ms <ms>',
      `answer E21 when a device is silent this long (default ${DEFAULT_TIMEOUTS.nonCriticalMs}, critical ${DEFAULT_TIMEOUTS.criticalMs})`,
    )
    .addOption(smwanSecretOption())
    .action((options: ServeOptions) => runCommand('serve', () => serve(options)));
}

async function serve(options: ServeOptions): Promise<void> {
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  // The admin token survives restarts, like the rest of the state.
  const tokenFile = join(dataDir, 'admin-token');
  if (!existsSync(tokenFile)) writeFileSync(tokenFile, randomBytes(16).toString('hex'), { mode: 0o600 });
  const adminToken = readFileSync(tokenFile, 'utf8').trim();
  const timeout = options.responseTimeoutMs ? Number(options.responseTimeoutMs) : undefined;
  const world = await startWorld({
    premises: Number(options.premises),
    clock: new RealClock(),
    crypto: nodeCrypto,
    seed: options.seed,
    dataDir,
    ...(options.broker ? { brokerUrl: options.broker } : { mqttPort: Number(options.mqttPort) }),
    httpPort: Number(options.httpPort),
    smwanSecret: options.smwanSecret,
    ...(options.partyKeys ? { partyKeysDir: options.partyKeys } : {}),
    adminToken,
    ...(timeout
      ? { timeouts: { nonCriticalMs: timeout, criticalMs: timeout, gasWakeMs: DEFAULT_TIMEOUTS.gasWakeMs } }
      : {}),
  });
  const fleetFile = writeFleetFile(world, dataDir);
  const supplier = world.parties.supplier.eui;
  process.stdout.write(
    [
      `smetsim serve: ${world.premises.length} premises`,
      `  User Gateway  ${world.gatewayUrl}   (OpenAPI: ${world.gatewayUrl}/openapi.json)`,
      `  SMWAN broker  ${world.brokerUrl}`,
      `  fleet         ${fleetFile}`,
      `  admin token   ${tokenFile}`,
      '',
      'Try (docs/api.md shows how to sign):',
      `  curl -s ${world.gatewayUrl}/v1/parties/${supplier}/inbox?after=0 -H "X-Smetsim-Party: ${supplier}" -H "X-Smetsim-Date: <now>" -H "X-Smetsim-Signature: <base64 r||s>"`,
      '',
    ].join('\n'),
  );
  // One machine-readable line for tools that start the harness as a child process.
  process.stdout.write(
    `ready ${JSON.stringify({ gatewayUrl: world.gatewayUrl, brokerUrl: world.brokerUrl, fleetFile })}\n`,
  );
  await new Promise<void>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  await world.stop();
  process.stdout.write('smetsim serve: stopped\n');
}
