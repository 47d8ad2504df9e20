import type { Command } from 'commander';
import { SmwanCredentials, startEmbeddedBroker } from '../../smwan/index.js';
import { runCommand } from '../cli-errors.js';
import { smwanSecretOption } from '../smwan-options.js';

export function registerBrokerCommand(program: Command): void {
  program
    .command('broker')
    .description('Run the embedded SMWAN broker (aedes) on its own, with per-hub credentials and topic rights')
    .option('--port <port>', 'TCP port; 0 picks a free one', '1883')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .addOption(smwanSecretOption())
    .action((options: { port: string; host: string; smwanSecret: string }) =>
      runCommand('broker', async () => {
        const broker = await startEmbeddedBroker({
          credentials: new SmwanCredentials(options.smwanSecret),
          port: Number(options.port),
          host: options.host,
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
}
