import type { PlainValue } from '../../../cbor.js';
import type { DlmsData } from '../../dlms/types.js';
import { UseCaseError, type CommandContext } from '../use-case-codec.js';
import type { CosemRead } from './dlms-read.js';
import {
  compactRows,
  dateTimeOctets,
  dlu,
  fieldsOf,
  itemsOf,
  msFromY2000,
  msOfDateTimeOctets,
  numberOf,
  rowsOf,
  struct,
  y2000FromMs,
} from './dlms-values.js';

export const HALF_HOUR_MS = 30 * 60_000;
export const DAY_MS = 24 * 3600_000;

/**
 * The time range a log or profile read asks for, as the body carries it: `from` and `to` (ms
 * since the epoch). The JSON gateway's older bodies name a count instead (`count` half-hours for
 * 4.8.1, `days` for 4.17); the head-end turns those into the range ending at the last whole
 * period before now, which is what the handler answered for them.
 */
export function rangeOf(body: PlainValue, ctx: CommandContext, periodMs: number, countKey: string, fallback: number) {
  const b = fieldsOf(body);
  if (typeof b.from === 'number' && typeof b.to === 'number') return { from: b.from, to: b.to };
  const count = typeof b[countKey] === 'number' ? Math.max(1, Math.floor(b[countKey])) : fallback;
  const to = Math.floor(ctx.now / periodMs) * periodMs;
  return { from: to - count * periodMs, to };
}

/** Selective access by range with the two COSEM date-time octet strings (protected reads: ECS22b, ECS66 …). */
export function dateTimeRange(
  periodMs: number,
  countKey: string,
  fallback: number,
): NonNullable<CosemRead['selection']> {
  return {
    selector: 1,
    encode(body, ctx) {
      const { from, to } = rangeOf(body, ctx, periodMs, countKey, fallback);
      return struct(dateTimeOctets(from), dateTimeOctets(to));
    },
    decode(parameters: DlmsData) {
      const [from, to] = itemsOf(parameters, 'structure', 'range', 2);
      return { from: msOfDateTimeOctets(from, 'range.from'), to: msOfDateTimeOctets(to, 'range.to') };
    },
  };
}

/**
 * Range descriptor of a profile generic (IC 7 selector 1): structure {restricting object {class,
 * OBIS, attribute, data index}, from, to (seconds since 2000), selected values []} (ECS20a …).
 */
export function secondsRange(
  periodMs: number,
  countKey: string,
  fallback: number,
): NonNullable<CosemRead['selection']> {
  const restricting = struct(
    { type: 'long-unsigned', value: 1 },
    { type: 'octet-string', bytes: Uint8Array.of(0, 0, 0x5e, 0x2c, 0x64, 0xff) }, // 0-0:94.44.100.255, RTDS
    { type: 'integer', value: 2 },
    { type: 'long-unsigned', value: 0 },
  );
  return {
    selector: 1,
    encode(body, ctx) {
      const { from, to } = rangeOf(body, ctx, periodMs, countKey, fallback);
      return struct(restricting, dlu(y2000FromMs(from)), dlu(y2000FromMs(to)), { type: 'array', items: [] });
    },
    decode(parameters: DlmsData) {
      const [restrict, from, to, columns] = itemsOf(parameters, 'structure', 'range', 4);
      itemsOf(restrict, 'structure', 'range.restricting', 4);
      itemsOf(columns, 'array', 'range.columns');
      return {
        from: msFromY2000(numberOf(from, 'double-long-unsigned', 'range.from')),
        to: msFromY2000(numberOf(to, 'double-long-unsigned', 'range.to')),
      };
    },
  };
}

/** Rows {timestamp, value} of a log or profile answer, from the handler's list of {key: ms, units}. */
export function timedRows(list: readonly PlainValue[], timeKey: string): DlmsData {
  return compactRows(
    ['double-long-unsigned', 'double-long-unsigned'],
    list.map((entry) => {
      const e = fieldsOf(entry);
      return [
        dlu(y2000FromMs(typeof e[timeKey] === 'number' ? e[timeKey] : 0)),
        dlu(typeof e.units === 'number' ? e.units : 0),
      ];
    }),
  );
}

export function timedRowsBack(d: DlmsData | undefined, timeKey: string): PlainValue[] {
  return rowsOf(d, 2, 'buffer').map(([t, v], i) => ({
    [timeKey]: msFromY2000(numberOf(t, 'double-long-unsigned', `buffer[${i}].time`)),
    units: numberOf(v, 'double-long-unsigned', `buffer[${i}].value`),
  }));
}

export function requireNumber(v: PlainValue | undefined, field: string): number {
  if (typeof v !== 'number') throw new UseCaseError(`${field} must be a number`, field);
  return v;
}
