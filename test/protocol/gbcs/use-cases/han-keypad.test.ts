import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GbcsError } from '../../../../protocol/gbcs/errors.js';
import { decodePayload, encodePayload } from '../../../../protocol/gbcs/payload.js';
import {
  decodeConsumerTopUp,
  decodeConsumerTopUpResponse,
  decodeEmergencyCreditRequest,
  encodeConsumerTopUp,
  encodeConsumerTopUpResponse,
  encodeEmergencyCreditRequest,
  PCS01_CONSUMER_TOP_UP,
  PCS02_EMERGENCY_CREDIT,
} from '../../../../protocol/gbcs/use-cases/han-keypad.js';
import { UseCaseError } from '../../../../protocol/gbcs/use-cases/index.js';

const bytes = (h: string) => Uint8Array.from(Buffer.from(h.replace(/\s+/g, ''), 'hex'));
const hexOf = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();

// RTDS NA_PCS01/PCS01_NA_SUCCESS_COMMAND_GBCS.HEX content (33 bytes): GBZ, 1 component, Prepayment
// cluster 0705, Consumer Top Up (04) {Originating Device 02, Top Up Code "73941656880950804485"}.
const PCS01_COMMAND = bytes('0109 01 01 0705 0019 01 00 04 02 14 3733393431363536383830393530383034343835');
// …_RESPONSE: Consumer Top Up Response (03) {result 00, value 2,025,000, source 02, remaining 4,525,000}.
const PCS01_RESPONSE = bytes('0109 01 01 0705 000D 09 00 03 00 28E61E00 02 C80B4500');
// NA_PCS02/PCS02_NA_SUCCESS_COMMAND_GBCS.HEX content: Select Available Emergency Credit (00) {time 0, device 02}.
const PCS02_COMMAND = bytes('0109 01 01 0705 0008 01 00 00 00000000 02');

describe('PCS01 PPMID consumer top up (RTDS NA_PCS01)', () => {
  it('the PPMID sends the RTDS command bytes for the typed UTRN, and the meter reads the UTRN back', () => {
    expect(hexOf(encodePayload(encodeConsumerTopUp('73941656880950804485')))).toBe(hexOf(PCS01_COMMAND));
    expect(decodeConsumerTopUp(decodePayload(PCS01_CONSUMER_TOP_UP, PCS01_COMMAND, 0))).toEqual({
      utrn: '73941656880950804485',
    });
  });

  it('the meter answers with the RTDS response shape', () => {
    const result = { result: 0, topUpValue: 2_025_000, creditRemaining: 4_525_000 };
    expect(hexOf(encodePayload(encodeConsumerTopUpResponse(result)))).toBe(hexOf(PCS01_RESPONSE));
    expect(decodeConsumerTopUpResponse(decodePayload(PCS01_CONSUMER_TOP_UP, PCS01_RESPONSE, 0))).toEqual(result);
  });

  it('refuses a UTRN that is not 20 digits', () => {
    expect(() => encodeConsumerTopUp('1234')).toThrow(UseCaseError);
  });
});

describe('PCS02 PPMID select emergency credit (RTDS NA_PCS02)', () => {
  it('is the RTDS command, byte for byte, and reads back', () => {
    expect(hexOf(encodePayload(encodeEmergencyCreditRequest()))).toBe(hexOf(PCS02_COMMAND));
    expect(decodeEmergencyCreditRequest(decodePayload(PCS02_EMERGENCY_CREDIT, PCS02_COMMAND, 0))).toEqual({});
    expect(() => decodeEmergencyCreditRequest(decodePayload(PCS01_CONSUMER_TOP_UP, PCS01_COMMAND, 0))).toThrow(
      UseCaseError,
    );
  });

  it('property: random and mutated contents give only UseCaseError or GbcsError', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 60 }),
        fc.nat(PCS01_COMMAND.length - 1),
        fc.integer({ min: 1, max: 255 }),
        (random, at, xor) => {
          const mutated = Uint8Array.from(PCS01_COMMAND);
          mutated[at]! ^= xor;
          for (const candidate of [random, mutated])
            for (const read of [decodeConsumerTopUp, decodeConsumerTopUpResponse, decodeEmergencyCreditRequest]) {
              try {
                read(decodePayload(PCS01_CONSUMER_TOP_UP, candidate, 0));
              } catch (error) {
                expect(error instanceof UseCaseError || error instanceof GbcsError).toBe(true);
              }
            }
        },
      ),
    );
  });
});
