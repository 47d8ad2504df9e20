#!/usr/bin/env node
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { loadKeystoreDir } from '../world/gbcs-keystore-files.js';
import { loadTestPki } from '../world/test-pki-keystore.js';
import { folderPasses, renderDeviceReport, runDevicePart } from './device-run.js';
import { passed, runMessage, type MessageResult } from './rtds-message.js';
import { renderTable } from './rtds-table.js';

/**
 * The RTDS conformance suite (issue 12): `npm run test:rtds -- --rtds DIR [--keys DIR] [--verbose]`.
 * Every message of the DCC's Reference Test Data Set must decode, pass every MAC and signature
 * check the keystore allows, and re-encode byte for byte. The keystore defaults to `<rtds>-keystore`
 * beside the data set. Exit 0 when all pass, 1 on any failure, 2 on bad arguments.
 *
 * Then the device part (issue 13 §4, conformance/device-run.ts): every RTDS COMMAND replayed to
 * our device on the RTDS premises, its response checked against the RTDS RESPONSE. `--device-min N`
 * makes the run fail when fewer than N use cases pass; `--codec-only` / `--device-only` run one
 * part; `--only TEXT` narrows the device part to folders whose name contains TEXT.
 */
async function main(argv: readonly string[]): Promise<number> {
  const codec = argv.includes('--device-only') ? 0 : codecPart(argv);
  if (codec !== 0 || argv.includes('--codec-only')) return codec;
  return devicePart(argv);
}

function option(argv: readonly string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : undefined;
}

function paths(argv: readonly string[]): { rtds: string; keysDir: string } | undefined {
  const rtdsArg = option(argv, '--rtds');
  if (!rtdsArg) return undefined;
  const rtds = resolve(rtdsArg);
  return { rtds, keysDir: resolve(option(argv, '--keys') ?? join(dirname(rtds), `${basename(rtds)}-keystore`)) };
}

async function devicePart(argv: readonly string[]): Promise<number> {
  const where = paths(argv);
  if (!where || !existsSync(where.rtds) || !existsSync(where.keysDir)) {
    process.stderr.write('usage: npm run test:rtds -- --rtds DIR [--keys DIR] [--device-only] [--only TEXT]\n');
    return 2;
  }
  const results = await runDevicePart(where.rtds, loadTestPki(where.keysDir), option(argv, '--only'));
  process.stdout.write(`\n${renderDeviceReport(results)}`);
  const min = Number(option(argv, '--device-min') ?? 0);
  const passing = results.filter(folderPasses).length;
  if (passing < min) {
    process.stdout.write(`\nFAILED: ${passing} use cases pass, fewer than --device-min ${min}\n`);
    return 1;
  }
  return 0;
}

function codecPart(argv: readonly string[]): number {
  const option = (name: string) => {
    const at = argv.indexOf(name);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const rtdsArg = option('--rtds');
  if (!rtdsArg) {
    process.stderr.write('usage: npm run test:rtds -- --rtds DIR [--keys DIR] [--verbose]\n');
    return 2;
  }
  const rtds = resolve(rtdsArg);
  const keysDir = resolve(option('--keys') ?? join(dirname(rtds), `${basename(rtds)}-keystore`));
  if (!existsSync(rtds) || !existsSync(keysDir)) {
    process.stderr.write(`test:rtds: ${existsSync(rtds) ? keysDir : rtds} does not exist\n`);
    return 2;
  }
  const keys = loadKeystoreDir(keysDir);
  const byUseCase = new Map<string, MessageResult[]>();
  for (const folder of readdirSync(rtds).sort()) {
    const dir = join(rtds, folder);
    const files = readdirSync(dir)
      .filter((f) => f.toUpperCase().endsWith('.HEX'))
      .sort();
    const results = files.map((file) =>
      runMessage(
        `${folder}/${file}`,
        Buffer.from(readFileSync(join(dir, file), 'utf8').replace(/\s+/g, ''), 'hex'),
        keys,
      ),
    );
    if (results.length > 0) byUseCase.set(folder, results);
  }
  process.stdout.write(`RTDS ${rtds}\nkeystore ${keysDir} (${keys.size} keys)\n\n`);
  process.stdout.write(renderTable(byUseCase));
  const all = [...byUseCase.values()].flat();
  const failures = all.filter((r) => !passed(r));
  const unchecked = all.filter((r) => r.mac?.status === 'not-checked' || r.signature?.status === 'not-checked');
  if (unchecked.length > 0) {
    process.stdout.write(`\nNot checkable with this keystore (${unchecked.length}):\n`);
    for (const r of unchecked) {
      const why = [r.mac, r.signature].find((o) => o?.status === 'not-checked');
      process.stdout.write(`  ${r.file}: ${why?.status === 'not-checked' ? why.reason : ''}\n`);
    }
  }
  if (failures.length > 0) {
    process.stdout.write(`\nFAILED (${failures.length}):\n`);
    for (const r of failures) process.stdout.write(`  ${r.file}: ${describeFailure(r)}\n`);
    return 1;
  }
  if (all.length === 0) {
    process.stdout.write('\nFAILED: no .HEX messages found\n');
    return 1;
  }
  process.stdout.write(`\nPASSED: all ${all.length} messages\n`);
  if (argv.includes('--verbose')) for (const r of all) process.stdout.write(`  ${r.file}: ${r.payload}\n`);
  return 0;
}

function describeFailure(r: MessageResult): string {
  if (r.decodeError !== null) return `does not decode: ${r.decodeError}`;
  const parts: string[] = [];
  if (r.mac?.status === 'invalid') parts.push('MAC invalid');
  if (r.signature?.status === 'invalid') parts.push('signature invalid');
  if (r.roundTrip === false) parts.push(`re-encoding differs from byte ${r.firstDifference}`);
  const badParts = r.decrypted.filter((o) => o.status === 'invalid').length;
  if (badParts > 0) parts.push(`${badParts} encrypted part(s) do not authenticate`);
  for (const e of r.plaintextErrors) parts.push(`plaintext does not decode: ${e}`);
  return parts.join('; ');
}

process.exitCode = await main(process.argv.slice(2));
