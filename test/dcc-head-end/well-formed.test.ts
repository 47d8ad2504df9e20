import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../dcc-head-end/duis-error.js';
import { assertWellFormed, decodeUtf8 } from '../../dcc-head-end/gateway/well-formed.js';

/** A string survives UTF-8 unchanged exactly when it is well-formed UTF-16. */
const roundTrips = (text: string) => Buffer.from(text, 'utf8').toString('utf8') === text;
function allStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(allStrings);
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([key, item]) => [key, ...allStrings(item)]);
  return [];
}

describe('well-formed strings at the gateway (issue 17, defect 5)', () => {
  it('refuses a JSON value exactly when one of its strings (keys too) would not survive UTF-8', () => {
    // unit 'binary' draws any UTF-16 code unit, lone surrogates included.
    const json = fc.jsonValue({ stringUnit: 'binary', maxDepth: 3 });
    fc.assert(
      fc.property(json, (value) => {
        const bad = allStrings(value).some((text) => !roundTrips(text));
        let thrown: unknown;
        try {
          assertWellFormed(value, '');
        } catch (error) {
          thrown = error;
        }
        if (bad) expect(thrown).toMatchObject({ code: 'ILL_FORMED_STRING', status: 400 });
        else expect(thrown).toBeUndefined();
      }),
    );
  });

  it('decodes random bytes or gives only ILL_FORMED_STRING, and never U+FFFD in place of a bad byte', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        try {
          expect(Buffer.from(decodeUtf8(bytes, 'body'), 'utf8').equals(Buffer.from(bytes))).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(GatewayError);
          expect(error).toMatchObject({ code: 'ILL_FORMED_STRING', field: 'body' });
        }
      }),
    );
  });
});
