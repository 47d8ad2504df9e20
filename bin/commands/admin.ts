import { Command, Option } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SmetsimError } from '../../protocol/index.js';
import { runCommand } from '../cli-errors.js';

interface AdminOptions {
  url: string;
  token?: string;
  dataDir: string;
}

class AdminCallError extends SmetsimError {
  constructor(status: number, body: unknown) {
    const detail = body && typeof body === 'object' ? (body as { code?: string; message?: string }) : {};
    super(
      'ADMIN_CALL_FAILED',
      `HTTP ${status}${detail.code ? ` ${detail.code}` : ''}: ${detail.message ?? JSON.stringify(body)}`,
    );
  }
}

async function call(options: AdminOptions, method: string, path: string, body?: unknown): Promise<void> {
  const tokenFile = join(options.dataDir, 'admin-token');
  const token = options.token ?? (existsSync(tokenFile) ? readFileSync(tokenFile, 'utf8').trim() : undefined);
  if (!token)
    throw new SmetsimError(
      'NO_ADMIN_TOKEN',
      `no admin token: pass --token, or --data-dir of the running smetsim serve (looked in ${tokenFile})`,
      'token',
    );
  const response = await fetch(`${options.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await response.json()) as unknown;
  if (!response.ok) throw new AdminCallError(response.status, json);
  process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
}

/**
 * `smetsim admin`: the admin API from the command line (parties, status, registration, consents,
 * devices, the event log), against a running `smetsim serve`.
 */
export function registerAdminCommand(program: Command): void {
  const admin = new Command('admin')
    .description('Manage parties, registration, consents and inventory of a running smetsim serve')
    .addOption(new Option('--url <url>', 'the User Gateway').default('http://127.0.0.1:8080').env('SMETSIM_GATEWAY'))
    .option('--token <token>', 'admin bearer token (default: read <data-dir>/admin-token)')
    .option('--data-dir <dir>', 'the data folder of smetsim serve', '.smetsim-data');
  const opts = (command: Command) => command.optsWithGlobals<AdminOptions>();

  admin
    .command('parties')
    .description('list the parties and their status')
    .action((_o, command: Command) => runCommand('admin', () => call(opts(command), 'GET', '/v1/admin/parties')));

  admin
    .command('party-status <eui> <event>')
    .description('accede | activate | suspend | reinstate | withdraw | expel')
    .option('--services <list>', 'suspend only these SRs (comma-separated); default all')
    .option('--no-keep-top-up', 'suspend top-up (2.2) too')
    .action((eui: string, event: string, o: { services?: string; keepTopUp: boolean }, command: Command) =>
      runCommand('admin', () =>
        call(opts(command), 'POST', `/v1/admin/parties/${eui}/status`, {
          event,
          services: o.services ? o.services.split(',') : 'all',
          keepTopUp: o.keepTopUp,
        }),
      ),
    );

  admin
    .command('register <mpxn> <role> <party>')
    .description(
      'register a party for a meter point: importSupplier | exportSupplier | gasSupplier | electricityDistributor | gasTransporter | meterOperator',
    )
    .option('--from <date>', 'RFC 3339; default now')
    .action((mpxn: string, role: string, party: string, o: { from?: string }, command: Command) =>
      runCommand('admin', () =>
        call(opts(command), 'POST', '/v1/admin/registrations', {
          mpxn,
          role,
          party,
          ...(o.from ? { from: o.from } : {}),
        }),
      ),
    );

  admin
    .command('registration <mpxn>')
    .description('show the registration history of a meter point')
    .action((mpxn: string, _o, command: Command) =>
      runCommand('admin', () => call(opts(command), 'GET', `/v1/admin/registrations/${mpxn}`)),
    );

  admin
    .command('consent <party> <mpxn>')
    .description("record an Other User's consent to a meter point's data")
    .requiredOption('--expires <date>', 'RFC 3339')
    .option('--scope <list>', 'SR variants (comma-separated); default all', '*')
    .action((party: string, mpxn: string, o: { expires: string; scope: string }, command: Command) =>
      runCommand('admin', () =>
        call(opts(command), 'POST', '/v1/admin/consents', {
          party,
          mpxn,
          expiresAt: o.expires,
          scope: o.scope === '*' ? '*' : o.scope.split(','),
        }),
      ),
    );

  admin
    .command('events')
    .description('the DCC event log')
    .option('--kind <kind>', 'only this kind')
    .action((o: { kind?: string }, command: Command) =>
      runCommand('admin', () =>
        call(opts(command), 'GET', `/v1/admin/events${o.kind ? `?kind=${encodeURIComponent(o.kind)}` : ''}`),
      ),
    );

  admin
    .command('call <method> <path> [json]')
    .description('any admin API call, e.g. call POST /v1/admin/devices \'{"eui": ...}\'')
    .action((method: string, path: string, json: string | undefined, _o, command: Command) =>
      runCommand('admin', () => {
        let body: unknown;
        try {
          body = json === undefined ? undefined : JSON.parse(json);
        } catch {
          throw new SmetsimError('BAD_ARGUMENT', 'the json argument is not valid JSON', 'json');
        }
        return call(opts(command), method.toUpperCase(), path, body);
      }),
    );

  program.addCommand(admin);
}
