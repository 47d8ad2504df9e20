import type { ByteReader, ByteWriter } from '../byte-reader.js';

/**
 * A COSEM date-time (GBCS-FACTS §8.6), 12 bytes. Each field keeps its byte as sent, wildcards
 * (`FF`, `FD`/`FE`) included, so that re-encoding gives the same bytes; `meaning` turns it into text.
 */
export interface CosemDateTime {
  readonly year: number; // u16, 0xFFFF = any
  readonly month: number;
  readonly day: number;
  readonly weekday: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly hundredths: number;
  /** Minutes from UTC, s16; -32768 (`8000`) = unspecified. */
  readonly deviation: number;
  readonly clockStatus: number;
}

export function readCosemDateTime(reader: ByteReader, field: string): CosemDateTime {
  const year = reader.u16(`${field}.year`);
  const month = reader.u8(`${field}.month`);
  const day = reader.u8(`${field}.day`);
  const weekday = reader.u8(`${field}.weekday`);
  const hour = reader.u8(`${field}.hour`);
  const minute = reader.u8(`${field}.minute`);
  const second = reader.u8(`${field}.second`);
  const hundredths = reader.u8(`${field}.hundredths`);
  const rawDeviation = reader.u16(`${field}.deviation`);
  const clockStatus = reader.u8(`${field}.clock-status`);
  const deviation = rawDeviation >= 0x8000 ? rawDeviation - 0x10000 : rawDeviation;
  return { year, month, day, weekday, hour, minute, second, hundredths, deviation, clockStatus };
}

export function writeCosemDateTime(writer: ByteWriter, value: CosemDateTime): void {
  writer
    .u16(value.year)
    .u8(value.month)
    .u8(value.day)
    .u8(value.weekday)
    .u8(value.hour)
    .u8(value.minute)
    .u8(value.second)
    .u8(value.hundredths)
    .u16(value.deviation & 0xffff)
    .u8(value.clockStatus);
}

/** ISO-like text with `*` for wildcard fields, e.g. `2015-01-01 00:00:00.00 (deviation unspecified, status FF)`. */
export function describeCosemDateTime(value: CosemDateTime): string {
  const part = (n: number, width: number, wildcard: number) =>
    n === wildcard ? '*'.repeat(width) : String(n).padStart(width, '0');
  const date = `${part(value.year, 4, 0xffff)}-${part(value.month, 2, 0xff)}-${part(value.day, 2, 0xff)}`;
  const time = `${part(value.hour, 2, 0xff)}:${part(value.minute, 2, 0xff)}:${part(value.second, 2, 0xff)}`;
  const deviation = value.deviation === -0x8000 ? 'deviation unspecified' : `deviation ${value.deviation} min`;
  const status = `clock status ${value.clockStatus.toString(16).padStart(2, '0').toUpperCase()}`;
  return `${date} ${time} (${deviation}, ${status})`;
}
