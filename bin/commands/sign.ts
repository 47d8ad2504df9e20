import { Option, type Command } from 'commander';
import { readFileSync } from 'node:fs';
import { nodeCrypto, signGatewayRequest, type Eui64 } from '../../protocol/index.js';
import { readPrivateKeyFile } from '../../world/key-files.js';
import { runCommand } from '../cli-errors.js';
import { withExamples } from '../help-examples.js';
import { eui } from '../option-parsers.js';

interface SignOptions {
  party: Eui64;
  key: string;
  method: string;
  path: string;
  body?: string;
  bodyFile?: string;
  format: 'curl' | 'headers' | 'json';
}

/**
 * `smetsim sign`: the three User Gateway headers for one call, so that curl users need no code.
 * The signing rule is in docs/api.md; this is the reference implementation of it.
 */
export function registerSignCommand(program: Command): void {
  const command = program
    .command('sign')
    .description('Print the X-Smetsim-* headers that sign one User Gateway call (for curl)')
    .requiredOption('--party <eui>', 'the calling party EUI-64', eui('--party'))
    .requiredOption('--key <pem>', "the party's signing private key (PKCS#8 PEM)")
    .option('--method <method>', 'HTTP method', 'GET')
    .requiredOption('--path <path>', 'the path with its query, exactly as it will be sent')
    .option('--body <json>', 'the exact body bytes that will be sent')
    .option('--body-file <file>', 'read the body from a file instead')
    .addOption(
      new Option('--format <format>', 'curl (-H arguments), headers (one per line) or json')
        .choices(['curl', 'headers', 'json'])
        .default('curl'),
    )
    .action((options: SignOptions) =>
      runCommand('sign', () => {
        const body = options.bodyFile ? readFileSync(options.bodyFile) : Buffer.from(options.body ?? '', 'utf8');
        const headers = signGatewayRequest(
          nodeCrypto,
          options.party,
          readPrivateKeyFile(options.key, '--key'),
          options.method,
          options.path,
          body,
          new Date(),
        );
        if (options.format === 'json') process.stdout.write(`${JSON.stringify(headers)}\n`);
        else if (options.format === 'headers')
          process.stdout.write(
            Object.entries(headers)
              .map(([k, v]) => `${k}: ${v}`)
              .join('\n') + '\n',
          );
        else
          process.stdout.write(
            Object.entries(headers)
              .map(([k, v]) => `-H '${k}: ${v}'`)
              .join(' ') + '\n',
          );
      }),
    );
  withExamples(command, [
    'KEY=.smetsim-data/keys/90b3d51f30010000-ds.key   # the key file fleet.json names',
    "INBOX='/v1/parties/90-B3-D5-1F-30-01-00-00/inbox?after=0'",
    'eval curl -s "\'http://127.0.0.1:8080$INBOX\'" $(smetsim sign --party 90-B3-D5-1F-30-01-00-00 --key "$KEY" --path "$INBOX")',
    'smetsim sign --party 90-B3-D5-1F-30-01-00-00 --key "$KEY" --method POST --path /v1/requests \\',
    '  --body-file request.json --format headers',
  ]);
}
