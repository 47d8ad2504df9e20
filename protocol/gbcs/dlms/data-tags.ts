import type { DlmsDataType, SimpleDataType } from './types.js';

/**
 * The A-XDR Data CHOICE tags (GBCS-FACTS §8.4, the DLMS Data type). RTDS 4.5.0 uses 00–06, 09, 0A,
 * 0C, 0F–13 and 16; the others are standard DLMS tags GBCS does not exclude (14/15 long64, 17/18
 * float, 19–1B date-time/date/time, 0D bcd), kept so a device model can send them [unconfirmed
 * for GBCS]. `dont-care` (FF) is a selective-access placeholder, not a value, and is refused.
 */
export const DATA_TAG = {
  'null-data': 0x00,
  array: 0x01,
  structure: 0x02,
  boolean: 0x03,
  'bit-string': 0x04,
  'double-long': 0x05,
  'double-long-unsigned': 0x06,
  'octet-string': 0x09,
  'visible-string': 0x0a,
  'utf8-string': 0x0c,
  bcd: 0x0d,
  integer: 0x0f,
  long: 0x10,
  unsigned: 0x11,
  'long-unsigned': 0x12,
  'compact-array': 0x13,
  long64: 0x14,
  'long64-unsigned': 0x15,
  enum: 0x16,
  float32: 0x17,
  float64: 0x18,
  'date-time': 0x19,
  date: 0x1a,
  time: 0x1b,
} as const satisfies Record<DlmsDataType, number>;

const TYPE_BY_TAG = new Map<number, DlmsDataType>(
  (Object.entries(DATA_TAG) as [DlmsDataType, number][]).map(([type, tag]) => [tag, type]),
);

export function dataTypeOfTag(tag: number): DlmsDataType | undefined {
  return TYPE_BY_TAG.get(tag);
}

export function isSimpleDataType(type: DlmsDataType): type is SimpleDataType {
  return type !== 'array' && type !== 'structure' && type !== 'compact-array';
}

/** Bytes of the fixed-size simple types; the rest (strings, bit-string) carry a length. */
export const FIXED_WIDTH: Partial<Record<SimpleDataType, number>> = {
  'null-data': 0,
  boolean: 1,
  'double-long': 4,
  'double-long-unsigned': 4,
  bcd: 1,
  integer: 1,
  long: 2,
  unsigned: 1,
  'long-unsigned': 2,
  long64: 8,
  'long64-unsigned': 8,
  enum: 1,
  float32: 4,
  float64: 8,
  'date-time': 12,
  date: 5,
  time: 4,
};
