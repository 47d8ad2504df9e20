import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodePayload, encodePayload, GbcsError } from '../../../../../protocol/gbcs/index.js';
import { READS } from '../../../../../protocol/gbcs/use-cases/reads.js';
import { UseCaseError } from '../../../../../protocol/gbcs/use-cases/index.js';
import { decodeRtds, type RtdsMessage } from './read-case.js';
import * as vectors from './rtds/index.js';

/** Every RTDS payload the read tests carry, as payload bytes with its message code. */
const samples = Object.values(vectors).flatMap((set) =>
  Object.values(set as Record<string, RtdsMessage>).map((m) => {
    const rtds = decodeRtds(m);
    return { code: rtds.header.otherInformation.messageCode, bytes: encodePayload(rtds.payload) };
  }),
);

function onlyTyped(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    if (!(error instanceof UseCaseError) && !(error instanceof GbcsError)) throw error;
  }
}

describe('4.x read codecs: random and mutated payloads give only UseCaseError or GbcsError', () => {
  it('mutated RTDS payloads, through every read codec', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...samples),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }),
        fc.constantFrom(...READS),
        (sample, flips, codec) => {
          const bytes = Uint8Array.from(sample.bytes);
          for (const [at, value] of flips) bytes[at % bytes.length] = value;
          onlyTyped(() => {
            const payload = decodePayload(codec.messageCode, bytes, 0);
            onlyTyped(() => codec.decodeCommand(payload));
            onlyTyped(() => codec.decodeResponse(payload));
          });
        },
      ),
      { numRuns: 400 },
    );
  });
  it('random bytes, through every read codec', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.constantFrom(...READS), (bytes, codec) => {
        onlyTyped(() => {
          const payload = decodePayload(codec.messageCode, bytes, 0);
          onlyTyped(() => codec.decodeCommand(payload));
          onlyTyped(() => codec.decodeResponse(payload));
        });
      }),
      { numRuns: 400 },
    );
  });
  it('the real payloads decode without a throw of any other kind', () => {
    for (const s of samples) expect(() => onlyTyped(() => decodePayload(s.code, s.bytes, 0))).not.toThrow();
  });
});
