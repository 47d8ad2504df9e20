#!/usr/bin/env node
import { Command } from 'commander';
import { registerAdminCommand } from './commands/admin.js';
import { registerBrokerCommand } from './commands/broker.js';
import { registerDemoCommand } from './commands/demo.js';
import { registerGbcsCommand } from './commands/gbcs.js';
import { registerRunCommand } from './commands/run.js';
import { registerSchemaCommand } from './commands/schema.js';
import { registerServeCommand } from './commands/serve.js';
import { registerSignCommand } from './commands/sign.js';
import { registerSoakCommand } from './commands/soak.js';
import { registerUtrnCommand } from './commands/utrn.js';
import { packageVersion } from './package-info.js';

const program = new Command()
  .name('smetsim')
  .description(
    'An open, scriptable model of the GB smart-metering system: emulated meters and hubs, an MQTT SMWAN, ' +
      'and a DCC head-end. See README.md for the quick start.',
  )
  .version(packageVersion())
  .showHelpAfterError('(run smetsim --help for usage)');

registerRunCommand(program);
registerDemoCommand(program);
registerSchemaCommand(program);
registerServeCommand(program);
registerSignCommand(program);
registerSoakCommand(program);
registerUtrnCommand(program);
registerGbcsCommand(program);
registerBrokerCommand(program);
registerAdminCommand(program);

await program.parseAsync(process.argv);
