import { Argument, Command, Option } from 'commander';
import { REGISTRATION_ROLES } from '../../dcc-head-end/registration.js';
import { PARTY_STATUS } from '../../dcc-head-end/party-status.js';
import { runCommand, UsageError } from '../cli-errors.js';
import { withExamples } from '../help-examples.js';
import { parseDuration } from '../duration.js';
import { eui, url } from '../option-parsers.js';
import { callAdmin, type AdminOptions } from './admin-client.js';

const SUPPLIER = '90-B3-D5-1F-30-01-00-00';
const OTHER_USER = '90-B3-D5-1F-30-04-00-00';

/**
 * `smetsim admin`: the admin API from the command line (parties, status, registration, consents,
 * devices, the event log), against a running `smetsim serve`. Arguments are checked here first
 * (exit 2); what the server refuses is a failed run (exit 1), named with the URL it was sent to.
 */
export function registerAdminCommand(program: Command): void {
  const admin = new Command('admin')
    .description('Manage parties, registration, consents and inventory of a running smetsim serve')
    .addOption(
      new Option('--url <url>', 'the User Gateway')
        .default('http://127.0.0.1:8080')
        .env('SMETSIM_GATEWAY')
        .argParser(url('--url', ['http', 'https'], 'http://127.0.0.1:8080')),
    )
    .option('--token <token>', 'admin bearer token (default: read <data-dir>/admin-token)')
    .addOption(
      new Option('--data-dir <dir>', 'the data folder of smetsim serve')
        .env('SMETSIM_DATA_DIR')
        .default('.smetsim-data'),
    );
  withExamples(admin, [
    'smetsim admin parties',
    'smetsim admin --url http://127.0.0.1:8080 --data-dir .smetsim-data events --kind alert',
  ]);
  const opts = (command: Command) => command.optsWithGlobals<AdminOptions>();
  const call = (command: Command, method: string, path: string, body?: unknown) =>
    runCommand('admin', () => callAdmin(opts(command), method, path, body));

  const sub = (name: string, description: string, examples: readonly string[]) =>
    withExamples(admin.command(name).description(description), examples);

  sub('parties', 'list the parties and their status', ['smetsim admin parties']).action((_o, command: Command) =>
    call(command, 'GET', '/v1/admin/parties'),
  );

  sub('party-status', "change a party's SEC status", [
    `smetsim admin party-status ${OTHER_USER} suspend --services 4.17,4.8.1`,
    `smetsim admin party-status ${OTHER_USER} reinstate`,
  ])
    .addArgument(new Argument('<eui>', "the party's EUI-64").argParser(eui('eui')))
    .addArgument(new Argument('<event>', 'what happens to it').choices(PARTY_STATUS.events))
    .option('--services <list>', 'suspend only these SRs (comma-separated); default all')
    .option('--no-keep-top-up', 'suspend top-up (2.2) too')
    .action((party: string, event: string, o: { services?: string; keepTopUp: boolean }, command: Command) =>
      call(command, 'POST', `/v1/admin/parties/${party}/status`, {
        event,
        services: o.services ? o.services.split(',') : 'all',
        keepTopUp: o.keepTopUp,
      }),
    );

  sub('register', 'register a party for a meter point in a role', [
    `smetsim admin register 1900000000013 importSupplier ${SUPPLIER}`,
    `smetsim admin register 1900000000013 meterOperator ${SUPPLIER} --from 2030-01-01T00:00:00Z`,
  ])
    .argument('<mpxn>', 'the MPAN or MPRN')
    .addArgument(new Argument('<role>', 'the role').choices(REGISTRATION_ROLES))
    .addArgument(new Argument('<party>', "the party's EUI-64").argParser(eui('party')))
    .option('--from <date>', 'RFC 3339; default now')
    .action((mpxn: string, role: string, party: string, o: { from?: string }, command: Command) =>
      call(command, 'POST', '/v1/admin/registrations', { mpxn, role, party, ...(o.from ? { from: o.from } : {}) }),
    );

  sub('registration', 'show the registration history of a meter point', ['smetsim admin registration 1900000000013'])
    .argument('<mpxn>', 'the MPAN or MPRN')
    .action((mpxn: string, _o, command: Command) =>
      call(command, 'GET', `/v1/admin/registrations/${encodeURIComponent(mpxn)}`),
    );

  sub('consent', "record an Other User's consent to a meter point's data", [
    `smetsim admin consent ${OTHER_USER} 1900000000013 --expires 2030-01-01T00:00:00Z --scope 4.17`,
  ])
    .addArgument(new Argument('<party>', "the Other User's EUI-64").argParser(eui('party')))
    .argument('<mpxn>', 'the MPAN or MPRN')
    .requiredOption('--expires <date>', 'RFC 3339')
    .option('--scope <list>', 'SR variants (comma-separated); default all', '*')
    .action((party: string, mpxn: string, o: { expires: string; scope: string }, command: Command) =>
      call(command, 'POST', '/v1/admin/consents', {
        party,
        mpxn,
        expiresAt: o.expires,
        scope: o.scope === '*' ? '*' : o.scope.split(','),
      }),
    );

  sub('events', 'the DCC event log', ['smetsim admin events', 'smetsim admin events --kind alert'])
    .option('--kind <kind>', 'only this kind')
    .action((o: { kind?: string }, command: Command) =>
      call(command, 'GET', `/v1/admin/events${o.kind ? `?kind=${encodeURIComponent(o.kind)}` : ''}`),
    );

  const clock = sub('clock', "show the harness's clock: real, virtual, or real time faster", [
    'smetsim admin clock',
    'smetsim admin clock advance 30m',
  ]).action((_o, command: Command) => call(command, 'GET', '/v1/admin/clock'));
  withExamples(
    clock
      .command('advance')
      .description('move a virtual clock (serve --clock virtual) forward: meters accrue, the gas meter wakes'),
    ['smetsim admin clock advance 30m', 'smetsim admin clock advance 1h30m', 'smetsim admin clock advance 2d'],
  )
    .argument('<by>', 'a duration: 90s, 30m, 1h30m, 2d')
    .action((by: string, _o, command: Command) =>
      runCommand('admin', async () => {
        parseDuration(by, 'by'); // a usage error (exit 2) before anything is sent
        await callAdmin(opts(command), 'POST', '/v1/admin/clock/advance', { by });
      }),
    );

  sub('call', 'any admin API call', [
    'smetsim admin call GET /v1/admin/parties',
    'smetsim admin call GET /v1/admin/events?kind=alert',
  ])
    .argument('<method>', 'GET, POST, PUT, PATCH or DELETE')
    .argument('<path>', 'the path, from /v1/admin')
    .argument('[json]', 'the request body')
    .action((method: string, path: string, json: string | undefined, _o, command: Command) => {
      let body: unknown;
      try {
        body = json === undefined ? undefined : JSON.parse(json);
      } catch {
        return runCommand('admin', () => {
          throw new UsageError('the json argument is not valid JSON', 'json');
        });
      }
      return call(command, method.toUpperCase(), path, body);
    });

  program.addCommand(admin);
}
