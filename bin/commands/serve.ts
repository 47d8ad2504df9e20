import { Option, type Command } from 'commander';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { nodeCrypto, RealClock, ScaledClock, VirtualClock, type Clock } from '../../protocol/index.js';
import { DEFAULT_TIMEOUTS } from '../../dcc-head-end/dcc-identity.js';
import type { EmbeddedBroker } from '../../smwan/index.js';
import type { World } from '../../world/dcc-world.js';
import { LOG_LEVELS, type LogLevel } from '../../world/harness-log.js';
import { runCommand, UsageError } from '../cli-errors.js';
import { StartupError, nameListenError } from '../startup-errors.js';
import { withExamples } from '../help-examples.js';
import { maxHubs } from '../limits.js';
import { duration, integer, port } from '../option-parsers.js';
import { brokerOption, smwanSecretOption } from '../smwan-options.js';

interface ServeOptions {
  premises: number;
  httpPort: number;
  duisPort?: number;
  mqttPort: number;
  host: string;
  broker?: string;
  dataDir: string;
  partyKeys?: string;
  seed: string;
  smwanSecret: string;
  tls?: boolean;
  responseTimeout?: number;
  clock: 'real' | 'virtual';
  speed?: number;
  logLevel: LogLevel;
}

export function registerServeCommand(program: Command): void {
  const command = program
    .command('serve')
    .description(
      'Run the integration harness: embedded broker, DCC head-end, User Gateway and N premises; point your own head-end at it',
    )
    // With the embedded broker each hub is two sockets in this process (client and broker side).
    .option(
      '--premises <n>',
      'number of premises',
      integer('--premises', 1, () => maxHubs(2)),
      1,
    )
    .option('--http-port <port>', 'User Gateway port (0 picks a free one)', port('--http-port'), 8080)
    .option(
      '--duis-port <port>',
      'also open the DUIS XML gateway (DCC Boxed endpoints, docs/duis.md) here; 0 picks a free one',
      port('--duis-port'),
    )
    .option('--mqtt-port <port>', 'embedded broker port (0 picks a free one)', port('--mqtt-port'), 1883)
    .addOption(
      new Option('--host <address>', 'address the gateway and the embedded broker listen on (0.0.0.0: all)')
        .env('SMETSIM_HOST')
        .default('127.0.0.1'),
    )
    .addOption(brokerOption('use this MQTT broker instead of the embedded one'))
    .addOption(
      new Option('--data-dir <dir>', 'where the head-end keeps its state; a restart with the same folder resumes')
        .env('SMETSIM_DATA_DIR')
        .default('.smetsim-data'),
    )
    .option('--party-keys <dir>', 'load party keys named <eui-hex>-ds.key, -ka.key, -pp-ka.key (e.g. the DCC test PKI)')
    .option('--seed <seed>', 'seed for generated keys and consumption', '1')
    .option(
      '--response-timeout <d>',
      `answer E21 when a device is silent this long, e.g. 90s (default ${DEFAULT_TIMEOUTS.nonCriticalMs / 1000}s, critical ${DEFAULT_TIMEOUTS.criticalMs / 1000}s)`,
      duration('--response-timeout'),
    )
    // The old spelling, in milliseconds; kept for scripts that use it.
    .addOption(
      new Option('--response-timeout-ms <ms>').argParser(integer('--response-timeout-ms', 1, 86_400_000)).hideHelp(),
    )
    .addOption(
      new Option('--clock <clock>', 'real, or virtual: time moves only by `smetsim admin clock advance`')
        .choices(['real', 'virtual'])
        .default('real'),
    )
    .option('--speed <n>', 'run real time n times faster (60: a day in 24 minutes)', integer('--speed', 1, 86_400))
    .addOption(
      new Option('--log-level <level>', 'JSON log lines (readable on a terminal) from this level')
        .choices(LOG_LEVELS)
        .default('info'),
    )
    .option('--tls', 'MQTT over TLS on the SMWAN: a certificate per hub from the emulator CA in <data-dir>/tls')
    .addOption(smwanSecretOption())
    .action((options: ServeOptions & { responseTimeoutMs?: number }) =>
      runCommand('serve', () =>
        serve({ ...options, responseTimeout: options.responseTimeout ?? options.responseTimeoutMs }),
      ),
    );
  withExamples(command, [
    'smetsim serve --premises 3',
    'smetsim serve --http-port 0 --mqtt-port 0 --data-dir /tmp/harness --response-timeout 1m30s',
    'smetsim serve --broker mqtt://127.0.0.1:1883 --party-keys reference/test-pki',
    'SMETSIM_HOST=0.0.0.0 smetsim serve   # listen on every interface, as in the container',
    'smetsim serve --clock virtual   # then: smetsim admin clock advance 1h',
    'smetsim serve --speed 60 --log-level debug',
  ]);
}

/** The harness's clock: the wall clock, one only `admin clock advance` moves, or real time faster. */
function serveClock(options: ServeOptions): Clock {
  if (options.clock === 'virtual') {
    if (options.speed !== undefined)
      throw new UsageError('--speed runs real time faster; it does not apply to --clock virtual', '--speed');
    return new VirtualClock(Date.now());
  }
  return options.speed !== undefined && options.speed !== 1 ? new ScaledClock(options.speed) : new RealClock();
}

