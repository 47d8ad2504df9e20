import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseEui } from '../../../../../protocol/eui.js';
import { GbcsError } from '../../../../../protocol/gbcs/errors.js';
import { decodePayload, encodePayload } from '../../../../../protocol/gbcs/payload.js';
import { TARIFF_PREPAYMENT_TENANCY } from '../../../../../protocol/gbcs/use-cases/tariff-prepayment-tenancy.js';
import { UseCaseError, type UseCaseCodec } from '../../../../../protocol/gbcs/use-cases/use-case-codec.js';
import { RTDS } from './rtds-vectors.js';
import { ECS01A_RTDS } from './tariff-vectors.js';
import { RTDS_NOW } from './use-case-check.js';

const TARGET = parseEui('00-DB-12-34-56-78-90-A0');

function vectorsOf(codec: UseCaseCodec): { command: Uint8Array; response: Uint8Array } {
  if (codec.useCase === 'ECS01a')
    return { command: ECS01A_RTDS.immediateTouSuccessCommand, response: ECS01A_RTDS.immediateTouSuccessResponse };
  const v = RTDS[codec.useCase];
  if (!v) throw new Error(`no RTDS vector for ${codec.useCase}`);
  return { command: v.successCommand, response: v.successResponse };
}

/** Decode as the device and the head-end would; only the codecs' own errors may escape. */
function decodeOrTypedError(codec: UseCaseCodec, bytes: Uint8Array, cra: number, side: 'command' | 'response'): void {
  try {
    const payload = decodePayload(codec.messageCode, bytes, 0, cra);
    if (side === 'command') codec.decodeCommand(payload);
    else codec.decodeResponse(payload);
  } catch (e) {
    if (!(e instanceof UseCaseError || e instanceof GbcsError)) throw e;
  }
}

describe('tariff, prepayment and tenancy codecs: strict decoding (property)', () => {
  it('every codec has its RTDS vectors and a distinct message code', () => {
    const codes = TARIFF_PREPAYMENT_TENANCY.map((c) => c.messageCode);
    expect(new Set(codes).size).toBe(codes.length);
    for (const codec of TARIFF_PREPAYMENT_TENANCY) expect(() => vectorsOf(codec)).not.toThrow();
  });

  for (const codec of TARIFF_PREPAYMENT_TENANCY) {
    const { command, response } = vectorsOf(codec);

    it(`${codec.useCase} ${codec.variant}: random bytes give only UseCaseError or GbcsError`, () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
          decodeOrTypedError(codec, bytes, 1, 'command');
          decodeOrTypedError(codec, bytes, 2, 'response');
        }),
        { numRuns: 200 },
      );
    });

    it(`${codec.useCase} ${codec.variant}: mutated RTDS payloads give a body, a typed error, never a crash`, () => {
      fc.assert(
        fc.property(
          fc.nat({ max: command.length - 1 }),
          fc.integer({ min: 1, max: 255 }),
          fc.nat({ max: response.length - 1 }),
          (at, flip, atResponse) => {
            const mutated = Uint8Array.from(command);
            mutated[at] = (mutated[at] ?? 0) ^ flip;
            decodeOrTypedError(codec, mutated, 1, 'command');
            const mutatedResponse = Uint8Array.from(response);
            mutatedResponse[atResponse] = (mutatedResponse[atResponse] ?? 0) ^ flip;
            decodeOrTypedError(codec, mutatedResponse, 2, 'response');
          },
        ),
        { numRuns: 200 },
      );
    });

    it(`${codec.useCase} ${codec.variant}: a decoded body encodes to a command that decodes to the same body`, () => {
      fc.assert(
        fc.property(fc.nat({ max: command.length - 1 }), fc.integer({ min: 1, max: 255 }), (at, flip) => {
          const mutated = Uint8Array.from(command);
          mutated[at] = (mutated[at] ?? 0) ^ flip;
          let body;
          try {
            body = codec.decodeCommand(decodePayload(codec.messageCode, mutated, 0, 1));
          } catch {
            return; // refused: covered above
          }
          const again = codec.encodeCommand(body, { now: RTDS_NOW, target: TARGET });
          const decoded = codec.decodeCommand(decodePayload(codec.messageCode, encodePayload(again), 0, 1));
          expect(decoded).toEqual(body);
        }),
        { numRuns: 100 },
      );
    });
  }
});
