import type { ByteReader, ByteWriter } from '../byte-reader.js';

/**
 * ZCL payload integers are little-endian (GBCS-FACTS §9.2, §14.2), unlike every other GBCS
 * field, which the shared ByteReader reads big-endian. These two helpers are the only place the
 * byte order flips.
 */
export function readUintLE(r: ByteReader, size: number, field: string): bigint {
  const b = r.take(size, field);
  let value = 0n;
  for (let i = b.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(b[i]!);
  return value;
}

export function readU16LE(r: ByteReader, field: string): number {
  const b = r.take(2, field);
  return b[0]! | (b[1]! << 8);
}

export function writeUintLE(w: ByteWriter, size: number, value: bigint): void {
  const out = new Uint8Array(size);
  let v = value;
  for (let i = 0; i < size; i++) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  w.bytes(out);
}

export function writeU16LE(w: ByteWriter, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > 0xffff) throw new RangeError(`u16 ${value} out of range`);
  w.u8(value & 0xff).u8(value >> 8);
}