async function serve(options: ServeOptions): Promise<void> {
  const clock = serveClock(options);
  // Loaded here, not at start: --help and a refused argument answer at once.
  const [
    { SmwanCredentials, startEmbeddedBroker },
    { startWorld },
    { writeFleetFile },
    { createHarnessLogger },
    { loadOrCreateSmwanCa },
  ] = await Promise.all([
    import('../../smwan/index.js'),
    import('../../world/dcc-world.js'),
    import('../../world/fleet-file.js'),
    import('../../world/harness-log.js'),
    import('../../world/smwan-tls-files.js'),
  ]);
  const logger = createHarnessLogger({ level: options.logLevel, pretty: process.stdout.isTTY === true });
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  // The admin token survives restarts, like the rest of the state.
  const tokenFile = join(dataDir, 'admin-token');
  if (!existsSync(tokenFile)) writeFileSync(tokenFile, randomBytes(16).toString('hex'), { mode: 0o600 });
  const adminToken = readFileSync(tokenFile, 'utf8').trim();
  const timeout = options.responseTimeout;
  const tls = options.tls ? await loadOrCreateSmwanCa(join(dataDir, 'tls')) : undefined;
  // The embedded broker is started here rather than by startWorld, which always listens on
  // 127.0.0.1: in a container it must listen on every interface.
  const broker: EmbeddedBroker | undefined = options.broker
    ? undefined
    : await startEmbeddedBroker({
        credentials: new SmwanCredentials(options.smwanSecret),
        port: options.mqttPort,
        host: options.host,
        ...(tls ? { tls: await tls.ca.issueServer([loopback(options.host), 'localhost']) } : {}),
      }).catch((error: unknown) => {
        throw nameListenError(error, '--mqtt-port', options.mqttPort);
      });
  // On a start-up failure nothing is closed here: runCommand ends the process, which is what
  // keeps a half-started world (a broker up, the gateway's port taken) from hanging (issue 17 #8).
  const world: World = await startWorld({
    premises: options.premises,
    clock,
    controlClock: true,
    logger,
    crypto: nodeCrypto,
    seed: options.seed,
    dataDir,
    brokerUrl: options.broker ?? `${tls ? 'mqtts' : 'mqtt'}://${loopback(options.host)}:${broker!.port}`,
    ...(tls ? { tls: tls.ca } : {}),
    httpPort: options.httpPort,
    httpHost: options.host,
    ...(options.duisPort === undefined ? {} : { duisPort: options.duisPort }),
    smwanSecret: options.smwanSecret,
    ...(options.partyKeys ? { partyKeysDir: options.partyKeys } : {}),
    adminToken,
    dashboard: true,
    ...(timeout
      ? { timeouts: { nonCriticalMs: timeout, criticalMs: timeout, gasWakeMs: DEFAULT_TIMEOUTS.gasWakeMs } }
      : {}),
  }).catch((error: unknown) => {
    // The embedded broker is already listening, so a listen error here is the gateway's.
    const named = nameListenError(error, '--http-port', options.httpPort);
    if (named === error && options.broker && error instanceof Error && error.message.includes(options.broker))
      throw new StartupError(`--broker: ${error.message}`, '--broker');
    throw named;
  });
  const fleetFile = writeFleetFile(world, dataDir);
  const supplier = world.parties.supplier.eui;
  process.stdout.write(
    [
      `smetsim serve: ${world.premises.length} premises`,
      `  User Gateway  ${world.gatewayUrl}   (OpenAPI: ${world.gatewayUrl}/openapi.json)`,
      `  Dashboard     ${world.gatewayUrl}/ui/`,
      ...(world.duisUrl
        ? [`  DUIS gateway  ${world.duisUrl}/api/v1/serviceS | serviceD | serviceT   (docs/duis.md)`]
        : []),
      `  SMWAN broker  ${world.brokerUrl}`,
      ...(tls
        ? [`  SMWAN TLS     CA ${tls.caFile}; a watcher's certificate ${tls.observerCert} and key ${tls.observerKey}`]
        : []),
      `  fleet         ${fleetFile}`,
      `  admin token   ${tokenFile}`,
      `  clock         ${clockLine(world.clock)}`,
      `  health        ${world.gatewayUrl}/healthz  ${world.gatewayUrl}/readyz  ${world.gatewayUrl}/metrics`,
      '',
      'Try (docs/api.md shows how to sign):',
      `  curl -s ${world.gatewayUrl}/v1/parties/${supplier}/inbox?after=0 -H "X-Smetsim-Party: ${supplier}" -H "X-Smetsim-Date: <now>" -H "X-Smetsim-Signature: <base64 r||s>"`,
      '',
    ].join('\n'),
  );
  // One machine-readable line for tools that start the harness as a child process.
  process.stdout.write(
    `ready ${JSON.stringify({ gatewayUrl: world.gatewayUrl, brokerUrl: world.brokerUrl, fleetFile, ...(world.duisUrl ? { duisUrl: world.duisUrl } : {}) })}\n`,
  );
  await new Promise<void>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  await world.stop();
  await broker?.close();
  process.stdout.write('smetsim serve: stopped\n');
}

function clockLine(clock: World['clock']): string {
  if (!clock || clock.mode === 'real') return 'real';
  if (clock.mode === 'scaled') return `real time at ${clock.speed}x`;
  return `virtual, at ${new Date(clock.now()).toISOString()}; move it with: smetsim admin clock advance 30m`;
}

/** Where this process reaches a listener bound to `host` (the wildcard addresses are not). */
function loopback(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
