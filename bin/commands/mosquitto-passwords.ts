import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { runCommand } from '../cli-errors.js';
import { withExamples } from '../help-examples.js';
import { integer } from '../option-parsers.js';
import { smwanSecretOption } from '../smwan-options.js';

/**
 * `smetsim mosquitto-passwords`: the plain-text password file (`user:password` lines, for
 * `mosquitto_passwd -U`) that lets an external mosquitto accept the head-end and the hubs of
 * premises 1..N with the passwords derived from the SMWAN secret, as `serve --broker` uses them.
 * compose.yaml runs it before mosquitto starts. The topic rights are a fixed ACL
 * (docker/mosquitto/acl, the same as smwan/mosquitto-config.ts writes).
 */
export function registerMosquittoPasswordsCommand(program: Command): void {
  const command = program
    .command('mosquitto-passwords')
    .description('Print the SMWAN credentials of the head-end and N premises\u2019 hubs as a mosquitto password file')
    .option(
      '--premises <n>',
      'how many premises (the same as serve --premises)',
      integer('--premises', 1, 1_000_000),
      1,
    )
    .option('--out <file>', 'write the file here (mode 0600) instead of stdout')
    .addOption(smwanSecretOption())
    .action((options: { premises: number; out?: string; smwanSecret: string }) =>
      runCommand('mosquitto-passwords', async () => {
        const [{ HEAD_END_USER, SmwanCredentials }, { premisesEui }] = await Promise.all([
          import('../../smwan/index.js'),
          import('../../world/premises.js'),
        ]);
        const credentials = new SmwanCredentials(options.smwanSecret);
        const lines = [`${HEAD_END_USER}:${credentials.headEndSecret}`];
        for (let index = 1; index <= options.premises; index++) {
          const hub = premisesEui(index, 'CHF');
          lines.push(`${hub}:${credentials.hubSecret(hub)}`);
        }
        const text = `${lines.join('\n')}\n`;
        if (options.out) writeFileSync(options.out, text, { mode: 0o600 });
        else process.stdout.write(text);
      }),
    );
  withExamples(command, ['smetsim mosquitto-passwords --premises 3 --out passwords && mosquitto_passwd -U passwords']);
}
