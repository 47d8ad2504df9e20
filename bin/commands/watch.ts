import { Option, type Command } from 'commander';
import { isEui } from '../../protocol/index.js';
import { runCommand, UsageError } from '../cli-errors.js';
import { withExamples } from '../help-examples.js';
import { integer } from '../option-parsers.js';
import { brokerOption, smwanSecretOption } from '../smwan-options.js';
import type { WatchKind } from '../watch/smwan-watch.js';

interface WatchCliOptions {
  broker?: string;
  smwanSecret: string;
  tlsDir?: string;
  hub?: string[];
  kind?: string;
  json?: boolean;
  tree?: boolean;
  count?: number;
}

const KINDS = ['command', 'response', 'alert', 'state'] as const;

/** `smetsim watch`: every message on the SMWAN, decoded as GBCS, as it passes (issue 19 §6). */
export function registerWatchCommand(program: Command): void {
  const command = program
    .command('watch')
    .description(
      "Watch the SMWAN: subscribe with the head-end's rights and print each message decoded as GBCS (one line each, or --tree, or --json)",
    )
    .addOption(brokerOption('the SMWAN broker (default mqtt://127.0.0.1:1883, as smetsim serve)'))
    .option(
      '--tls-dir <dir>',
      'MQTT over TLS with the observer certificate in this folder (serve --tls: <data-dir>/tls)',
    )
    .option('--hub <eui...>', 'only these hubs')
    .addOption(
      new Option('--kind <kinds>', `only these kinds, comma-separated: ${KINDS.join(', ')}`).argParser((text) => {
        const kinds = text.split(',').map((k) => k.trim());
        const bad = kinds.find((k) => !(KINDS as readonly string[]).includes(k));
        if (bad !== undefined) throw new UsageError(`--kind: ${bad} is not one of ${KINDS.join(', ')}`, '--kind');
        return text;
      }),
    )
    .option('--tree', 'print the whole decoded message under each line, as smetsim gbcs decode does')
    .option('--json', 'one JSON object per message')
    .option('--count <n>', 'stop after n messages', integer('--count', 1, 1_000_000_000))
    .addOption(smwanSecretOption())
    .action((options: WatchCliOptions) =>
      runCommand('watch', async () => {
        for (const hub of options.hub ?? [])
          if (!isEui(hub)) throw new UsageError(`--hub: ${hub} is not an EUI-64 like 00-DB-12-00-00-00-01-01`, '--hub');
        const { watchSmwan, watchLine } = await import('../watch/smwan-watch.js');
        const brokerUrl = options.broker ?? (options.tlsDir ? 'mqtts://127.0.0.1:1883' : 'mqtt://127.0.0.1:1883');
        const watch = await watchSmwan(
          {
            brokerUrl,
            smwanSecret: options.smwanSecret,
            ...(options.tlsDir ? { tlsDir: options.tlsDir } : {}),
            ...(options.hub ? { hubs: options.hub } : {}),
            ...(options.kind ? { kinds: options.kind.split(',').map((k) => k.trim() as WatchKind) } : {}),
            ...(options.tree ? { tree: true } : {}),
            ...(options.count !== undefined ? { count: options.count } : {}),
          },
          (message) => process.stdout.write(`${options.json ? JSON.stringify(message) : watchLine(message)}\n`),
        );
        process.stderr.write(`smetsim watch: watching ${brokerUrl} (Ctrl-C to stop)\n`);
        const stop = () => void watch.stop();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        await watch.done;
        return 0;
      }),
    );
  withExamples(command, [
    'smetsim watch                                   # serve on this machine, every message',
    'smetsim watch --kind command,response --hub 00-DB-12-00-00-00-01-01 --tree',
    'smetsim watch --broker mqtts://127.0.0.1:1883 --tls-dir /tmp/harness/tls --json --count 10',
  ]);
}
