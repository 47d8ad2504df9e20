import { GbcsError } from '../errors.js';
import { ByteWriter, type ByteReader } from '../byte-reader.js';
import type { DerNode, DerTagClass } from './types.js';
import { UNIVERSAL_BY_NUMBER, UNIVERSAL_TAGS, readPrimitive, writePrimitive } from './universal.js';

/** Deeper than any GBCS payload goes (RTDS: 8, a certificate inside a CS02b option). */
export const MAX_DER_DEPTH = 16;

const CLASSES: readonly DerTagClass[] = ['universal', 'application', 'context', 'private'];
const CONSTRUCTED = 0x20;
const HIGH_TAG = 0x1f;

interface Length {
  readonly length: number;
  readonly lengthBytes?: 1 | 2;
}

/**
 * X.690 §8.1.3 definite lengths: the short form, `81 xx` or `82 xx xx`. The indefinite form (80)
 * is not DER and is refused, as are forms longer than 2 bytes (no GBCS payload nears 64 KiB). A
 * longer form than needed is accepted and remembered: RTDS uses `82 00 xx` (see types.ts).
 */
function readLength(r: ByteReader, field: string): Length {
  const at = r.offset;
  const first = r.u8(`${field}.length`);
  if (first < 0x80) return { length: first };
  if (first === 0x81) {
    const length = r.u8(`${field}.length`);
    return length < 0x80 ? { length, lengthBytes: 1 } : { length };
  }
  if (first === 0x82) {
    const length = r.u16(`${field}.length`);
    return length < 0x100 ? { length, lengthBytes: 2 } : { length };
  }
  const why =
    first === 0x80 ? 'the indefinite length is not DER' : `length form 0x${first.toString(16)} is not allowed`;
  throw new GbcsError('BAD_LENGTH', why, at, `${field}.length`);
}

export function readNode(r: ByteReader, depth: number, field: string): DerNode {
  const at = r.offset;
  if (depth > MAX_DER_DEPTH) throw new GbcsError('TOO_DEEP', `DER nested deeper than ${MAX_DER_DEPTH}`, at, field);
  const id = r.u8(`${field}.tag`);
  const tagClass = CLASSES[id >> 6]!;
  const constructed = (id & CONSTRUCTED) !== 0;
  const tagNumber = id & HIGH_TAG;
  if (tagNumber === HIGH_TAG) throw new GbcsError('BAD_TAG', 'high tag numbers are not used by GBCS', at, field);
  const { length, lengthBytes } = readLength(r, field);
  const body = r.sub(length, `${field}.content`);
  const keep = lengthBytes === undefined ? {} : { lengthBytes };
  const children = (): DerNode[] => {
    const out: DerNode[] = [];
    while (!body.done) out.push(readNode(body, depth + 1, `${field}[${out.length}]`));
    return out;
  };
  if (tagClass !== 'universal') {
    if (constructed) return { type: 'tagged', tagClass, tagNumber, constructed, children: children(), ...keep };
    return { type: 'tagged', tagClass, tagNumber, constructed, content: body.take(length, field), ...keep };
  }
  const type = UNIVERSAL_BY_NUMBER.get(tagNumber);
  if (type === undefined)
    throw new GbcsError('BAD_TAG', `universal tag ${tagNumber} is not one GBCS uses`, at, `${field}.tag`);
  const wantConstructed = type === 'sequence' || type === 'set';
  if (constructed !== wantConstructed)
    throw new GbcsError(
      'BAD_TAG',
      `${type} must be ${wantConstructed ? 'constructed' : 'primitive'} in DER`,
      at,
      field,
    );
  if (type === 'sequence' || type === 'set') return { type, children: children(), ...keep };
  return { ...readPrimitive(type, body.take(length, field), at, field), ...keep };
}

export function writeNode(w: ByteWriter, n: DerNode, depth = 0): void {
  if (depth > MAX_DER_DEPTH) throw new RangeError(`DER nested deeper than ${MAX_DER_DEPTH}`);
  let id: number;
  let content: Uint8Array;
  switch (n.type) {
    case 'tagged': {
      const cls = CLASSES.indexOf(n.tagClass);
      if (cls < 1) throw new RangeError(`tag class ${n.tagClass} is not a tagged class`);
      if (!Number.isInteger(n.tagNumber) || n.tagNumber < 0 || n.tagNumber >= HIGH_TAG)
        throw new RangeError(`tag number ${n.tagNumber} needs the high-tag form`);
      id = (cls << 6) | n.tagNumber | (n.constructed ? CONSTRUCTED : 0);
      content = n.constructed ? childrenBytes(n.children, depth) : n.content;
      break;
    }
    case 'sequence':
    case 'set':
      id = UNIVERSAL_TAGS[n.type] | CONSTRUCTED;
      content = childrenBytes(n.children, depth);
      break;
    default:
      id = UNIVERSAL_TAGS[n.type];
      content = writePrimitive(n);
  }
  w.u8(id);
  writeLength(w, content.length, n.lengthBytes);
  w.bytes(content);
}

function childrenBytes(children: readonly DerNode[], depth: number): Uint8Array {
  const w = new ByteWriter();
  for (const c of children) writeNode(w, c, depth + 1);
  return w.finish();
}

function writeLength(w: ByteWriter, n: number, lengthBytes: 1 | 2 | undefined): void {
  if (n > 0xffff) throw new RangeError(`DER content of ${n} bytes is too long`);
  const bytes = lengthBytes ?? (n < 0x80 ? 0 : n <= 0xff ? 1 : 2);
  // A kept long form must still be longer than the shortest, or the decoder would not give it back.
  const shortest = n < 0x80 ? 0 : n <= 0xff ? 1 : 2;
  if (bytes < shortest || (lengthBytes !== undefined && bytes === shortest))
    throw new RangeError(`lengthBytes ${String(lengthBytes)} does not fit a length of ${n}`);
  if (bytes === 0) w.u8(n);
  else if (bytes === 1) w.u8(0x81).u8(n);
  else w.u8(0x82).u16(n);
}
