import { GbcsError } from './errors.js';

/**
 * A cursor over GBCS bytes that refuses to read past the end. Every read names its field, so a
 * failure says which field and where. `base` is the offset of `bytes[0]` within the whole message:
 * a payload codec handed a slice still reports offsets from the message's first byte.
 */
export class ByteReader {
  private at = 0;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly base = 0,
  ) {}

  /** The offset of the next byte, from the first byte of the whole message. */
  get offset(): number {
    return this.base + this.at;
  }

  get remaining(): number {
    return this.bytes.length - this.at;
  }

  get done(): boolean {
    return this.at >= this.bytes.length;
  }

  peek(field: string): number {
    if (this.at >= this.bytes.length) throw new GbcsError('TRUNCATED', `no byte left for ${field}`, this.offset, field);
    return this.bytes[this.at]!;
  }

  u8(field: string): number {
    const value = this.peek(field);
    this.at += 1;
    return value;
  }

  u16(field: string): number {
    const b = this.take(2, field);
    return (b[0]! << 8) | b[1]!;
  }

  u32(field: string): number {
    const b = this.take(4, field);
    return ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
  }

  u64(field: string): bigint {
    const b = this.take(8, field);
    let value = 0n;
    for (const byte of b) value = (value << 8n) | BigInt(byte);
    return value;
  }

  /** `n` bytes as a view (not a copy) of the input. */
  take(n: number, field: string): Uint8Array {
    if (n < 0 || this.at + n > this.bytes.length)
      throw new GbcsError('TRUNCATED', `${field} needs ${n} bytes, ${this.remaining} left`, this.offset, field);
    const out = this.bytes.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }

  /** Expect one exact byte, e.g. a fixed tag. */
  expect(value: number, field: string): void {
    const offset = this.offset;
    const got = this.u8(field);
    if (got !== value)
      throw new GbcsError('BAD_TAG', `${field} must be 0x${hex2(value)}, got 0x${hex2(got)}`, offset, field);
  }

  /**
   * An A-XDR / BER length (GBCS-FACTS §2): 00–7F is the length, 81 xx and 82 xx xx carry it in the
   * next one or two bytes. Longer forms are refused: no GBCS message comes near 64 KiB.
   */
  length(field: string): number {
    const offset = this.offset;
    const first = this.u8(field);
    if (first < 0x80) return first;
    if (first === 0x81) return this.u8(field);
    if (first === 0x82) return this.u16(field);
    throw new GbcsError('BAD_LENGTH', `${field}: length form 0x${hex2(first)} is not allowed`, offset, field);
  }

  /**
   * A §2 length that must be in its shortest form (`81 05` is refused: it would re-encode as `05`).
   * The envelope reads its lengths this way, so that every message it accepts re-encodes exactly.
   */
  minimalLength(field: string): number {
    const offset = this.offset;
    const n = this.length(field);
    if (this.offset - offset !== encodeLength(n).length)
      throw new GbcsError('BAD_LENGTH', `${field}: length ${n} is not in its shortest form`, offset, field);
    return n;
  }

  /** A length-prefixed field (§2 length, then that many bytes). */
  lengthPrefixed(field: string): Uint8Array {
    return this.take(this.length(field), field);
  }

  /** A reader over the next `n` bytes, which this reader then skips. */
  sub(n: number, field: string): ByteReader {
    const start = this.offset;
    return new ByteReader(this.take(n, field), start);
  }

  /** Refuse leftover bytes: every structure must end exactly where its length says. */
  end(field: string): void {
    if (!this.done) throw new GbcsError('TRAILING', `${this.remaining} bytes left after ${field}`, this.offset, field);
  }
}

/** The §2 length encoding, the shortest form: the encoder always writes what the decoder reads. */
export function encodeLength(n: number): Uint8Array {
  if (!Number.isInteger(n) || n < 0 || n > 0xffff) throw new RangeError(`length ${n} cannot be encoded`);
  if (n < 0x80) return Uint8Array.of(n);
  if (n <= 0xff) return Uint8Array.of(0x81, n);
  return Uint8Array.of(0x82, n >> 8, n & 0xff);
}

/** Collects bytes for an encoder. */
export class ByteWriter {
  private readonly parts: Uint8Array[] = [];
  private size = 0;

  bytes(b: Uint8Array): this {
    this.parts.push(b);
    this.size += b.length;
    return this;
  }

  u8(value: number): this {
    return this.bytes(Uint8Array.of(value & 0xff));
  }

  u16(value: number): this {
    return this.bytes(Uint8Array.of((value >> 8) & 0xff, value & 0xff));
  }

  u32(value: number): this {
    return this.bytes(Uint8Array.of((value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff));
  }

  u64(value: bigint): this {
    const out = new Uint8Array(8);
    let v = value;
    for (let i = 7; i >= 0; i--) {
      out[i] = Number(v & 0xffn);
      v >>= 8n;
    }
    return this.bytes(out);
  }

  length(n: number): this {
    return this.bytes(encodeLength(n));
  }

  lengthPrefixed(b: Uint8Array): this {
    return this.length(b.length).bytes(b);
  }

  get byteLength(): number {
    return this.size;
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.size);
    let at = 0;
    for (const part of this.parts) {
      out.set(part, at);
      at += part.length;
    }
    return out;
  }
}

function hex2(n: number): string {
  return n.toString(16).padStart(2, '0').toUpperCase();
}
