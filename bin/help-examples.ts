import type { Command } from 'commander';

/**
 * Append an Examples section to a command's --help. Every subcommand has one (issue 19 #7);
 * test/bin/help-examples.test.ts checks that each shows at least one `smetsim ...` line.
 */
export function withExamples<C extends Command>(command: C, examples: readonly string[]): C {
  return command.addHelpText('after', `\nExamples:\n${examples.map((line) => `  ${line}`).join('\n')}\n`);
}
