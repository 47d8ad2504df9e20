import type { ByteReader, ByteWriter } from '../byte-reader.js';
import { GbcsError } from '../errors.js';
import {
  readCosemDate,
  readCosemDateTime,
  readCosemTime,
  writeCosemDate,
  writeCosemDateTime,
  writeCosemTime,
} from './date-time.js';
import { readLength, writeLength } from './length.js';
import type { DlmsData, SimpleDataType } from './types.js';

/**
 * The body (no tag) of a simple A-XDR Data value (GBCS-FACTS §8.4): what follows the tag in a
 * tagged value, and all there is of each element inside a compact-array. Integers are big-endian.
 */
export function readSimple(r: ByteReader, type: SimpleDataType, field: string): DlmsData {
  switch (type) {
    case 'null-data':
      return { type };
    case 'boolean': {
      // RTDS writes TRUE as FF (526 times) and FALSE as 00 (14); nothing else, so nothing else is
      // accepted and a plain boolean re-encodes exactly. A-XDR reads any non-zero byte as TRUE:
      // a peer sending 01 would be refused here, by choice.
      const offset = r.offset;
      const b = r.u8(field);
      if (b !== 0x00 && b !== 0xff)
        throw new GbcsError('BAD_VALUE', `${field}: boolean byte must be 00 or FF, got ${b}`, offset, field);
      return { type, value: b === 0xff };
    }
    case 'bit-string': {
      const bitLength = readLength(r, field);
      return { type, bitLength, bytes: r.take(Math.ceil(bitLength / 8), field).slice() };
    }
    case 'double-long':
      return { type, value: r.u32(field) | 0 };
    case 'double-long-unsigned':
      return { type, value: r.u32(field) };
    case 'octet-string':
      return { type, bytes: r.take(readLength(r, field), field).slice() };
    case 'visible-string': {
      const offset = r.offset;
      const bytes = r.take(readLength(r, field), field);
      const bad = bytes.findIndex((c) => c < 0x20 || c > 0x7e);
      if (bad >= 0)
        throw new GbcsError('BAD_VALUE', `${field}: byte ${bytes[bad]} is not a visible character`, offset, field);
      return { type, value: String.fromCharCode(...bytes) };
    }
    case 'utf8-string': {
      const offset = r.offset;
      const bytes = r.take(readLength(r, field), field);
      try {
        return { type, value: UTF8_STRICT.decode(bytes) };
      } catch {
        throw new GbcsError('BAD_VALUE', `${field}: not valid UTF-8`, offset, field);
      }
    }
    case 'bcd':
    case 'unsigned':
    case 'enum':
      return { type, value: r.u8(field) };
    case 'integer':
      return { type, value: (r.u8(field) << 24) >> 24 };
    case 'long':
      return { type, value: (r.u16(field) << 16) >> 16 };
    case 'long-unsigned':
      return { type, value: r.u16(field) };
    case 'long64':
      return { type, value: BigInt.asIntN(64, r.u64(field)) };
    case 'long64-unsigned':
      return { type, value: r.u64(field) };
    case 'float32':
    case 'float64': {
      const offset = r.offset;
      const bytes = r.take(type === 'float32' ? 4 : 8, field);
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const value = type === 'float32' ? view.getFloat32(0) : view.getFloat64(0);
      // A NaN with a non-canonical payload would not re-encode to the same bytes; no meter value is NaN.
      if (Number.isNaN(value)) throw new GbcsError('BAD_VALUE', `${field}: NaN is not a value`, offset, field);
      return { type, value };
    }
    case 'date-time':
      return { type, value: readCosemDateTime(r, field) };
    case 'date':
      return { type, value: readCosemDate(r, field) };
    case 'time':
      return { type, value: readCosemTime(r, field) };
  }
}

/** Writes the body of a simple value; refuses values its type cannot carry (a typed GbcsError, offset = output position). */
export function writeSimple(w: ByteWriter, d: DlmsData, field: string): void {
  switch (d.type) {
    case 'null-data':
      return;
    case 'boolean':
      w.u8(d.value ? 0xff : 0x00);
      return;
    case 'bit-string':
      writeLength(w, d.bitLength, field);
      if (d.bytes.length !== Math.ceil(d.bitLength / 8))
        throw bad(w, field, `${d.bitLength} bits need ${Math.ceil(d.bitLength / 8)} bytes, got ${d.bytes.length}`);
      w.bytes(d.bytes);
      return;
    case 'double-long':
      w.u32(int(w, field, d.value, -0x8000_0000, 0x7fff_ffff));
      return;
    case 'double-long-unsigned':
      w.u32(int(w, field, d.value, 0, 0xffff_ffff));
      return;
    case 'octet-string':
      writeLength(w, d.bytes.length, field);
      w.bytes(d.bytes);
      return;
    case 'visible-string': {
      const codes = Array.from(d.value, (c) => c.codePointAt(0) ?? 0);
      if (codes.some((c) => c < 0x20 || c > 0x7e))
        throw bad(w, field, 'a visible-string holds only characters 0x20–0x7E');
      const bytes = Uint8Array.from(codes);
      writeLength(w, bytes.length, field);
      w.bytes(bytes);
      return;
    }
    case 'utf8-string': {
      const bytes = new TextEncoder().encode(d.value);
      if (UTF8_STRICT.decode(bytes) !== d.value) throw bad(w, field, 'the string has a lone surrogate');
      writeLength(w, bytes.length, field);
      w.bytes(bytes);
      return;
    }
    case 'bcd':
    case 'unsigned':
    case 'enum':
      w.u8(int(w, field, d.value, 0, 0xff));
      return;
    case 'integer':
      w.u8(int(w, field, d.value, -0x80, 0x7f));
      return;
    case 'long':
      w.u16(int(w, field, d.value, -0x8000, 0x7fff));
      return;
    case 'long-unsigned':
      w.u16(int(w, field, d.value, 0, 0xffff));
      return;
    case 'long64':
      if (d.value !== BigInt.asIntN(64, d.value)) throw bad(w, field, `${d.value} does not fit 64 signed bits`);
      w.u64(BigInt.asUintN(64, d.value));
      return;
    case 'long64-unsigned':
      if (d.value !== BigInt.asUintN(64, d.value)) throw bad(w, field, `${d.value} does not fit 64 unsigned bits`);
      w.u64(d.value);
      return;
    case 'float32':
    case 'float64': {
      if (Number.isNaN(d.value)) throw bad(w, field, 'NaN is not a value');
      const out = new Uint8Array(d.type === 'float32' ? 4 : 8);
      const view = new DataView(out.buffer);
      if (d.type === 'float32') view.setFloat32(0, d.value);
      else view.setFloat64(0, d.value);
      if (d.type === 'float32' && view.getFloat32(0) !== d.value) throw bad(w, field, `${d.value} is not a float32`);
      w.bytes(out);
      return;
    }
    case 'date-time':
      writeCosemDateTime(w, d.value, field);
      return;
    case 'date':
      writeCosemDate(w, d.value, field);
      return;
    case 'time':
      writeCosemTime(w, d.value, field);
      return;
    case 'array':
    case 'structure':
    case 'compact-array':
      throw bad(w, field, `${d.type} is not a simple type`);
  }
}

const UTF8_STRICT = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function int(w: ByteWriter, field: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max)
    throw bad(w, field, `${value} is not an integer in ${min}..${max}`);
  return value;
}

function bad(w: ByteWriter, field: string, message: string): GbcsError {
  return new GbcsError('BAD_VALUE', `${field}: ${message}`, w.byteLength, field);
}
