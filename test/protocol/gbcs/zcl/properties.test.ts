import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GbcsError } from '../../../../protocol/gbcs/errors.js';
import { decodeGbz, encodeGbz } from '../../../../protocol/gbcs/zcl/index.js';
import { gbzArb } from './arbitraries.js';
import { hex } from './hex.js';

/**
 * decodeGbz either returns a payload that re-encodes to exactly the input (one encoding per
 * value), or throws a GbcsError whose offset lies within the input. Nothing else escapes.
 */
function decodeIsCanonicalOrTyped(bytes: Uint8Array, base: number, options = {}): void {
  let p;
  try {
    p = decodeGbz(bytes, base, options);
  } catch (err) {
    if (!(err instanceof GbcsError)) throw err;
    expect(err.offset).toBeGreaterThanOrEqual(base);
    expect(err.offset).toBeLessThanOrEqual(base + bytes.length);
    return;
  }
  expect(encodeGbz(p)).toEqual(bytes);
}

const SEEDS = [
  // GCS13a command and response (GBCS-FACTS §13), GCS02 Change Payment Mode, the 00CD alert (RTDS 4.5.0).
  hex('010901010702000B0000000203010300030000'),
  hex(
    '01090103070200350000180001002E310000000077D473AF9D425FEE0FAF8A2D83471492B3D5E6FB1C38C2E48D0C60CA546A3462D798034AF9E30BAEEE',
  ),
  hex('010901010705001501000600000000804A371CFFFFFFFF940CFFFFFFFF'),
  hex('0109018F66388188900E006B00000000000003ED07000905'),
  // CS10a response: Publish Event Log with several records (first records of the RTDS file).
  hex('010901010709002A1900012000000100031F8F00F9351C000345812101361C00035481D109361C02009B0355813216361C'),
];

describe('GBZ codec properties (fast-check)', () => {
  it('random bytes give a canonical payload or a GbcsError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), fc.nat({ max: 1000 }), (bytes, base) => {
        decodeIsCanonicalOrTyped(bytes, base);
        decodeIsCanonicalOrTyped(Uint8Array.of(0x01, 0x09, ...bytes), base, { cra: 2 });
      }),
      { numRuns: 2000 },
    );
  });

  it('mutated RTDS payloads give a canonical payload or a GbcsError', () => {
    const mutation = fc.record({
      seed: fc.constantFrom(...SEEDS),
      edits: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }),
      cut: fc.nat(),
      code: fc.constantFrom(undefined, 0x008b, 0x00cd, 0x00cf, 0x00f2),
    });
    fc.assert(
      fc.property(mutation, ({ seed, edits, cut, code }) => {
        const b = Uint8Array.from(seed);
        for (const [at, v] of edits) b[at % b.length] = v;
        decodeIsCanonicalOrTyped(b, 7, code === undefined ? {} : { messageCode: code });
        decodeIsCanonicalOrTyped(b.subarray(0, cut % (b.length + 1)), 7);
      }),
      { numRuns: 2000 },
    );
  });

  it('arbitrary valid payloads round-trip through encode and decode', () => {
    fc.assert(
      fc.property(gbzArb, ({ payload, cra, messageCode }) => {
        const bytes = encodeGbz(payload);
        const options = messageCode === undefined ? { cra } : { cra, messageCode };
        expect(decodeGbz(bytes, 0, options)).toEqual(payload);
        expect(encodeGbz(decodeGbz(bytes, 0, options))).toEqual(bytes);
      }),
      { numRuns: 1000 },
    );
  });
});
