import { join, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { availableParallelism } from 'node:os';
import { runCommand } from '../cli-errors.js';
import { withExamples } from '../help-examples.js';
import { maxHubs } from '../limits.js';
import { duration, integer, port } from '../option-parsers.js';
import { brokerOption, smwanSecretOption } from '../smwan-options.js';

interface SoakCliOptions {
  premises: number;
  duration: number;
  profile: string;
  workers: number;
  broker?: string;
  report: string;
  seed: string;
  grace?: number;
  connectPerSecond?: number;
  targets?: string;
  metricsPort?: number;
  progress: 'auto' | 'tty' | 'plain';
  smwanSecret: string;
  tls?: boolean;
  tlsDir?: string;
}

export function registerSoakCommand(program: Command): void {
  const command = program
    .command('soak')
    .description(
      'Run a fleet under a traffic profile for a bounded time, account for every message, and write report.json and report.html (exit 1 if anything was lost or a target missed)',
    )
    .option(
      '--premises <n>',
      'number of premises (hub, GPF, ESME, GSME, IHD), each hub with its own MQTT connection',
      // Each hub is one socket in the fleet process and one in the broker's.
      integer('--premises', 1, () => maxHubs(1)),
      100,
    )
    .option(
      '--duration <d>',
      'how long the traffic runs once the first hub is up: 30s, 5m, 1h30m',
      duration('--duration'),
      60_000,
    )
    .option(
      '--profile <name|file>',
      'a built-in profile (daily, storm, cos-wave, connect) or a profile file (docs/soak.md)',
      'daily',
    )
    .option(
      '--workers <n>',
      'fleet worker threads, each owning a shard of the premises',
      integer('--workers', 1, 64),
      Math.max(1, Math.min(4, availableParallelism())),
    )
    .addOption(brokerOption('an external broker; by default the embedded one runs in its own process'))
    .option('--report <dir>', 'where report.json and report.html go', 'out')
    .option('--seed <seed>', 'seed for keys, consumption and traffic', '1')
    .option(
      '--grace <d>',
      'after the traffic stops, how long to wait for the last answers (default: the longest response deadline plus 5 s, so every request ends answered or timed out)',
      duration('--grace'),
    )
    .option(
      '--connect-per-second <n>',
      'hubs connecting per second (overrides the profile; 0: all at once)',
      integer('--connect-per-second', 0, 1_000_000),
    )
    .option(
      '--targets <file>',
      'response-time targets (YAML: nonCritical, critical, alertDelivery, percentile), overriding the profile',
    )
    .option(
      '--metrics-port <port>',
      'serve Prometheus metrics at http://127.0.0.1:PORT/metrics (0: any free port)',
      port('--metrics-port'),
    )
    .addOption(
      new Option('--progress <mode>', 'auto (a live display on a TTY, plain lines otherwise), tty or plain')
        .choices(['auto', 'tty', 'plain'])
        .default('auto'),
    )
    .option('--tls', 'MQTT over TLS on the SMWAN: a certificate per hub from the run CA (kept in --tls-dir)')
    .option('--tls-dir <dir>', 'where the SMWAN CA is kept (default <report>/tls); an external broker must trust it')
    .addOption(smwanSecretOption())
    .action((options: SoakCliOptions) =>
      runCommand('soak', async () => {
        // Loaded here, not at start: --help and a refused argument answer at once.
        const [{ startBrokerProcess }, { runSoak }, { loadProfile, loadTargets }, { loadOrCreateSmwanCa }] =
          await Promise.all([
            import('../../smwan/broker-process.js'),
            import('../../soak/soak.js'),
            import('../../soak/profile.js'),
            import('../../world/smwan-tls-files.js'),
          ]);
        const { premises, workers, connectPerSecond, metricsPort, duration: durationMs } = options;
        const profile = loadProfile(options.profile);
        const targets = options.targets ? loadTargets(options.targets, profile.targets) : undefined;
        const deadlines = targets ?? profile.targets;
        const graceMs = options.grace ?? Math.max(deadlines.nonCriticalMs, deadlines.criticalMs) + 5_000;
        const tlsDir = options.tls ? resolve(options.tlsDir ?? join(options.report, 'tls')) : undefined;
        const tls = tlsDir ? await loadOrCreateSmwanCa(tlsDir) : undefined;
        const broker = options.broker
          ? { url: options.broker, child: undefined, stop: () => undefined }
          : await startBrokerProcess(options.smwanSecret, tlsDir);
        let stopping = false;
        // The run goes on (and fails on the answers it no longer gets), but say why at once.
        broker.child?.once('exit', (code, signal) => {
          if (!stopping)
            process.stderr.write(
              `smetsim soak: the broker process exited (${signal ?? `code ${String(code)}`}) during the run\n`,
            );
        });
        try {
          const { passed } = await runSoak({
            premises,
            durationMs,
            profile,
            workers: Math.min(workers, premises),
            brokerUrl: broker.url,
            ...(broker.child?.pid ? { brokerPid: broker.child.pid } : {}),
            smwanSecret: options.smwanSecret,
            ...(tls ? { tls: tls.ca } : {}),
            reportDir: options.report,
            seed: options.seed,
            graceMs,
            ...(connectPerSecond !== undefined ? { connectPerSecond } : {}),
            ...(targets ? { targets } : {}),
            ...(metricsPort !== undefined ? { metricsPort } : {}),
            tty: options.progress === 'tty' || (options.progress === 'auto' && process.stdout.isTTY === true),
          });
          return passed ? 0 : 1;
        } finally {
          stopping = true;
          broker.stop();
        }
      }),
    );
  withExamples(command, [
    'smetsim soak --premises 100 --duration 1m',
    'smetsim soak --premises 10000 --duration 1h30m --profile storm --report out/storm',
    'smetsim soak --profile my-profile.yaml --broker mqtt://127.0.0.1:1883 --metrics-port 9464',
    'smetsim soak --premises 2000 --duration 10m --tls   # MQTT over TLS, a certificate per hub',
  ]);
}
