import { GbcsError } from '../errors.js';
import type { DerNode } from './types.js';

/**
 * The universal tag numbers this codec accepts (X.680 §8.4), with whether they are constructed in
 * DER. RTDS 4.5.0 uses all of them except IA5String; any other universal tag is refused.
 */
export const UNIVERSAL_TAGS = {
  boolean: 1,
  integer: 2,
  bitString: 3,
  octetString: 4,
  null: 5,
  oid: 6,
  enumerated: 10,
  utf8String: 12,
  sequence: 16,
  set: 17,
  printableString: 19,
  ia5String: 22,
  utcTime: 23,
  generalizedTime: 24,
} as const;

export type UniversalType = keyof typeof UNIVERSAL_TAGS;
type Primitive = Exclude<UniversalType, 'sequence' | 'set'>;
type PrimitiveNode = Extract<DerNode, { type: Primitive }>;

export const UNIVERSAL_BY_NUMBER = new Map<number, UniversalType>(
  Object.entries(UNIVERSAL_TAGS).map(([k, v]) => [v, k as UniversalType]),
);

const PRINTABLE = /^[A-Za-z0-9 '()+,\-./:=?]*$/;
// X.690 §11.7/§11.8: DER times end in Z, with seconds and no fraction here (the RTDS forms).
const UTC_TIME = /^\d{12}Z$/;
const GENERALIZED_TIME = /^\d{14}Z$/;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Reads the content of a primitive universal value, refusing what DER does not allow. */
export function readPrimitive(type: Primitive, c: Uint8Array, at: number, field: string): PrimitiveNode {
  const bad = (why: string): GbcsError => new GbcsError('BAD_VALUE', `${type}: ${why}`, at, field);
  switch (type) {
    case 'boolean':
      // X.690 §11.1: TRUE is FF in DER.
      if (c.length !== 1 || (c[0] !== 0x00 && c[0] !== 0xff)) throw bad('must be one byte, 00 or FF');
      return { type, value: c[0] === 0xff };
    case 'integer':
    case 'enumerated':
      if (c.length === 0) throw bad('empty');
      if (c.length > 1 && ((c[0] === 0 && c[1]! < 0x80) || (c[0] === 0xff && c[1]! >= 0x80)))
        throw bad('not in its shortest two’s-complement form');
      return { type, value: twosComplement(c) };
    case 'bitString': {
      const unused = c[0];
      if (unused === undefined || unused > 7 || (c.length === 1 && unused !== 0)) throw bad('bad unused-bits count');
      // X.690 §11.2.1: the unused bits are zero in DER.
      if (unused > 0 && (c[c.length - 1]! & ((1 << unused) - 1)) !== 0) throw bad('unused bits are not zero');
      return { type, unusedBits: unused, bytes: c.subarray(1) };
    }
    case 'octetString':
      return { type, value: c };
    case 'null':
      if (c.length !== 0) throw bad('must be empty');
      return { type };
    case 'oid':
      return { type, value: readOid(c, bad) };
    case 'utf8String':
      try {
        return { type, value: utf8.decode(c) };
      } catch {
        throw bad('not UTF-8');
      }
    case 'printableString':
    case 'ia5String':
    case 'utcTime':
    case 'generalizedTime': {
      if (c.some((b) => b > 0x7f)) throw bad('not ASCII');
      const value = Array.from(c, (b) => String.fromCharCode(b)).join('');
      const pattern =
        type === 'printableString'
          ? PRINTABLE
          : type === 'utcTime'
            ? UTC_TIME
            : type === 'generalizedTime'
              ? GENERALIZED_TIME
              : null;
      if (pattern && !pattern.test(value)) throw bad(`"${value}" is not allowed`);
      return { type, value };
    }
  }
}

/** The content bytes of a primitive universal value; a value DER cannot hold is a RangeError. */
export function writePrimitive(n: PrimitiveNode): Uint8Array {
  switch (n.type) {
    case 'boolean':
      return Uint8Array.of(n.value ? 0xff : 0x00);
    case 'integer':
    case 'enumerated':
      return integerBytes(n.value);
    case 'bitString': {
      const { unusedBits: u, bytes } = n;
      if (!Number.isInteger(u) || u < 0 || u > 7 || (bytes.length === 0 && u !== 0))
        throw new RangeError('bad unused-bits count');
      if (u > 0 && (bytes[bytes.length - 1]! & ((1 << u) - 1)) !== 0) throw new RangeError('unused bits must be zero');
      const out = new Uint8Array(bytes.length + 1);
      out[0] = u;
      out.set(bytes, 1);
      return out;
    }
    case 'octetString':
      return n.value;
    case 'null':
      return new Uint8Array(0);
    case 'oid':
      return oidBytes(n.value);
    case 'utf8String':
      return new TextEncoder().encode(n.value);
    case 'printableString':
    case 'ia5String':
    case 'utcTime':
    case 'generalizedTime': {
      const pattern =
        n.type === 'printableString'
          ? PRINTABLE
          : n.type === 'utcTime'
            ? UTC_TIME
            : n.type === 'generalizedTime'
              ? GENERALIZED_TIME
              : null;
      const ascii = [...n.value].every((ch) => ch.charCodeAt(0) <= 0x7f);
      if (!ascii || (pattern && !pattern.test(n.value))) throw new RangeError(`${n.type} "${n.value}" is not allowed`);
      return Uint8Array.from(n.value, (ch) => ch.charCodeAt(0));
    }
  }
}

function twosComplement(c: Uint8Array): bigint {
  let v = 0n;
  for (const b of c) v = (v << 8n) | BigInt(b);
  return c[0]! & 0x80 ? v - (1n << BigInt(8 * c.length)) : v;
}

function integerBytes(value: bigint): Uint8Array {
  const out: number[] = [];
  let v = value;
  // Emit bytes until the remaining value is just the sign extension of the last byte written.
  for (;;) {
    const byte = Number(BigInt.asUintN(8, v));
    out.unshift(byte);
    v >>= 8n;
    if ((v === 0n && byte < 0x80) || (v === -1n && byte >= 0x80)) break;
  }
  return Uint8Array.from(out);
}

function readOid(c: Uint8Array, bad: (why: string) => GbcsError): string {
  if (c.length === 0) throw bad('empty');
  const arcs: bigint[] = [];
  let v = 0n;
  let start = true;
  for (const b of c) {
    if (start && b === 0x80) throw bad('sub-identifier not in its shortest form');
    v = (v << 7n) | BigInt(b & 0x7f);
    start = (b & 0x80) === 0;
    if (start) {
      arcs.push(v);
      v = 0n;
    }
  }
  if (!start) throw bad('last sub-identifier is cut short');
  const first = arcs[0]!;
  const head = first < 40n ? [0n, first] : first < 80n ? [1n, first - 40n] : [2n, first - 80n];
  return [...head, ...arcs.slice(1)].join('.');
}

function oidBytes(dotted: string): Uint8Array {
  if (!/^[0-2](\.\d+)+$/.test(dotted)) throw new RangeError(`OID ${dotted} is not dotted decimal`);
  const arcs = dotted.split('.').map((x) => BigInt(x));
  const [a, b, ...rest] = arcs as [bigint, bigint, ...bigint[]];
  if (a < 2n && b >= 40n) throw new RangeError(`OID ${dotted}: second arc must be below 40`);
  const out: number[] = [];
  for (const arc of [a * 40n + b, ...rest]) {
    const group: number[] = [];
    let v = arc;
    do {
      group.unshift(Number(v & 0x7fn) | (group.length > 0 ? 0x80 : 0));
      v >>= 7n;
    } while (v > 0n);
    out.push(...group);
  }
  return Uint8Array.from(out);
}
