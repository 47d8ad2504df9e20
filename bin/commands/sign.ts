import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { nodeCrypto, parseEui, signGatewayRequest } from '../../protocol/index.js';
import { readPrivateKeyFile } from '../../world/key-files.js';
import { runCommand } from '../cli-errors.js';

interface SignOptions {
  party: string;
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
  program
    .command('sign')
    .description('Print the X-Smetsim-* headers that sign one User Gateway call (for curl)')
    .requiredOption('--party <eui>', 'the calling party EUI-64')
    .requiredOption('--key <pem>', "the party's signing private key (PKCS#8 PEM)")
    .option('--method <method>', 'HTTP method', 'GET')
    .requiredOption('--path <path>', 'the path with its query, exactly as it will be sent')
    .option('--body <json>', 'the exact body bytes that will be sent')
    .option('--body-file <file>', 'read the body from a file instead')
    .option('--format <format>', 'curl (-H arguments), headers (one per line) or json', 'curl')
    .action((options: SignOptions) =>
      runCommand('sign', () => {
        const body = options.bodyFile ? readFileSync(options.bodyFile) : Buffer.from(options.body ?? '', 'utf8');
        const headers = signGatewayRequest(
          nodeCrypto,
          parseEui(options.party, '--party'),
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
}
