import type { PlainValue } from '../../../cbor.js';
import {
  cosemDateTimeFromDate,
  cosemDateTimeToDate,
  decodeCosemDateTime,
  encodeCosemDateTime,
} from '../../dlms/date-time.js';
import type { DlmsData, SimpleDataType } from '../../dlms/types.js';
import { GbcsError } from '../../errors.js';
import { UseCaseError } from '../use-case-codec.js';

/**
 * Small builders and strict readers of the A-XDR values the 4.x reads carry (GBCS-FACTS §8.4).
 * A reader throws UseCaseError naming the field, never anything else.
 */

/** Seconds from the Unix epoch to 2000-01-01T00:00Z: GBCS profile timestamps and ZCL UTCTime count from there. */
export const Y2000_S = 946_684_800;

export const msFromY2000 = (seconds: number): number => (seconds + Y2000_S) * 1000;
export const y2000FromMs = (ms: number): number => Math.floor(ms / 1000) - Y2000_S;

export const dlu = (value: number): DlmsData => ({ type: 'double-long-unsigned', value: clampU32(value) });
export const dl = (value: number): DlmsData => ({ type: 'double-long', value: clampS32(value) });
export const octets = (bytes: Uint8Array): DlmsData => ({ type: 'octet-string', bytes });
export const struct = (...items: DlmsData[]): DlmsData => ({ type: 'structure', items });
export const NULL_DATA: DlmsData = { type: 'null-data' };

/** DLMS scaler-unit: structure {integer scaler, enum unit} (unit 27 W, 30 Wh, 32 varh, 255 count). */
export const scalerUnit = (scaler: number, unit: number): DlmsData =>
  struct({ type: 'integer', value: scaler }, { type: 'enum', value: unit });

function clampU32(v: number): number {
  return Math.min(0xffff_ffff, Math.max(0, Math.round(v)));
}
function clampS32(v: number): number {
  return Math.min(0x7fff_ffff, Math.max(-0x8000_0000, Math.round(v)));
}

/** A value of the given simple type, or UseCaseError naming `field`. */
export function numberOf(d: DlmsData | undefined, type: SimpleDataType, field: string): number {
  if (d?.type !== type || typeof (d as { value?: unknown }).value !== 'number')
    throw new UseCaseError(`${field} must be ${type}`, field);
  return (d as { value: number }).value;
}

export function itemsOf(d: DlmsData | undefined, type: 'structure' | 'array', field: string, count?: number) {
  if (d?.type !== type) throw new UseCaseError(`${field} must be a ${type}`, field);
  if (count !== undefined && d.items.length !== count)
    throw new UseCaseError(`${field} must have ${count} items, has ${d.items.length}`, field);
  return d.items;
}

export function octetsOf(d: DlmsData | undefined, field: string, length?: number): Uint8Array {
  if (d?.type !== 'octet-string') throw new UseCaseError(`${field} must be an octet-string`, field);
  if (length !== undefined && d.bytes.length !== length)
    throw new UseCaseError(`${field} must be ${length} bytes`, field);
  return d.bytes;
}

/** An instant as the 12-byte COSEM date-time of a range selection: day of week and hundredths unspecified, as RTDS sends. */
export function dateTimeOctets(ms: number): DlmsData {
  return octets(encodeCosemDateTime({ ...cosemDateTimeFromDate(new Date(ms)), dayOfWeek: 0xff, hundredths: 0 }));
}

export function msOfDateTimeOctets(d: DlmsData | undefined, field: string): number {
  const bytes = octetsOf(d, field, 12);
  try {
    const date = cosemDateTimeToDate(decodeCosemDateTime(bytes, 0, field));
    if (date) return date.getTime();
  } catch (error) {
    if (!(error instanceof GbcsError)) throw error;
  }
  throw new UseCaseError(`${field} must name an instant`, field);
}

/** A compact-array of structures of simple types (the profile and log buffers, §8.4). */
export function compactRows(types: readonly SimpleDataType[], rows: readonly (readonly DlmsData[])[]): DlmsData {
  return {
    type: 'compact-array',
    description: { type: 'structure', members: types.map((dataType) => ({ type: 'simple', dataType })) },
    items: rows.map((row) => struct(...row)),
  };
}

/** The rows of a compact-array or array of structures, each with `width` items. */
export function rowsOf(d: DlmsData | undefined, width: number, field: string): readonly (readonly DlmsData[])[] {
  if (d?.type !== 'compact-array' && d?.type !== 'array') throw new UseCaseError(`${field} must be an array`, field);
  return d.items.map((row, i) => itemsOf(row, 'structure', `${field}[${i}]`, width));
}

/** The plain-value body of a handler's answer as a map (an absent or odd payload reads as empty). */
export function fieldsOf(payload: PlainValue): { readonly [key: string]: PlainValue } {
  return payload !== null && typeof payload === 'object' && !Array.isArray(payload) && !(payload instanceof Uint8Array)
    ? (payload as { readonly [key: string]: PlainValue })
    : {};
}

export function numField(payload: PlainValue, key: string, fallback = 0): number {
  const v = fieldsOf(payload)[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

export function listField(payload: PlainValue, key: string): readonly PlainValue[] {
  const v = fieldsOf(payload)[key];
  return Array.isArray(v) ? (v as readonly PlainValue[]) : [];
}
