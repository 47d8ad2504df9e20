import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  euiToBytes,
  formatEuiBytes,
  formatRequestId,
  mpanCheckDigit,
  mpanFrom12,
  parseCounter,
  parseEui,
  parseMpan,
  parseMprn,
  parseRequestId,
  responseIdFor,
  ValidationError,
} from '../../protocol/index.js';

describe('EUI-64 (FACTS: Identities)', () => {
  it('formats hyphenated upper case and accepts any case', () => {
    expect(parseEui('90-b3-d5-1f-30-01-00-00')).toBe('90-B3-D5-1F-30-01-00-00');
    expect(parseEui('90B3D51F30010000')).toBe('90-B3-D5-1F-30-01-00-00');
  });

  it.each([
    '',
    '90-B3-D5-1F-30-01-00',
    '90-B3-D5-1F-30-01-00-00-00',
    '90:B3:D5:1F:30:01:00:00',
    '90-B3-D5-1F-30-01-00-0G',
    ' 90-B3-D5-1F-30-01-00-00',
  ])('refuses %j with a typed error naming the field', (text) => {
    expect(() => parseEui(text, 'originator')).toThrow(ValidationError);
    expect(() => parseEui(text, 'originator')).toThrow(/originator/);
  });

  it('round-trips through its 8 bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 8, maxLength: 8 }), (bytes) => {
        expect(Buffer.from(euiToBytes(formatEuiBytes(bytes)))).toEqual(Buffer.from(bytes));
      }),
    );
  });
});

describe('MPAN and MPRN (FACTS: Identities)', () => {
  it('computes the check digit with weights 3,5,7,13,...,43, mod 11 then mod 10', () => {
    // 1*3+2*5+3*7+4*13+5*17+6*19+7*23+8*29+9*31+0*37+1*41+2*43 = 1084; 1084 mod 11 = 6
    expect(mpanCheckDigit('123456789012')).toBe(6);
    expect(parseMpan('1234567890126')).toBe('1234567890126');
  });

  it('refuses every wrong check digit', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{12}$/), fc.integer({ min: 1, max: 9 }), (first12, delta) => {
        const good = mpanFrom12(first12);
        expect(parseMpan(good)).toBe(good);
        const wrong = `${first12}${(Number(good[12]) + delta) % 10}`;
        expect(() => parseMpan(wrong)).toThrow(/check digit/);
      }),
    );
  });

  it('refuses MPANs of the wrong shape', () => {
    for (const text of ['123456789012', '12345678901234', '12345678901a6'])
      expect(() => parseMpan(text)).toThrow(ValidationError);
  });

  it('accepts MPRNs of 6 to 10 digits only', () => {
    expect(parseMprn('123456')).toBe('123456');
    expect(parseMprn('1234567890')).toBe('1234567890');
    for (const text of ['12345', '12345678901', '12345a']) expect(() => parseMprn(text)).toThrow(ValidationError);
  });
});

describe('request id originator:target:counter (DUIS)', () => {
  it('parses, formats and swaps for the response', () => {
    const id = parseRequestId('90-B3-D5-1F-30-01-00-00:00-DB-12-34-56-78-90-A0:42');
    expect(id.counter).toBe(42n);
    expect(formatRequestId(responseIdFor(id))).toBe('00-DB-12-34-56-78-90-A0:90-B3-D5-1F-30-01-00-00:42');
  });

  it('takes counters up to 2^64-1 in decimal or hex and refuses beyond', () => {
    expect(parseCounter('18446744073709551615')).toBe((1n << 64n) - 1n);
    expect(parseCounter('0x100000000')).toBe(0x100000000n);
    expect(() => parseCounter('18446744073709551616')).toThrow(ValidationError);
    expect(() => parseCounter('-1')).toThrow(ValidationError);
    expect(() => parseCounter('1e3')).toThrow(ValidationError);
  });

  it('refuses ids with the wrong number of parts', () => {
    expect(() => parseRequestId('90-B3-D5-1F-30-01-00-00:1')).toThrow(/originatorEUI:targetEUI:counter/);
  });
});
