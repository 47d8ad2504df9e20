import type { Command } from 'commander';
import { nodeCrypto } from '../../protocol/crypto/node-provider.js';
import { decodeGbcsWithLayout } from '../../protocol/gbcs/envelope/index.js';
import { GbcsError } from '../../protocol/gbcs/errors.js';
import {
  checkProtection,
  decryptParts,
  readPlaintext,
  type DecryptedPart,
  notChecked,
  NO_KEYS,
  type CheckOutcome,
  type ProtectionReport,
} from '../../protocol/gbcs/protection/index.js';
import { loadKeystoreDir } from '../../world/gbcs-keystore-files.js';
import { runCommand, UsageError } from '../cli-errors.js';
import { withExamples } from '../help-examples.js';
import { readGbcsInput } from '../gbcs/input.js';
import { toJson } from '../gbcs/json.js';
import { renderMessage } from '../gbcs/tree.js';

interface DecodeOptions {
  json?: boolean;
  keys?: string;
}

const NO_KEYS_GIVEN = notChecked('no --keys given');

/**
 * `smetsim gbcs decode FILE|HEX`: what a supplier engineer reaches for when a message looks wrong.
 * Exit 0: it decodes and every check it could make passed; 1: a MAC, signature or encrypted part
 * failed; 2: it does not decode (the message says at which byte and in which field).
 */
export function registerGbcsCommand(program: Command): void {
  const gbcs = withExamples(program.command('gbcs').description('GBCS messages: decode and check them'), [
    'smetsim gbcs decode 4.1.1_ECS17b/ECS17b_4.1.1_SINGLE_SUCCESS_RESPONSE_GBCS.HEX --keys rtds-4.5.0-keystore',
  ]);
  withExamples(gbcs.command('decode'), [
    'smetsim gbcs decode ECS17b_4.1.1_SINGLE_SUCCESS_RESPONSE_GBCS.HEX --keys rtds-4.5.0-keystore',
    'smetsim gbcs decode DF0902... --json',
  ])
    .description(
      'Decode a GBCS message (a file of hex, base64 or bytes, or the hex itself) and check its MAC and signature',
    )
    .argument('<FILE|HEX>', 'an RTDS .HEX file, a file of base64 or raw bytes, or the message as hex')
    .option('--json', 'print the decoded message as JSON instead of a tree')
    .option('--keys <dir>', 'a keystore folder of <eui>-ds|ka.pem certificates and .key private keys')
    .addHelpText(
      'after',
      '\nExit status: 0 decoded and every possible check passed, 1 a check failed, 2 does not decode.\n',
    )
    .action((input: string, options: DecodeOptions) =>
      runCommand('gbcs decode', () => {
        const bytes = readGbcsInput(input);
        const keys = options.keys ? loadKeystoreDir(options.keys) : NO_KEYS;
        let decoded;
        try {
          decoded = decodeGbcsWithLayout(bytes);
        } catch (error) {
          // Bytes that are not GBCS are a bad argument: exit 2, with where and why (bin/cli-errors.ts).
          if (error instanceof GbcsError) throw new UsageError(`does not decode: ${error.message}`, error.field);
          throw error;
        }
        const { message } = decoded;
        const report = withoutKeys(checkProtection(nodeCrypto, keys, bytes, decoded), options.keys !== undefined);
        const parts = decryptParts(nodeCrypto, keys, message.signing.header, message.signing.payload).map((p) =>
          options.keys || p.outcome.status !== 'not-checked' ? p : { ...p, outcome: NO_KEYS_GIVEN },
        );
        if (options.json) {
          const decrypted = parts.map((p) => ({
            path: p.path,
            outcome: p.outcome,
            plaintext: p.plaintext,
            data: p.plaintext ? tryPlaintext(p, p.plaintext) : null,
          }));
          process.stdout.write(`${toJson({ message, checks: report, decrypted })}\n`);
        } else process.stdout.write(renderMessage(message, bytes.length, report, parts));
        const outcomes: CheckOutcome[] = [report.mac, report.signature, ...parts.map((p) => p.outcome)];
        return outcomes.some((o) => o.status === 'invalid') ? 1 : 0;
      }),
    );
}

/** Without --keys, say so rather than naming the keys that are missing. */
function withoutKeys(report: ProtectionReport, keysGiven: boolean): ProtectionReport {
  if (keysGiven) return report;
  const fix = (o: CheckOutcome) => (o.status === 'not-checked' ? NO_KEYS_GIVEN : o);
  return { mac: fix(report.mac), signature: fix(report.signature) };
}

function tryPlaintext(part: DecryptedPart, plaintext: Uint8Array): unknown {
  try {
    return readPlaintext(part, plaintext);
  } catch (error) {
    if (error instanceof GbcsError) return null;
    throw error;
  }
}
