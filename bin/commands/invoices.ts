import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Option, type Command } from 'commander';
import { nodeCrypto, RealClock, VirtualClock } from '../../protocol/index.js';
import { invoiceStatus } from '../../sec/charges/ledger.js';
import { invoicesCsv } from '../../sec/charges/render.js';
import { createDcc } from '../../world/dcc-side.js';
import { runCommand, UsageError } from '../cli-errors.js';
import { withExamples } from '../help-examples.js';

interface InvoicesOptions {
  dataDir: string;
  month: string;
  format: 'text' | 'json' | 'csv';
  issue?: boolean;
  now?: string;
}

const pounds = (pence: number) =>
  `${pence < 0 ? '-' : ''}£${Math.floor(Math.abs(pence) / 100)}.${String(Math.abs(pence) % 100).padStart(2, '0')}`;

/**
 * `smetsim invoices`: a month's DCC invoices from a data folder (SEC ch. 9), as a finance team
 * reads them: a table, JSON, or CSV. With --issue, the month's invoices are issued first from the
 * folder's usage and statement (the same engine as the admin API; nothing is sent anywhere).
 */
export function registerInvoicesCommand(program: Command): void {
  const command = program
    .command('invoices')
    .description("Print a month's DCC invoices from a data folder (table, JSON or CSV)")
    .requiredOption('--data-dir <dir>', 'the data folder of `smetsim serve --data-dir`')
    .requiredOption('--month <YYYY-MM>', 'the charging month')
    .addOption(new Option('--format <format>', 'text, json or csv').choices(['text', 'json', 'csv']).default('text'))
    .option('--issue', "issue the month's invoices first if they are not issued yet")
    .option('--now <date>', 'with --issue: the date to issue at (RFC 3339; default now), for a virtual-clock run')
    .action((options: InvoicesOptions) =>
      runCommand('invoices', async () => {
        if (!existsSync(join(options.dataDir, 'head-end.sqlite')))
          throw new UsageError(
            `${options.dataDir} holds no head-end.sqlite: give the folder of serve --data-dir`,
            '--data-dir',
          );
        if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(options.month))
          throw new UsageError(`month is YYYY-MM, not ${options.month}`, '--month');
        const at = options.now === undefined ? undefined : Date.parse(options.now);
        if (at !== undefined && Number.isNaN(at)) throw new UsageError('--now is an RFC 3339 date', '--now');
        // The DCC on the folder, not started: no broker, no gateway socket; its records only.
        const dcc = createDcc({
          clock: at === undefined ? new RealClock() : new VirtualClock(at),
          crypto: nodeCrypto,
          seed: 'invoices',
          brokerUrl: 'mqtt://127.0.0.1:1',
          smwanSecret: 'smetsim-invoices-not-connected',
          dataDir: options.dataDir,
        });
        try {
          const charges = dcc.charges;
          const invoices = options.issue
            ? charges.issue(options.month)
            : charges.ctx.store.invoices({ month: options.month });
          if (options.format === 'csv') process.stdout.write(invoicesCsv(invoices));
          else if (options.format === 'json')
            process.stdout.write(
              `${JSON.stringify({ month: options.month, invoices: invoices.map((i) => invoiceStatus(charges.ctx, i.id)) }, null, 2)}\n`,
            );
          else {
            process.stdout.write(`DCC invoices for ${options.month}: ${invoices.length}\n`);
            for (const invoice of invoices) {
              const status = invoiceStatus(charges.ctx, invoice.id);
              const name = dcc.headEnd.admin.party(invoice.party)?.name ?? invoice.party;
              process.stdout.write(
                `\n#${invoice.id} ${name} (${invoice.party})  due ${new Date(invoice.dueAt).toISOString().slice(0, 10)}  ${status.state}, outstanding ${pounds(status.outstandingPence)}\n`,
              );
              for (const line of invoice.lines)
                process.stdout.write(
                  `  ${line.description.padEnd(72)} ${String(line.quantity).padStart(12)} ${pounds(line.amountPence).padStart(12)}\n`,
                );
              process.stdout.write(`  ${'Subtotal'.padEnd(85)} ${pounds(invoice.subtotalPence).padStart(12)}\n`);
              process.stdout.write(`  ${'VAT'.padEnd(85)} ${pounds(invoice.vatPence).padStart(12)}\n`);
              process.stdout.write(`  ${'Total'.padEnd(85)} ${pounds(invoice.totalPence).padStart(12)}\n`);
            }
          }
          return invoices.length === 0 && !options.issue ? 1 : 0;
        } finally {
          await dcc.stop();
        }
      }),
    );
  withExamples(command, [
    'smetsim invoices --data-dir /tmp/harness --month 2026-05',
    'smetsim invoices --data-dir /tmp/harness --month 2026-05 --format csv > may.csv',
    'smetsim invoices --data-dir /tmp/harness --month 2026-05 --issue --now 2026-06-01T00:00:00Z',
  ]);
}
