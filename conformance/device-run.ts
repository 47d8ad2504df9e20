import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestPki } from '../world/test-pki-keystore.js';
import { runDeviceCase, type DeviceCaseResult } from './device-case.js';
import { useCaseOfFolder } from './device-context.js';

/** One RTDS use-case folder in the device run. */
export interface DeviceFolderResult {
  readonly folder: string;
  readonly cases: readonly DeviceCaseResult[];
}

/** A folder passes when it has commands and every one is answered as the RTDS answers it. */
export function folderPasses(result: DeviceFolderResult): boolean {
  return result.cases.length > 0 && result.cases.every((c) => c.matches);
}

const hexOf = (path: string) => Buffer.from(readFileSync(path, 'utf8').replace(/\s+/g, ''), 'hex');

/**
 * The device part of `npm run test:rtds` (issue 13 §4): every `…_COMMAND_GBCS.HEX` of every
 * folder (pre-commands are the party's, not the device's), against the `…_RESPONSE_GBCS.HEX`
 * beside it. `only` narrows the run to folders whose name contains it.
 */
export async function runDevicePart(rtds: string, pki: TestPki, only?: string): Promise<DeviceFolderResult[]> {
  const results: DeviceFolderResult[] = [];
  for (const folder of readdirSync(rtds).sort()) {
    if (only && !folder.includes(only)) continue;
    const files = readdirSync(join(rtds, folder));
    const commands = files.filter((f) => /_COMMAND_GBCS\.HEX$/i.test(f) && !/PRECOMMAND/i.test(f)).sort();
    const cases: DeviceCaseResult[] = [];
    for (const command of commands) {
      const responseName = command.replace(/_COMMAND_GBCS/i, '_RESPONSE_GBCS');
      const response = files.includes(responseName) ? hexOf(join(rtds, folder, responseName)) : undefined;
      cases.push(
        await runDeviceCase(
          `${folder}/${command}`,
          useCaseOfFolder(folder),
          hexOf(join(rtds, folder, command)),
          response,
          pki,
        ),
      );
    }
    results.push({ folder, cases });
  }
  return results;
}

/** The report: a line per folder, the totals, and the table of what does not pass with why. */
export function renderDeviceReport(results: readonly DeviceFolderResult[]): string {
  const lines: string[] = [
    'Device conformance (issue 13 §4): RTDS COMMAND replayed to our device, our RESPONSE against the RTDS one',
    '',
  ];
  const width = Math.max(...results.map((r) => r.folder.length), 10);
  lines.push(`${'use case'.padEnd(width)}  cases  accepted  executed  matches  note`);
  const count = (r: DeviceFolderResult, f: (c: DeviceCaseResult) => boolean) => r.cases.filter(f).length;
  for (const r of results) {
    if (r.cases.length === 0) {
      lines.push(`${r.folder.padEnd(width)}  -      (no COMMAND: alerts the device raises unprompted)`);
      continue;
    }
    const n = r.cases.length;
    const col = (k: number) => `${k}/${n}`.padEnd(8);
    const shapeOnly = r.cases.some((c) => c.shapeOnly) ? 'signed: shape-only' : '';
    lines.push(
      `${r.folder.padEnd(width)}  ${String(n).padEnd(5)}  ${col(count(r, (c) => c.accepted))}  ${col(count(r, (c) => c.executed))}  ${col(count(r, (c) => c.matches))} ${folderPasses(r) ? 'PASS' : ''} ${shapeOnly}`.trimEnd(),
    );
  }
  const withCommands = results.filter((r) => r.cases.length > 0);
  const cases = withCommands.flatMap((r) => r.cases);
  const passing = withCommands.filter(folderPasses);
  lines.push(
    '',
    `use cases: ${passing.length} of ${results.length} pass (${withCommands.length} have a COMMAND; ${results.length - withCommands.length} are alert-only)`,
    `commands: ${cases.length}; accepted ${cases.filter((c) => c.accepted).length}, executed ${cases.filter((c) => c.executed).length}, response matches ${cases.filter((c) => c.matches).length}; shape-only (device-signed) ${cases.filter((c) => c.shapeOnly).length}`,
    '',
    'Not passing (use case: first failing command: why):',
  );
  for (const r of withCommands.filter((x) => !folderPasses(x))) {
    const first = r.cases.find((c) => !c.matches)!;
    const file = first.file.slice(first.file.indexOf('/') + 1).replace(/_GBCS\.HEX$/i, '');
    lines.push(`  ${r.folder}: ${file}: ${first.why.join('; ')}`);
  }
  return `${lines.join('\n')}\n`;
}
