import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { ValidationError } from '../../protocol/index.js';
import { startBrokerProcess } from '../../smwan/broker-process.js';
import { runSoak } from '../../soak/soak.js';
import { BUILTIN_PROFILES, loadProfile, loadTargets } from '../../soak/profile.js';
import { parseDuration } from '../../scenario-runner/scenario.js';
import { runCommand } from '../cli-errors.js';
import { smwanSecretOption } from '../smwan-options.js';

interface SoakCliOptions {
  premises: string;
  duration: string;
  profile: string;
  workers: string;
  broker?: string;
  report: string;
  seed: string;
  grace?: string;
  connectPerSecond?: string;
  targets?: string;
  metricsPort?: string;
  progress: string;
  smwanSecret: string;
}

export function registerSoakCommand(program: Command): void {
  program
    .command('soak')
    .description(
      'Run a fleet under a traffic profile for a bounded time, account for every message, and write report.json and report.html (exit 1 if anything was lost or a target missed)',
    )
    .option(
      '--premises <n>',
      'number of premises (hub, GPF, ESME, GSME, IHD), each hub with its own MQTT connection',
      '100',
    )
    .option('--duration <d>', 'how long the traffic runs once the first hub is up: 30s, 5m, 2h', '1m')
    .option(
      '--profile <name|file>',
      `a built-in profile (${BUILTIN_PROFILES.join(', ')}) or a profile file (docs/soak.md)`,
      'daily',
    )
    .option(
      '--workers <n>',
      'fleet worker threads, each owning a shard of the premises',
      String(Math.max(1, Math.min(4, availableParallelism()))),
    )
    .option('--broker <url>', 'an external broker; by default the embedded one runs in its own process')
    .option('--report <dir>', 'where report.json and report.html go', 'out')
    .option('--seed <seed>', 'seed for keys, consumption and traffic', '1')
    .option(
      '--grace <d>',
      'after the traffic stops, how long to wait for the last answers (default: the longest response deadline plus 5 s, so every request ends answered or timed out)',
    )
    .option('--connect-per-second <n>', 'hubs connecting per second (overrides the profile; 0: all at once)')
    .option(
      '--targets <file>',
      'response-time targets (YAML: nonCritical, critical, alertDelivery, percentile), overriding the profile',
    )
    .option('--metrics-port <port>', 'serve Prometheus metrics at http://127.0.0.1:PORT/metrics (0: any free port)')
    .option('--progress <mode>', 'auto (a live display on a TTY, plain lines otherwise), tty or plain', 'auto')
    .addOption(smwanSecretOption())
    .action((options: SoakCliOptions) =>
      runCommand('soak', async () => {
        const premises = integer('--premises', options.premises, 1, maxPremises());
        const workers = integer('--workers', options.workers, 1, 64);
        if (!['auto', 'tty', 'plain'].includes(options.progress))
          throw new ValidationError('BAD_ARGUMENT', '--progress must be auto, tty or plain', 'progress');
        const profile = loadProfile(options.profile);
        const targets = options.targets ? loadTargets(options.targets, profile.targets) : undefined;
        const connectPerSecond =
          options.connectPerSecond === undefined
            ? undefined
            : integer('--connect-per-second', options.connectPerSecond, 0, 1_000_000);
        const metricsPort =
          options.metricsPort === undefined ? undefined : integer('--metrics-port', options.metricsPort, 0, 65_535);
        const durationMs = parseDuration(options.duration);
        const deadlines = targets ?? profile.targets;
        const graceMs = options.grace
          ? parseDuration(options.grace)
          : Math.max(deadlines.nonCriticalMs, deadlines.criticalMs) + 5_000;
        const broker = options.broker
          ? { url: options.broker, child: undefined, stop: () => undefined }
          : await startBrokerProcess(options.smwanSecret);
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
}

/**
 * Each hub is one socket in the fleet process and one in the broker's, so a process's open-file
 * limit bounds the fleet (less a margin for the rest of what the process opens). Loopback local
 * ports (about 28,000 per broker address) bound it too.
 */
function maxPremises(): number {
  const LOCAL_PORTS = 28_000;
  try {
    const limit = /Max open files\s+(\d+)/.exec(readFileSync('/proc/self/limits', 'utf8'))?.[1];
    if (limit) return Math.min(LOCAL_PORTS, Number(limit) - 500);
  } catch {
    // not Linux: fall through to the ports bound
  }
  return LOCAL_PORTS;
}

function integer(name: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new ValidationError('BAD_ARGUMENT', `${name} must be an integer from ${min} to ${max}`, name.slice(2));
  return value;
}
