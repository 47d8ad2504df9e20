import { Option, type Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { nodeCrypto, signGatewayRequest, type Eui64 } from '../../protocol/index.js';
import { readPrivateKeyFile } from '../../world/key-files.js';
import { runCommand, UsageError } from '../cli-errors.js';
import { withExamples } from '../help-examples.js';
import { eui } from '../option-parsers.js';

interface SignOptions {
  party?: Eui64;
  key: string;
  method: string;
  path?: string;
  preCommand?: string;
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
    .description(
      'Print the X-Smetsim-* headers that sign one User Gateway call (for curl), or the signature of a pre-command (variant 5)',
    )
    .option('--party <eui>', 'the calling party EUI-64 (required for a call)', eui('--party'))
    .requiredOption('--key <pem>', "the party's signing private key (PKCS#8 PEM)")
    .option('--method <method>', 'HTTP method', 'GET')
    .option('--path <path>', 'the path with its query, exactly as it will be sent (required for a call)')
    .option(
      '--pre-command <file|base64>',
      "variant 4's preCommand (a file holding its bytes or its base64, or the base64 itself): print the base64 r||s signature variant 5 sends",
    )
    .option('--body <json>', 'the exact body bytes that will be sent')
    .option('--body-file <file>', 'read the body from a file instead')
    .addOption(
      new Option('--format <format>', 'curl (-H arguments), headers (one per line) or json')
        .choices(['curl', 'headers', 'json'])
        .default('curl'),
    )
    .action((options: SignOptions) =>
      runCommand('sign', () => {
        const key = readPrivateKeyFile(options.key, '--key');
        if (options.preCommand !== undefined) {
          const signature = nodeCrypto.sign(key, preCommandBytes(options.preCommand));
          process.stdout.write(`${Buffer.from(signature).toString('base64')}\n`);
          return;
        }
        if (!options.party) throw new UsageError('--party is required to sign a call', '--party');
        if (!options.path) throw new UsageError('--path is required to sign a call', '--path');
        const body = options.bodyFile ? readFileSync(options.bodyFile) : Buffer.from(options.body ?? '', 'utf8');
        const headers = signGatewayRequest(
          nodeCrypto,
          options.party,
          key,
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
    'smetsim sign --key "$KEY" --pre-command "$PRE"   # PRE: the preCommand variant 4 answered; prints the signature',
  ]);
}

/**
 * The pre-command's bytes: a file (raw bytes, or base64 text as saved from the JSON answer), or
 * the base64 itself. GBCS signs the command's bytes, never their base64 (docs/api.md).
 */
function preCommandBytes(given: string): Uint8Array {
  const text = existsSync(given) ? readFileSync(given) : Buffer.from(given, 'utf8');
  const asText = text.toString('latin1').trim();
  const bytes = /^[A-Za-z0-9+/]+={0,2}$/.test(asText) && asText.length % 4 === 0 ? Buffer.from(asText, 'base64') : text;
  if (bytes.length === 0) throw new UsageError('--pre-command is empty', '--pre-command');
  if (!existsSync(given) && bytes === text)
    throw new UsageError('--pre-command is neither a file nor base64', '--pre-command');
  return bytes;
}
