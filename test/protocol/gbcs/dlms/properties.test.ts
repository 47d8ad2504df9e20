import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GbcsError } from '../../../../protocol/gbcs/errors.js';
import {
  decodeDlms,
  decodeDlmsData,
  encodeDlms,
  encodeDlmsData,
  findProtectedData,
} from '../../../../protocol/gbcs/dlms/index.js';
import { apduArb, dataArb } from './arbitraries.js';
import { hex } from './hex.js';

/**
 * decodeDlms either returns an APDU that re-encodes to exactly the input (the codec is canonical:
 * one encoding per value), or throws a GbcsError whose offset lies within the input. Nothing else.
 */
function decodeIsCanonicalOrTyped(bytes: Uint8Array, base: number): void {
  let apdu;
  try {
    apdu = decodeDlms(bytes, base);
  } catch (err) {
    if (!(err instanceof GbcsError)) throw err;
    expect(err.offset).toBeGreaterThanOrEqual(base);
    expect(err.offset).toBeLessThanOrEqual(base + bytes.length);
    return;
  }
  expect(encodeDlms(apdu)).toEqual(bytes);
}

const SEEDS = [
  // ECS17b command (GBCS-FACTS §12), ECS61c compact-array response and the 8F30 alert (RTDS 4.5.0).
  hex(`D9200003E8000103001E00002B0208FF0101020201010205120001090600005E2C220A0F02120000020216000001010202160202050909
       0400000000000003E8090890B3D51F30010000090800DB1234567890A009000202160202020901020900`),
  hex(`DA200003E900000703FF1302020606301C2F61801C2F747C1C30B3001C30B6841C3204801C322DC01C3356001C3373881C34A7801C34D6D8
       1C35F9001C362D4403FF03FF03FF03FF03FF070100010001000100010001000100`),
  hex('0F200007D0000202128F30090C07DF0101FF000000008000FF'),
];

describe('DLMS codec properties (fast-check)', () => {
  it('random bytes: a canonical APDU or a GbcsError, nothing else', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 256 }), fc.nat({ max: 1000 }), (bytes, base) =>
        decodeIsCanonicalOrTyped(bytes, base),
      ),
      { numRuns: 3000 },
    );
  });

  it('random bytes behind a valid APDU tag: the same', () => {
    fc.assert(
      fc.property(fc.constantFrom(0xd9, 0xda, 0x0f), fc.uint8Array({ maxLength: 128 }), (tag, rest) =>
        decodeIsCanonicalOrTyped(Uint8Array.from([tag, 0x20, 0, 0, 1, 0, ...rest]), 0),
      ),
      { numRuns: 3000 },
    );
  });

  it('mutated RTDS payloads (changed, cut, inserted bytes): the same', () => {
    const mutation = fc.array(
      fc.tuple(fc.constantFrom('set', 'cut', 'insert', 'delete'), fc.nat(), fc.nat({ max: 255 })),
      {
        minLength: 1,
        maxLength: 4,
      },
    );
    fc.assert(
      fc.property(fc.constantFrom(...SEEDS), mutation, (seed, edits) => {
        const bytes = [...seed];
        for (const [kind, at, value] of edits) {
          const i = bytes.length === 0 ? 0 : at % bytes.length;
          if (kind === 'set') bytes[i] = value;
          else if (kind === 'cut') bytes.length = i;
          else if (kind === 'insert') bytes.splice(i, 0, value);
          else bytes.splice(i, 1);
        }
        decodeIsCanonicalOrTyped(Uint8Array.from(bytes), 60);
      }),
      { numRuns: 3000 },
    );
  });

  it('mutated encodings of random APDUs: the same', () => {
    fc.assert(
      fc.property(apduArb, fc.nat(), fc.nat({ max: 255 }), (apdu, at, value) => {
        const bytes = encodeDlms(apdu).slice();
        bytes[at % bytes.length] = value;
        decodeIsCanonicalOrTyped(bytes, 0);
      }),
      { numRuns: 1000 },
    );
  });

  it('random valid APDUs round-trip: decode(encode(a)) equals a', () => {
    fc.assert(
      fc.property(apduArb, fc.nat({ max: 1000 }), (apdu, base) => {
        const bytes = encodeDlms(apdu);
        expect(decodeDlms(bytes, base)).toEqual(apdu);
        expect(encodeDlms(decodeDlms(bytes, base))).toEqual(bytes);
      }),
      { numRuns: 1000 },
    );
  });

  it('random Data values round-trip through decodeDlmsData', () => {
    fc.assert(
      fc.property(dataArb, (data) => {
        expect(decodeDlmsData(encodeDlmsData(data))).toEqual(data);
      }),
      { numRuns: 1000 },
    );
  });

  it('findProtectedData reads any APDU without throwing, and finds only 31-headed octet strings', () => {
    fc.assert(
      fc.property(apduArb, (apdu) => {
        for (const block of findProtectedData(apdu)) expect(block.securityControl).toBe(0x31);
      }),
      { numRuns: 500 },
    );
  });
});
