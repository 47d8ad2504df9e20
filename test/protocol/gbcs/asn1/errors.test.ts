import { describe, expect, it } from 'vitest';
import { GbcsError } from '../../../../protocol/gbcs/errors.js';
import { MAX_DER_DEPTH, decodeDer } from '../../../../protocol/gbcs/asn1/index.js';
import { hex } from '../zcl/hex.js';

function refusal(bytes: Uint8Array, base = 100): GbcsError {
  try {
    decodeDer(bytes, base);
  } catch (err) {
    if (err instanceof GbcsError) return err;
    throw err;
  }
  throw new Error('decoded without error');
}

const BASE = 100;

describe('DER refusals carry the code and the offset from the message start', () => {
  it.each([
    ['the indefinite length', '30 80 0000', 'BAD_LENGTH', 1],
    ['a 3-byte length form', '04 83 000001 00', 'BAD_LENGTH', 1],
    ['a length beyond the bytes', '04 05 0000', 'TRUNCATED', 2],
    ['trailing bytes', '02 01 00 00', 'TRAILING', 3],
    ['a universal tag GBCS does not use (REAL)', '09 01 00', 'BAD_TAG', 0],
    ['a high tag number', '1F 22 00', 'BAD_TAG', 0],
    ['a constructed OCTET STRING', '24 03 040100', 'BAD_TAG', 0],
    ['a primitive SEQUENCE', '10 00', 'BAD_TAG', 0],
    ['an INTEGER not in its shortest form', '30 04 02 02 0001', 'BAD_VALUE', 2],
    ['an empty INTEGER', '02 00', 'BAD_VALUE', 0],
    ['a BOOLEAN other than 00/FF', '01 01 01', 'BAD_VALUE', 0],
    ['a NULL with content', '05 01 00', 'BAD_VALUE', 0],
    ['a BIT STRING with non-zero unused bits', '03 02 01 01', 'BAD_VALUE', 0],
    ['an OID sub-identifier with a leading 80', '06 03 2A 80 01', 'BAD_VALUE', 0],
    ['an OID cut short', '06 02 2A 86', 'BAD_VALUE', 0],
    ['a UTCTime without Z', '17 0C 313630343036303030303030', 'BAD_VALUE', 0],
    ['a PrintableString with "@"', '13 01 40', 'BAD_VALUE', 0],
    ['a UTF8String that is not UTF-8', '0C 01 FF', 'BAD_VALUE', 0],
    ['a child running past its parent', '30 03 04 05 00', 'TRUNCATED', 4],
  ])('refuses %s', (_what, bytes, code, at) => {
    const e = refusal(hex(bytes));
    expect([e.code, e.offset]).toEqual([code, BASE + at]);
  });

  it(`refuses nesting deeper than ${MAX_DER_DEPTH}`, () => {
    let b = hex('05 00');
    for (let i = 0; i <= MAX_DER_DEPTH; i++) b = Uint8Array.of(0x30, b.length, ...b);
    const e = refusal(b);
    expect(e.code).toBe('TOO_DEEP');
    expect(e.offset).toBe(BASE + 2 * (MAX_DER_DEPTH + 1));
    // One level less is fine.
    expect(() => decodeDer(b.subarray(2), 0)).not.toThrow();
  });

  it('refuses empty input as truncated', () => {
    expect([refusal(new Uint8Array(0)).code, refusal(new Uint8Array(0)).offset]).toEqual(['TRUNCATED', BASE]);
  });
});
