import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatEuiBytes } from '../../../../protocol/eui.js';
import {
  decodeGbcs,
  decodeGbcsWithLayout,
  encodeGbcs,
  type GbcsMessage,
  type OtherInformation,
} from '../../../../protocol/gbcs/envelope/index.js';
import { GbcsError } from '../../../../protocol/gbcs/errors.js';
import {
  ECS09_COMMAND,
  ECS09_PRECOMMAND,
  ECS09_RESPONSE,
  ECS100_ALERT,
  ECS17B_COMMAND,
  ECS17B_RESPONSE,
} from './rtds-vectors.js';

const VECTORS = [ECS17B_RESPONSE, ECS17B_COMMAND, ECS09_PRECOMMAND, ECS09_COMMAND, ECS09_RESPONSE, ECS100_ALERT];

/** Either a GbcsError, or a message that re-encodes to exactly these bytes: nothing else may come out. */
function decodesCanonicallyOrRefuses(bytes: Uint8Array): void {
  let message: GbcsMessage;
  try {
    message = decodeGbcs(bytes);
  } catch (error) {
    if (error instanceof GbcsError) return;
    throw error;
  }
  expect(Buffer.from(encodeGbcs(message)).equals(Buffer.from(bytes))).toBe(true);
}

type Mutation = { kind: 'set' | 'insert' | 'delete'; at: number; value: number };

function mutate(bytes: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  let out = Array.from(bytes);
  for (const m of mutations) {
    const at = out.length === 0 ? 0 : m.at % out.length;
    if (m.kind === 'set') out[at] = m.value;
    else if (m.kind === 'insert') out.splice(at, 0, m.value);
    else out = out.filter((_, i) => i !== at);
  }
  return Uint8Array.from(out);
}

const mutationArb = fc.record({
  kind: fc.constantFrom<Mutation['kind']>('set', 'insert', 'delete'),
  at: fc.nat(),
  value: fc.integer({ min: 0, max: 255 }),
});

const euiArb = fc.uint8Array({ minLength: 8, maxLength: 8 }).map(formatEuiBytes);
const u64Arb = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n });
const otherInformationArb: fc.Arbitrary<OtherInformation> = fc.oneof(
  fc.record({ form: fc.constant('plain' as const), messageCode: fc.constant(0x0027) }),
  fc.record({ form: fc.constant('remote-party' as const), messageCode: fc.constant(0x0027), remoteParty: euiArb }),
  fc.record({
    form: fc.constant('remote-party-counter' as const),
    messageCode: fc.constant(0x0027),
    remoteParty: euiArb,
    remotePartyCounter: u64Arb,
  }),
  fc.record({
    form: fc.constant('urp-response' as const),
    messageCode: fc.constant(0x0027),
    remoteParty: euiArb,
    remotePartyCounter: u64Arb,
    originatorCounter: u64Arb,
  }),
  fc.record({
    form: fc.constant('urp-command' as const),
    messageCode: fc.constant(0x0027),
    remoteParty: euiArb,
    remotePartyCounter: u64Arb,
    certificate: fc.uint8Array({ minLength: 9, maxLength: 600 }),
  }),
);

describe('GBCS envelope properties', () => {
  it('random bytes give a GbcsError or a canonical message, never anything else', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), decodesCanonicallyOrRefuses), { numRuns: 2000 });
  });

  it('random bytes after a DD or DF tag, and after a valid DD header, likewise', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(Uint8Array.of(0xdf), Uint8Array.of(0xdd, 0, 0, 0, 0, 0, 0), ECS17B_RESPONSE.subarray(0, 30)),
        fc.uint8Array({ maxLength: 300 }),
        (head, tail) => decodesCanonicallyOrRefuses(Uint8Array.from([...head, ...tail])),
      ),
      { numRuns: 2000 },
    );
  });

  it('mutated RTDS messages give a GbcsError or a canonical message', () => {
    fc.assert(
      fc.property(fc.constantFrom(...VECTORS), fc.array(mutationArb, { minLength: 1, maxLength: 4 }), (v, ms) =>
        decodesCanonicallyOrRefuses(mutate(v, ms)),
      ),
      { numRuns: 3000 },
    );
  });

  it('every truncation of an RTDS message is refused, but for a signed DF cut after its content: that is its pre-command', () => {
    for (const v of VECTORS) {
      const { message, layout } = decodeGbcsWithLayout(v);
      for (let n = 0; n < v.length; n++) {
        if (message.kind === 'signing' && n === layout.contentEnd)
          expect(decodeGbcs(v.subarray(0, n)).signing.signature).toEqual({ kind: 'absent' });
        else expect(() => decodeGbcs(v.subarray(0, n))).toThrow(GbcsError);
      }
    }
  });

  it('arbitrary headers, signature fields and MACs round-trip around a real payload', () => {
    const base = decodeGbcs(ECS17B_RESPONSE);
    fc.assert(
      fc.property(
        fc.constantFrom('command' as const, 'response' as const, 'alert' as const),
        u64Arb,
        euiArb,
        euiArb,
        fc.boolean(),
        otherInformationArb,
        fc.option(fc.uint8Array({ minLength: 64, maxLength: 64 })),
        fc.option(fc.uint8Array({ minLength: 12, maxLength: 12 })),
        (cra, counter, originator, recipient, withDate, otherInformation, sig, mac) => {
          const signing = {
            header: {
              cra,
              counter,
              originator,
              recipient,
              dateTime: withDate ? base.signing.header.dateTime : null,
              otherInformation,
            },
            payload: base.signing.payload,
            signature: sig ? { kind: 'signed' as const, signature: sig } : { kind: 'unsigned' as const },
          };
          const message: GbcsMessage = mac ? { kind: 'ciphering', signing, mac } : { kind: 'signing', signing };
          const bytes = encodeGbcs(message);
          expect(Buffer.from(encodeGbcs(decodeGbcs(bytes))).equals(Buffer.from(bytes))).toBe(true);
          expect(decodeGbcs(bytes).signing.header).toMatchObject({ cra, counter, originator, recipient });
        },
      ),
      { numRuns: 500 },
    );
  });
});
