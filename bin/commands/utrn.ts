import { Option, type Command } from 'commander';
import { generateUtrn, nodeCrypto, parseCounter, type Eui64 } from '../../protocol/index.js';
import { readPrivateKeyFile, readPublicKeyFile } from '../../world/key-files.js';
import { runCommand } from '../cli-errors.js';
import { withExamples } from '../help-examples.js';
import { eui, integer } from '../option-parsers.js';

interface UtrnOptions {
  originator: Eui64;
  target: Eui64;
  counter: bigint;
  value: number;
  class: 'pounds' | 'pennies';
  supplierKey: string;
  deviceCert: string;
}

export function registerUtrnCommand(program: Command): void {
  const command = program
    .command('utrn')
    .description('Compute a GBCS prepayment top-up code (UTRN) and print its 20 digits')
    .requiredOption('--originator <eui>', "the supplier's EUI-64, e.g. 90-B3-D5-1F-30-01-00-00", eui('--originator'))
    .requiredOption('--target <eui>', "the meter's EUI-64", eui('--target'))
    .requiredOption(
      '--counter <n>',
      'the 64-bit UTRN counter, decimal or 0x hex; its low 32 bits must be 0 (e.g. 0x100000000)',
      (text: string) => parseCounter(text, '--counter'),
    )
    .requiredOption('--value <v>', 'the credit, 0..8191 in units of --class', integer('--value', 0, 8191))
    .addOption(new Option('--class <class>', 'pounds or pennies').choices(['pounds', 'pennies']).makeOptionMandatory())
    .requiredOption('--supplier-key <pem>', "the supplier's prepayment key-agreement private key (PKCS#8 PEM)")
    .requiredOption('--device-cert <pem>', "the meter's key-agreement certificate or public key (PEM)")
    .action((options: UtrnOptions) =>
      runCommand('utrn', () => {
        const utrn = generateUtrn(
          nodeCrypto,
          readPrivateKeyFile(options.supplierKey, '--supplier-key'),
          readPublicKeyFile(options.deviceCert, '--device-cert'),
          {
            originator: options.originator,
            target: options.target,
            counter: options.counter,
            value: options.value,
            valueClass: options.class,
          },
        );
        process.stdout.write(`${utrn}\n`);
      }),
    );
  withExamples(command, [
    'smetsim utrn --originator 90-B3-D5-1F-30-01-00-00 --target 00-DB-12-34-56-78-90-A0 \\',
    '  --counter 0x100000000 --value 100 --class pounds \\',
    '  --supplier-key reference/test-pki/90b3d51f30010000-pp-ka.key \\',
    '  --device-cert reference/test-pki/00db1234567890a0-ka.pem',
    '# 73943333457189043313',
  ]);
}
