import type { ByteReader, ByteWriter } from '../byte-reader.js';
import { GbcsError } from '../errors.js';

/**
 * The A-XDR length and count form (GBCS-FACTS §2), read strictly: a length that fits a shorter
 * form is refused. No DLMS payload in RTDS 4.5.0 uses a non-minimal form (13,387 lengths and
 * counts checked), so the minimal form is the one encoding and encode(decode(b)) = b holds
 * without remembering the form. Sequence-of counts use the same form: DLMS encodes the count of
 * a SEQUENCE OF as an A-XDR length; RTDS counts stay below 128 (§8.1, the largest is 80).
 */
export function readLength(r: ByteReader, field: string): number {
  const offset = r.offset;
  const first = r.peek(field);
  const value = r.length(field);
  if ((first === 0x81 && value < 0x80) || (first === 0x82 && value <= 0xff))
    throw new GbcsError('BAD_LENGTH', `${field}: length ${value} is not in its shortest form`, offset, field);
  return value;
}

/**
 * A count of elements, each at least `minBytes` long: refused before anything is allocated when
 * the bytes left cannot hold that many.
 */
export function readCount(r: ByteReader, field: string, minBytes = 1): number {
  const offset = r.offset;
  const n = readLength(r, field);
  if (n * minBytes > r.remaining)
    throw new GbcsError(
      'BAD_LENGTH',
      `${field}: ${n} elements cannot fit in the ${r.remaining} bytes left`,
      offset,
      field,
    );
  return n;
}

export function writeLength(w: ByteWriter, n: number, field: string): void {
  if (!Number.isInteger(n) || n < 0 || n > 0xffff)
    throw new GbcsError('BAD_VALUE', `${field}: length ${n} cannot be encoded`, w.byteLength, field);
  w.length(n);
}
