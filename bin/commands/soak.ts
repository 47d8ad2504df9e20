import type { Command } from 'commander';
import { startBrokerProcess } from '../../smwan/broker-process.js';
import { runSoak, type SoakProfile } from '../../scenarios/soak/soak.js';
import { parseDuration } from '../../scenarios/runner/scenario.js';
import { runCommand } from '../cli-errors.js';
import { smwanSecretOption } from '../smwan-options.js';

interface SoakCliOptions {
  premises: string;
  duration: string;
  profile: string;
  broker?: string;
  report: string;
  seed: string;
  grace: string;
  readsPerHour: string;
  topUpsPerHour: string;
  smwanSecret: string;
}

export function registerSoakCommand(program: Command): void {
  program
    .command('soak')
    .description('Run a fleet under a traffic profile for a duration, account for every message, and write report.json (exit 1 if any was lost)')
    .option('--premises <n>', 'number of premises, each hub with its own MQTT connection', '100')
    .option('--duration <d>', 'how long the traffic runs: 30s, 5m, 2h', '1m')
    .option('--profile <name>', 'daily (reads and top-ups) or storm (daily plus an outage of 30% of the fleet, then restore)', 'daily')
    .option('--broker <url>', 'an external broker; by default the embedded one runs in its own process')
    .option('--report <dir>', 'where report.json goes', 'out')
    .option('--seed <seed>', 'seed for keys and consumption', '1')
    .option('--reads-per-hour <n>', 'daily profile: on-demand reads (SR 4.1.1) per premises per hour', '6')
    .option('--top-ups-per-hour <n>', 'daily profile: top-ups (SR 2.2) per premises per hour', '0.5')
    .option('--grace <d>', 'after the traffic stops, how long to wait for the last answers before counting them lost', '35s')
    .addOption(smwanSecretOption())
    .action((options: SoakCliOptions) =>
      runCommand('soak', async () => {
        if (options.profile !== 'daily' && options.profile !== 'storm') throw new Error('--profile must be daily or storm');
        const premises = Number(options.premises);
        if (!Number.isInteger(premises) || premises < 1 || premises > 20_000) throw new Error('--premises must be an integer from 1 to 20000');
        const broker = options.broker ? { url: options.broker, stop: () => undefined } : await startBrokerProcess(options.smwanSecret);
        try {
          const { passed } = await runSoak({
            premises,
            durationMs: parseDuration(options.duration),
            profile: options.profile as SoakProfile,
            brokerUrl: broker.url,
            smwanSecret: options.smwanSecret,
            reportDir: options.report,
            seed: options.seed,
            graceMs: parseDuration(options.grace),
            readsPerHour: Number(options.readsPerHour),
            topUpsPerHour: Number(options.topUpsPerHour),
          });
          return passed ? 0 : 1;
        } finally {
          broker.stop();
        }
      }),
    );
}
