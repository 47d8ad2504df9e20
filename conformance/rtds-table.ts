import type { CheckOutcome } from '../protocol/gbcs/protection/index.js';
import type { MessageResult } from './rtds-message.js';

interface Row {
  readonly name: string;
  readonly messages: number;
  readonly decoded: number;
  readonly checks: number;
  readonly valid: number;
  readonly unchecked: number;
  readonly roundTripped: number;
  readonly decrypted: number;
  readonly encrypted: number;
  readonly payloads: string;
}

function count(results: readonly MessageResult[], pick: (o: CheckOutcome | null) => boolean): number {
  return results.reduce((n, r) => n + (pick(r.mac) ? 1 : 0) + (pick(r.signature) ? 1 : 0), 0);
}

function rowOf(name: string, results: readonly MessageResult[]): Row {
  const kinds = new Map<string, number>();
  for (const r of results) if (r.payload) kinds.set(r.payload, (kinds.get(r.payload) ?? 0) + 1);
  return {
    name,
    messages: results.length,
    decoded: results.filter((r) => r.decodeError === null).length,
    checks: count(results, (o) => o?.status === 'valid' || o?.status === 'invalid'),
    valid: count(results, (o) => o?.status === 'valid'),
    unchecked: count(results, (o) => o?.status === 'not-checked'),
    roundTripped: results.filter((r) => r.roundTrip === true).length,
    decrypted: results.reduce(
      (n, r) => n + r.decrypted.filter((o) => o.status === 'valid').length - r.plaintextErrors.length,
      0,
    ),
    encrypted: results.reduce((n, r) => n + r.decrypted.length, 0),
    payloads: [...kinds]
      .sort()
      .map(([k, n]) => `${k} ${n}`)
      .join(', '),
  };
}

/**
 * One line per RTDS folder (one use case, e.g. `4.1.1_ECS17b`), then the totals: messages,
 * decoded, checks verified of checks made (MACs + signatures), checks the keystore cannot make,
 * round-tripped, encrypted payload parts that decrypted, authenticated and decoded of those found, and
 * which payload codec read the messages.
 */
export function renderTable(byUseCase: ReadonlyMap<string, readonly MessageResult[]>): string {
  const rows = [...byUseCase].map(([name, results]) => rowOf(name, results));
  const total = rowOf('TOTAL', [...byUseCase.values()].flat());
  const width = Math.max(...rows.map((r) => r.name.length), 8);
  const line = (r: Row) =>
    `${r.name.padEnd(width)}  ${String(r.messages).padStart(5)}  ${String(r.decoded).padStart(7)}  ` +
    `${`${r.valid}/${r.checks}`.padStart(9)}  ${String(r.unchecked).padStart(9)}  ` +
    `${String(r.roundTripped).padStart(13)}  ${`${r.decrypted}/${r.encrypted}`.padStart(9)}  ${r.payloads}`;
  const header =
    `${'use case'.padEnd(width)}  ${'files'.padStart(5)}  ${'decoded'.padStart(7)}  ${'verified'.padStart(9)}  ` +
    `${'unchecked'.padStart(9)}  ${'round-tripped'.padStart(13)}  ${'decrypted'.padStart(9)}  payloads`;
  const rule = '-'.repeat(header.length + 12);
  return [header, rule, ...rows.map(line), rule, line(total), ''].join('\n');
}
