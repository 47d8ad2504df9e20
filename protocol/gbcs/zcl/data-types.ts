import { GbcsError } from '../errors.js';
import type { ByteReader, ByteWriter } from '../byte-reader.js';
import { readUintLE, writeUintLE } from './little-endian.js';

/**
 * The ZCL data types (ZigBee Cluster Library 07-5123, table 2-10) that a GBZ payload can carry,
 * keyed by their type byte. Every value inside a ZCL payload is little-endian (GBCS-FACTS §9.2,
 * §14.2). RTDS 4.5.0 uses 18, 19, 20, 21, 22, 23, 25, 2B, 30, 41 and 42; the rest of the fixed-size
 * and string types are here because they cost one row each. Arrays, structures, sets and bags
 * (48, 4C, 50, 51) are not: no GBCS use case returns one, and the decoder refuses their type byte.
 *
 * `form` says how the value is held: `uint`/`int` as a number (sizes up to 6 bytes are exact in a
 * double), `biguint`/`bigint` as a bigint (7 and 8 bytes), `string1`/`string2` as bytes behind a
 * 1- or 2-byte length, `date` as its four bytes, `bytes` as fixed raw bytes. Bitmaps, enums,
 * UTCTime, cluster/attribute ids and floats (held as their raw bits) are unsigned numbers.
 */
export const ZCL_TYPES = {
  0x08: { name: 'data8', size: 1, form: 'uint' },
  0x09: { name: 'data16', size: 2, form: 'uint' },
  0x0a: { name: 'data24', size: 3, form: 'uint' },
  0x0b: { name: 'data32', size: 4, form: 'uint' },
  0x0c: { name: 'data40', size: 5, form: 'uint' },
  0x0d: { name: 'data48', size: 6, form: 'uint' },
  0x0e: { name: 'data56', size: 7, form: 'biguint' },
  0x0f: { name: 'data64', size: 8, form: 'biguint' },
  0x10: { name: 'boolean', size: 1, form: 'uint' },
  0x18: { name: 'bitmap8', size: 1, form: 'uint' },
  0x19: { name: 'bitmap16', size: 2, form: 'uint' },
  0x1a: { name: 'bitmap24', size: 3, form: 'uint' },
  0x1b: { name: 'bitmap32', size: 4, form: 'uint' },
  0x1c: { name: 'bitmap40', size: 5, form: 'uint' },
  0x1d: { name: 'bitmap48', size: 6, form: 'uint' },
  0x1e: { name: 'bitmap56', size: 7, form: 'biguint' },
  0x1f: { name: 'bitmap64', size: 8, form: 'biguint' },
  0x20: { name: 'uint8', size: 1, form: 'uint' },
  0x21: { name: 'uint16', size: 2, form: 'uint' },
  0x22: { name: 'uint24', size: 3, form: 'uint' },
  0x23: { name: 'uint32', size: 4, form: 'uint' },
  0x24: { name: 'uint40', size: 5, form: 'uint' },
  0x25: { name: 'uint48', size: 6, form: 'uint' },
  0x26: { name: 'uint56', size: 7, form: 'biguint' },
  0x27: { name: 'uint64', size: 8, form: 'biguint' },
  0x28: { name: 'int8', size: 1, form: 'int' },
  0x29: { name: 'int16', size: 2, form: 'int' },
  0x2a: { name: 'int24', size: 3, form: 'int' },
  0x2b: { name: 'int32', size: 4, form: 'int' },
  0x2c: { name: 'int40', size: 5, form: 'int' },
  0x2d: { name: 'int48', size: 6, form: 'int' },
  0x2e: { name: 'int56', size: 7, form: 'bigint' },
  0x2f: { name: 'int64', size: 8, form: 'bigint' },
  0x30: { name: 'enum8', size: 1, form: 'uint' },
  0x31: { name: 'enum16', size: 2, form: 'uint' },
  0x38: { name: 'semiFloat', size: 2, form: 'uint' },
  0x39: { name: 'singleFloat', size: 4, form: 'uint' },
  0x3a: { name: 'doubleFloat', size: 8, form: 'biguint' },
  0x41: { name: 'octetString', size: 1, form: 'string1' },
  0x42: { name: 'charString', size: 1, form: 'string1' },
  0x43: { name: 'longOctetString', size: 2, form: 'string2' },
  0x44: { name: 'longCharString', size: 2, form: 'string2' },
  0xe0: { name: 'timeOfDay', size: 4, form: 'bytes' },
  0xe1: { name: 'date', size: 4, form: 'bytes' },
  0xe2: { name: 'utcTime', size: 4, form: 'uint' },
  0xe8: { name: 'clusterId', size: 2, form: 'uint' },
  0xe9: { name: 'attributeId', size: 2, form: 'uint' },
  0xea: { name: 'bacnetOid', size: 4, form: 'uint' },
  0xf0: { name: 'ieeeAddress', size: 8, form: 'biguint' },
  0xf1: { name: 'securityKey128', size: 16, form: 'bytes' },
} as const;

