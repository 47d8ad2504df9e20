import { ByteReader, ByteWriter } from '../byte-reader.js';
import { GbcsError } from '../errors.js';
import { readCompactArray, writeCompactArray } from './compact-array.js';
import { DATA_TAG, dataTypeOfTag } from './data-tags.js';
import { readCount, writeLength } from './length.js';
import { readSimple, writeSimple } from './simple-value.js';
import type { DlmsData } from './types.js';

/**
 * Arrays, structures and compact-array descriptions nest at most this deep. RTDS goes to 6
 * (GBCS-FACTS §8.5 protection parameters inside a response); 16 leaves room and bounds the stack.
 */
export const MAX_DATA_DEPTH = 16;

/** One tagged A-XDR Data value (§8.4) at the reader's position. */
export function readData(r: ByteReader, field: string, depth = 0): DlmsData {
  const offset = r.offset;
  if (depth > MAX_DATA_DEPTH)
    throw new GbcsError('TOO_DEEP', `${field}: Data nested deeper than ${MAX_DATA_DEPTH}`, offset, field);
  const tag = r.u8(field);
  const type = dataTypeOfTag(tag);
  switch (type) {
    case undefined:
      throw new GbcsError('BAD_TAG', `${field}: 0x${hex2(tag)} is not an A-XDR Data tag`, offset, field);
    case 'array':
    case 'structure': {
      const n = readCount(r, `${field}.count`);
      const items: DlmsData[] = [];
      for (let i = 0; i < n; i++) items.push(readData(r, `${field}[${i}]`, depth + 1));
      return { type, items };
    }
    case 'compact-array':
      return readCompactArray(r, field, depth, MAX_DATA_DEPTH);
    default:
      return readSimple(r, type, field);
  }
}

export function writeData(w: ByteWriter, d: DlmsData, field: string, depth = 0): void {
  if (depth > MAX_DATA_DEPTH)
    throw new GbcsError('TOO_DEEP', `${field}: Data nested deeper than ${MAX_DATA_DEPTH}`, w.byteLength, field);
  w.u8(DATA_TAG[d.type]);
  switch (d.type) {
    case 'array':
    case 'structure':
      writeLength(w, d.items.length, `${field}.count`);
      d.items.forEach((item, i) => writeData(w, item, `${field}[${i}]`, depth + 1));
      return;
    case 'compact-array':
      writeCompactArray(w, d, field, depth, MAX_DATA_DEPTH);
      return;
    default:
      writeSimple(w, d, field);
  }
}

/**
 * A whole byte string that is exactly one Data value: the plaintext of a protected response or
 * alert (§6.5, §8.5), once the envelope layer has decrypted it. Trailing bytes are refused.
 */
export function decodeDlmsData(bytes: Uint8Array, baseOffset = 0, field = 'dlms.data'): DlmsData {
  const r = new ByteReader(bytes, baseOffset);
  const value = readData(r, field);
  r.end(field);
  return value;
}

export function encodeDlmsData(value: DlmsData, field = 'dlms.data'): Uint8Array {
  const w = new ByteWriter();
  writeData(w, value, field);
  return w.finish();
}

function hex2(n: number): string {
  return n.toString(16).padStart(2, '0').toUpperCase();
}
