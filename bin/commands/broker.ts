import type { Command } from 'commander';
import { runCommand } from '../cli-errors.js';
import { nameListenError } from '../startup-errors.js';
import { withExamples } from '../help-examples.js';
import { port } from '../option-parsers.js';
import { smwanSecretOption } from '../smwan-options.js';

export function registerBrokerCommand(program: Command): void {
  const command = program
    .command('broker')
    .description('Run the embedded SMWAN broker (aedes) on its own, with per-hub credentials and topic rights')
    .option('--port <port>', 'TCP port; 0 picks a free one', port('--port'), 1883)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .addOption(smwanSecretOption())
    .action((options: { port: number; host: string; smwanSecret: string }) =>
      runCommand('broker', async () => {
        // Loaded here, not at start: --help and a refused argument answer at once.
        const { SmwanCredentials, startEmbeddedBroker } = await import('../../smwan/index.js');
        const broker = await startEmbeddedBroker({
          credentials: new SmwanCredentials(options.smwanSecret),
          port: options.port,
          host: options.host,
        }).catch((error: unknown) => {
          throw nameListenError(error, '--port', options.port);
        });
        // The first line is machine-read by tools that start the broker as a child process.
        process.stdout.write(`${broker.url}\n`);
        await new Promise<void>((resolve) => {
          const stop = () => resolve();
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
        await broker.close();
      }),
    );
  withExamples(command, [
    'smetsim broker --port 1883',
    'smetsim broker --port 0 --smwan-secret "$SECRET"   # prints mqtt://127.0.0.1:<free port>',
  ]);
}