type ZclTypeEntry = (typeof ZCL_TYPES)[keyof typeof ZCL_TYPES];
export type ZclTypeName = ZclTypeEntry['name'];
type NamesOfForm<F extends ZclTypeEntry['form']> = Extract<ZclTypeEntry, { form: F }>['name'];

/** A typed ZCL value. `null` in a string is the ZCL "invalid" length (0xFF, or 0xFFFF for long strings). */
export type ZclValue =
  | { readonly type: NamesOfForm<'uint' | 'int'>; readonly value: number }
  | { readonly type: NamesOfForm<'biguint' | 'bigint'>; readonly value: bigint }
  | { readonly type: NamesOfForm<'string1' | 'string2'>; readonly value: Uint8Array | null }
  | { readonly type: NamesOfForm<'bytes'>; readonly value: Uint8Array };

const BY_NAME = new Map<ZclTypeName, { readonly id: number; readonly entry: ZclTypeEntry }>(
  Object.entries(ZCL_TYPES).map(([id, entry]) => [entry.name, { id: Number(id), entry }]),
);

export function zclTypeId(name: ZclTypeName): number {
  return lookup(name).id;
}

function lookup(name: ZclTypeName): { readonly id: number; readonly entry: ZclTypeEntry } {
  const found = BY_NAME.get(name);
  if (!found) throw new RangeError(`no ZCL type ${String(name)}`);
  return found;
}

/** The type byte of a Read Attributes Response or Write Attributes record; unknown bytes are refused. */
export function zclTypeName(id: number, offset: number, field: string): ZclTypeName {
  const entry = (ZCL_TYPES as Record<number, ZclTypeEntry | undefined>)[id];
  if (!entry) throw new GbcsError('BAD_TAG', `ZCL data type 0x${id.toString(16)} is not supported`, offset, field);
  return entry.name;
}

export function readZclValue(r: ByteReader, type: ZclTypeName, field: string): ZclValue {
  const { entry } = lookup(type);
  switch (entry.form) {
    case 'uint':
      return { type, value: Number(readUintLE(r, entry.size, field)) } as ZclValue;
    case 'int': {
      const raw = Number(readUintLE(r, entry.size, field));
      const span = 2 ** (8 * entry.size);
      return { type, value: raw >= span / 2 ? raw - span : raw } as ZclValue;
    }
    case 'biguint':
      return { type, value: readUintLE(r, entry.size, field) } as ZclValue;
    case 'bigint':
      return { type, value: BigInt.asIntN(8 * entry.size, readUintLE(r, entry.size, field)) } as ZclValue;
    case 'string1':
    case 'string2': {
      const length = Number(readUintLE(r, entry.size, `${field}.length`));
      // ZCL 2.6.2: the all-ones length marks an invalid (absent) string; no bytes follow it.
      if (length === 2 ** (8 * entry.size) - 1) return { type, value: null } as ZclValue;
      return { type, value: r.take(length, field) } as ZclValue;
    }
    case 'bytes':
      return { type, value: r.take(entry.size, field) } as ZclValue;
  }
}

/** Writes a value; a value that does not fit its type is a caller bug (RangeError), not a wire fault. */
export function writeZclValue(w: ByteWriter, v: ZclValue): void {
  const { entry } = lookup(v.type);
  switch (entry.form) {
    case 'uint':
    case 'int': {
      const n = v.value;
      const span = 2 ** (8 * entry.size);
      const signed = entry.form === 'int';
      if (
        typeof n !== 'number' ||
        !Number.isInteger(n) ||
        n < (signed ? -span / 2 : 0) ||
        n >= (signed ? span / 2 : span)
      )
        throw new RangeError(`${v.type} value ${String(n)} out of range`);
      writeUintLE(w, entry.size, BigInt(n < 0 ? n + span : n));
      return;
    }
    case 'biguint':
    case 'bigint': {
      const n = v.value;
      if (typeof n !== 'bigint') throw new RangeError(`${v.type} needs a bigint`);
      const bits = 8 * entry.size;
      const fits = entry.form === 'bigint' ? BigInt.asIntN(bits, n) === n : BigInt.asUintN(bits, n) === n;
      if (!fits) throw new RangeError(`${v.type} value ${n} out of range`);
      writeUintLE(w, entry.size, BigInt.asUintN(bits, n));
      return;
    }
    case 'string1':
    case 'string2': {
      const invalid = 2 ** (8 * entry.size) - 1;
      const bytes = v.value;
      if (bytes === null) return writeUintLE(w, entry.size, BigInt(invalid));
      if (!(bytes instanceof Uint8Array) || bytes.length >= invalid)
        throw new RangeError(`${v.type} longer than ${invalid - 1} bytes`);
      writeUintLE(w, entry.size, BigInt(bytes.length));
      w.bytes(bytes);
      return;
    }
    case 'bytes': {
      const bytes = v.value;
      if (!(bytes instanceof Uint8Array) || bytes.length !== entry.size)
        throw new RangeError(`${v.type} must be ${entry.size} bytes`);
      w.bytes(bytes);
      return;
    }
  }
}
