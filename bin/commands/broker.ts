import { resolve } from 'node:path';
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
    .option('--tls', 'MQTT over TLS: clients need a certificate from the SMWAN CA in --tls-dir (smetsim serve --tls)')
    .option('--tls-dir <dir>', 'where the SMWAN CA is kept, created on first use', 'smetsim-tls')
    .addOption(smwanSecretOption())
    .action((options: { port: number; host: string; smwanSecret: string; tls?: boolean; tlsDir: string }) =>
      runCommand('broker', async () => {
        // Loaded here, not at start: --help and a refused argument answer at once.
        const { SmwanCredentials, startEmbeddedBroker } = await import('../../smwan/index.js');
        const { loadOrCreateSmwanCa } = await import('../../world/smwan-tls-files.js');
        const tls = options.tls ? await loadOrCreateSmwanCa(resolve(options.tlsDir)) : undefined;
        const broker = await startEmbeddedBroker({
          credentials: new SmwanCredentials(options.smwanSecret),
          port: options.port,
          host: options.host,
          ...(tls ? { tls: await tls.ca.issueServer([options.host, 'localhost']) } : {}),
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
    'smetsim broker --tls --tls-dir ./tls   # mqtts://; hubs and the head-end need certificates from ./tls/ca.key',
  ]);
}
