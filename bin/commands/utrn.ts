import type { Command } from 'commander';
import { generateUtrn, nodeCrypto, parseCounter, parseEui, ValidationError } from '../../protocol/index.js';
import { readPrivateKeyFile, readPublicKeyFile } from '../../world/key-files.js';
import { runCommand } from '../cli-errors.js';

interface UtrnOptions {
  originator: string;
  target: string;
  counter: string;
  value: string;
  class: string;
  supplierKey: string;
  deviceCert: string;
}

export function registerUtrnCommand(program: Command): void {
  program
    .command('utrn')
    .description('Compute a GBCS prepayment top-up code (UTRN) and print its 20 digits')
    .requiredOption('--originator <eui>', "the supplier's EUI-64, e.g. 90-B3-D5-1F-30-01-00-00")
    .requiredOption('--target <eui>', "the meter's EUI-64")
    .requiredOption(
      '--counter <n>',
      'the 64-bit UTRN counter, decimal or 0x hex; its low 32 bits must be 0 (e.g. 0x100000000)',
    )
    .requiredOption('--value <v>', 'the credit, 0..8191 in units of --class')
    .requiredOption('--class <class>', 'pounds or pennies')
    .requiredOption('--supplier-key <pem>', "the supplier's prepayment key-agreement private key (PKCS#8 PEM)")
    .requiredOption('--device-cert <pem>', "the meter's key-agreement certificate or public key (PEM)")
    .addHelpText(
      'after',
      '\nExample:\n  smetsim utrn --originator 90-B3-D5-1F-30-01-00-00 --target 00-DB-12-34-56-78-90-A0 \\\n    --counter 0x100000000 --value 100 --class pounds \\\n    --supplier-key 90b3d51f30010000-pp-ka.key --device-cert 00db1234567890a0-ka.pem',
    )
    .action((options: UtrnOptions) =>
      runCommand('utrn', () => {
        if (!/^\d{1,4}$/.test(options.value))
          throw new ValidationError('BAD_ARGUMENT', '--value must be an integer from 0 to 8191', 'value');
        if (options.class !== 'pounds' && options.class !== 'pennies') {
          throw new ValidationError(
            'BAD_ARGUMENT',
            `--class must be "pounds" or "pennies", got "${options.class}"`,
            'class',
          );
        }
        const utrn = generateUtrn(
          nodeCrypto,
          readPrivateKeyFile(options.supplierKey, '--supplier-key'),
          readPublicKeyFile(options.deviceCert, '--device-cert'),
          {
            originator: parseEui(options.originator, '--originator'),
            target: parseEui(options.target, '--target'),
            counter: parseCounter(options.counter, '--counter'),
            value: Number(options.value),
            valueClass: options.class,
          },
        );
        process.stdout.write(`${utrn}\n`);
      }),
    );
}
