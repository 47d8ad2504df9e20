import { ByteReader, ByteWriter } from '../byte-reader.js';
import { GbcsError } from '../errors.js';

/**
 * COSEM date and time (GBCS-FACTS §8.6). Every field is kept as its raw number, so a wildcard
 * (`0xFF`, or `0xFFFF` for the year), a special day (`0xFD`/`0xFE`) or an odd clock status
 * re-encodes exactly; `cosemDateTimeToDate` gives the instant when the value names one.
 */
export interface CosemDate {
  readonly year: number; // u16, 0xFFFF = not specified
  readonly month: number; // 1–12; 0xFD DST end, 0xFE DST begin, 0xFF not specified
  readonly dayOfMonth: number; // 1–31; 0xFD second last, 0xFE last, 0xFF not specified
  readonly dayOfWeek: number; // 1–7 Monday–Sunday, 0xFF not specified
}

export interface CosemTime {
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly hundredths: number; // each 0xFF = not specified
}

export interface CosemDateTime extends CosemDate, CosemTime {
  /** Minutes of local time from UTC, s16; -0x8000 (bytes `80 00`) = not specified, as GBCS always sends. */
  readonly deviation: number;
  /** DLMS clock status bits; 0xFF = not specified (most RTDS files). */
  readonly clockStatus: number;
}

export const DEVIATION_UNSPECIFIED = -0x8000;
export const COSEM_DATE_TIME_LENGTH = 12;

/** The execution time "now" in command payloads: all-zero date and time, `80 00 FF` (§8.6). */
export const COSEM_NOW: CosemDateTime = Object.freeze({
  year: 0,
  month: 0,
  dayOfMonth: 0,
  dayOfWeek: 0,
  hour: 0,
  minute: 0,
  second: 0,
  hundredths: 0,
  deviation: DEVIATION_UNSPECIFIED,
  clockStatus: 0xff,
});

/** The execution time "never" (cancel): all-`FF` date and time, `80 00 FF` (§8.6). */
export const COSEM_NEVER: CosemDateTime = Object.freeze({
  year: 0xffff,
  month: 0xff,
  dayOfMonth: 0xff,
  dayOfWeek: 0xff,
  hour: 0xff,
  minute: 0xff,
  second: 0xff,
  hundredths: 0xff,
  deviation: DEVIATION_UNSPECIFIED,
  clockStatus: 0xff,
});

export function readCosemDate(r: ByteReader, field: string): CosemDate {
  return { year: r.u16(field), month: r.u8(field), dayOfMonth: r.u8(field), dayOfWeek: r.u8(field) };
}

export function readCosemTime(r: ByteReader, field: string): CosemTime {
  return { hour: r.u8(field), minute: r.u8(field), second: r.u8(field), hundredths: r.u8(field) };
}

export function readCosemDateTime(r: ByteReader, field: string): CosemDateTime {
  const date = readCosemDate(r, field);
  const time = readCosemTime(r, field);
  const raw = r.u16(field);
  return { ...date, ...time, deviation: raw >= 0x8000 ? raw - 0x10000 : raw, clockStatus: r.u8(field) };
}

/**
 * A 12-byte COSEM date-time carried in an octet string (alert timestamps, execution times, the
 * grouping header). `baseOffset` is where `bytes` starts in the message, for the error offset.
 */
export function decodeCosemDateTime(bytes: Uint8Array, baseOffset = 0, field = 'date-time'): CosemDateTime {
  if (bytes.length !== COSEM_DATE_TIME_LENGTH)
    throw new GbcsError('BAD_LENGTH', `${field}: a date-time is 12 bytes, got ${bytes.length}`, baseOffset, field);
  return readCosemDateTime(new ByteReader(bytes, baseOffset), field);
}

export function writeCosemDate(w: ByteWriter, d: CosemDate, field: string): void {
  w.u16(checked(d.year, 0, 0xffff, `${field}.year`, w));
  for (const key of ['month', 'dayOfMonth', 'dayOfWeek'] as const) w.u8(checked(d[key], 0, 0xff, `${field}.${key}`, w));
}

export function writeCosemTime(w: ByteWriter, t: CosemTime, field: string): void {
  for (const key of ['hour', 'minute', 'second', 'hundredths'] as const)
    w.u8(checked(t[key], 0, 0xff, `${field}.${key}`, w));
}

export function writeCosemDateTime(w: ByteWriter, dt: CosemDateTime, field: string): void {
  writeCosemDate(w, dt, field);
  writeCosemTime(w, dt, field);
  w.u16(checked(dt.deviation, -0x8000, 0x7fff, `${field}.deviation`, w) & 0xffff);
  w.u8(checked(dt.clockStatus, 0, 0xff, `${field}.clockStatus`, w));
}

export function encodeCosemDateTime(dt: CosemDateTime): Uint8Array {
  const w = new ByteWriter();
  writeCosemDateTime(w, dt, 'date-time');
  return w.finish();
}

export function isCosemNow(dt: CosemDateTime): boolean {
  return sameDateTime(dt, COSEM_NOW);
}

export function isCosemNever(dt: CosemDateTime): boolean {
  return sameDateTime(dt, COSEM_NEVER);
}

/**
 * The UTC instant a date-time names, or undefined when any date or time field is a wildcard or
 * special value (or it is "now"/"never"). GBCS leaves the deviation unspecified and means UTC;
 * a specified deviation is local time ahead of UTC by that many minutes (DLMS IC 8), so it is
 * subtracted. Hundredths 0xFF count as 0.
 */
export function cosemDateTimeToDate(dt: CosemDateTime): Date | undefined {
  if (dt.year === 0xffff || dt.month < 1 || dt.month > 12 || dt.dayOfMonth < 1 || dt.dayOfMonth > 31) return undefined;
  if (dt.hour > 23 || dt.minute > 59 || dt.second > 59) return undefined;
  const hundredths = dt.hundredths === 0xff ? 0 : dt.hundredths;
  if (hundredths > 99) return undefined;
  const ms = Date.UTC(dt.year, dt.month - 1, dt.dayOfMonth, dt.hour, dt.minute, dt.second, hundredths * 10);
  const check = new Date(ms);
  if (check.getUTCDate() !== dt.dayOfMonth) return undefined; // 31 February and the like
  const deviation = dt.deviation === DEVIATION_UNSPECIFIED ? 0 : dt.deviation;
  return new Date(ms - deviation * 60_000);
}

/** A fully specified UTC date-time, deviation unspecified and clock status `clockStatus` (default 0xFF), as GBCS writes them. */
export function cosemDateTimeFromDate(date: Date, clockStatus = 0xff): CosemDateTime {
  const weekday = date.getUTCDay(); // 0 = Sunday; COSEM counts 1 = Monday … 7 = Sunday
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    dayOfMonth: date.getUTCDate(),
    dayOfWeek: weekday === 0 ? 7 : weekday,
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: date.getUTCSeconds(),
    hundredths: Math.floor(date.getUTCMilliseconds() / 10),
    deviation: DEVIATION_UNSPECIFIED,
    clockStatus,
  };
}

function sameDateTime(a: CosemDateTime, b: CosemDateTime): boolean {
  return (Object.keys(b) as (keyof CosemDateTime)[]).every((key) => a[key] === b[key]);
}

function checked(value: number, min: number, max: number, field: string, w: ByteWriter): number {
  if (!Number.isInteger(value) || value < min || value > max)
    throw new GbcsError(
      'BAD_VALUE',
      `${field} must be an integer in ${min}..${max}, got ${value}`,
      w.byteLength,
      field,
    );
  return value;
}
