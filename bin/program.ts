import { registerWatchCommand } from './commands/watch.js';
import { Command, CommanderError } from 'commander';
import { registerAdminCommand } from './commands/admin.js';
import { registerBrokerCommand } from './commands/broker.js';
import { registerDemoCommand } from './commands/demo.js';
import { registerGbcsCommand } from './commands/gbcs.js';
import { registerInvoicesCommand } from './commands/invoices.js';
import { registerMosquittoPasswordsCommand } from './commands/mosquitto-passwords.js';
import { registerRunCommand } from './commands/run.js';
import { registerSchemaCommand } from './commands/schema.js';
import { registerServeCommand } from './commands/serve.js';
import { registerSignCommand } from './commands/sign.js';
import { registerSoakCommand } from './commands/soak.js';
import { registerUtrnCommand } from './commands/utrn.js';
import { EXIT_USAGE, fail } from './cli-errors.js';
import { withExamples } from './help-examples.js';
import { packageVersion } from './package-info.js';

export function buildProgram(): Command {
  const program = new Command()
    .name('smetsim')
    .description(
      'An open, scriptable model of the GB smart-metering system: emulated meters and hubs, an MQTT SMWAN, ' +
        'and a DCC head-end. See README.md for the quick start.',
    )
    .version(packageVersion());
  withExamples(program, ['smetsim run', 'smetsim serve --premises 3', 'smetsim serve --help']);
  program.addHelpText(
    'after',
    '\nExit codes: 0 done, 1 the run failed (a scenario, a target, a server), 2 a usage error (nothing was started).\n',
  );
  registerRunCommand(program);
  registerDemoCommand(program);
  registerSchemaCommand(program);
  registerServeCommand(program);
  registerSignCommand(program);
  registerSoakCommand(program);
  registerUtrnCommand(program);
  registerGbcsCommand(program);
  registerWatchCommand(program);
  registerBrokerCommand(program);
  registerAdminCommand(program);
  registerInvoicesCommand(program);
  registerMosquittoPasswordsCommand(program);
  for (const command of program.commands) configure(command, [command.name()]);
  configure(program, []);
  return program;
}

/**
 * Commander's own errors (an unknown option, a missing argument, a choice not allowed) as one
 * line in our form, and thrown rather than exiting, so that the top level exits 2 for them. Set on
 * each command, as commander keeps these settings per command.
 */
function configure(command: Command, path: readonly string[]): void {
  const name = ['smetsim', ...path.slice(0, 1)].join(' ');
  const help = ['smetsim', ...path, '--help'].join(' ');
  command.exitOverride();
  command.configureOutput({
    outputError: (text, write) =>
      write(
        `${name}: ${text
          .replace(/^error: /, '')
          .trim()
          .replace(/\s*\n\s*/g, ' ')} (see ${help})\n`,
      ),
  });
  for (const sub of command.commands) configure(sub, [...path, sub.name()]);
}

/** Parse and run; every way out is exit 0, 1 or 2 (see cli-errors.ts). */
export async function main(argv: readonly string[]): Promise<void> {
  const program = buildProgram();
  // The subcommand being parsed, to name it when one of our argument parsers refuses a value.
  let current = '';
  program.hook('preSubcommand', (_program, sub) => {
    current = sub.name();
  });
  try {
    await program.parseAsync(argv);
  } catch (error) {
    // Commander has printed its line already (or the help, for --help and --version).
    if (error instanceof CommanderError) process.exit(error.exitCode === 0 ? 0 : EXIT_USAGE);
    fail(current, error);
  }
}
