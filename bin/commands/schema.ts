import type { Command } from 'commander';
import { SCENARIO_SCHEMA } from '../../scenario-runner/scenario-schema.js';

/** `smetsim schema`: the scenario format's JSON Schema, for editors (also at docs/scenario.schema.json). */
export function registerSchemaCommand(program: Command): void {
  program
    .command('schema')
    .description('Print the JSON Schema of scenario files (for editor validation and completion)')
    .action(() => {
      process.stdout.write(`${JSON.stringify(SCENARIO_SCHEMA, null, 2)}\n`);
    });
}
