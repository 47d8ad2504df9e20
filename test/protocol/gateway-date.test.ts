import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseGatewayDate } from '../../protocol/index.js';

/** The seconds-precision text of an instant, as signGatewayRequest writes it. */
const stamp = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const instant = fc.integer({ min: Date.parse('0001-01-01T00:00:00Z'), max: Date.parse('9999-12-31T23:59:59Z') });

describe('parseGatewayDate: strict RFC 3339 UTC (issue 17, defect 4)', () => {
  it('reads back every real instant at seconds precision', () => {
    fc.assert(
      fc.property(instant, (ms) => {
        const whole = Math.floor(ms / 1000) * 1000;
        expect(parseGatewayDate(stamp(whole))).toBe(whole);
      }),
    );
  });

  it('a random or mutated string is refused or read as exactly the instant it names, never NaN', () => {
    const mutated = fc.tuple(instant, fc.nat(19), fc.constantFrom(...'0123456789:-TZ+x ')).map(([ms, at, ch]) => {
      const text = stamp(ms);
      return text.slice(0, at) + ch + text.slice(at + 1);
    });
    fc.assert(
      fc.property(fc.oneof(fc.string(), mutated), (text) => {
        const ms = parseGatewayDate(text);
        if (ms !== undefined) expect(stamp(ms)).toBe(text.replace(/\.\d+Z$/, 'Z'));
      }),
    );
  });

  it('takes fractions of a second, and leap days only in leap years', () => {
    expect(parseGatewayDate('2026-11-28T12:00:00.123456789Z')).toBe(Date.UTC(2026, 10, 28, 12, 0, 0, 123));
    expect(parseGatewayDate('2028-02-29T00:00:00Z')).toBe(Date.UTC(2028, 1, 29));
    expect(parseGatewayDate('2000-02-29T00:00:00Z')).toBe(Date.UTC(2000, 1, 29));
    expect(parseGatewayDate('1900-02-29T00:00:00Z')).toBeUndefined();
    expect(parseGatewayDate('2026-11-28T23:59:60Z')).toBeUndefined();
    expect(parseGatewayDate('2026-11-28T12:00:00+00:00')).toBeUndefined();
    expect(parseGatewayDate('2026-11-28t12:00:00z')).toBeUndefined();
  });
});
