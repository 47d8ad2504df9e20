import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseEui } from '../../../../../protocol/eui.js';
import { decodeGbcs } from '../../../../../protocol/gbcs/envelope/index.js';
import { GbcsError } from '../../../../../protocol/gbcs/errors.js';
import { decodePayload, encodePayload } from '../../../../../protocol/gbcs/payload.js';
import { HUB_DEVICE_LOG } from '../../../../../protocol/gbcs/use-cases/hub-device-log.js';
import { UseCaseError, useCaseFor } from '../../../../../protocol/gbcs/use-cases/index.js';
import { buildResponseSigning, readCommand } from '../../../../../protocol/gbcs/wire/index.js';

const bytes = (h: string) => Uint8Array.from(Buffer.from(h.replace(/\s+/g, ''), 'hex'));
const hexOf = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();
const ESME = parseEui('00DB1234567890A0');
const GSME = parseEui('00DB1234567890A1');

// RTDS 8.11_CCS02/CCS02_8.11_SUCCESS_COMMAND_GBCS.HEX, the content (28 bytes): access-request,
// invoke-id 20000516, one action: class 0x68 0-0:30.3.0.255 method 2, data: the ESME's EUI.
const CCS02_CONTENT = bytes('D9 20000516 00 01 03 0068 00001E0300FF 02 01 09 08 00DB1234567890A0');
// RTDS 8.9_CCS05CCS04/CCS05CCS04_8.9_SUCCESS_RESPONSE_GBCS.HEX, the content (115 bytes): one
// array of two 14-item entries (ESME …A0, GSME …A1), get result success.
const CCS04_RESPONSE_CONTENT = bytes(`
  DA 20000514 00 00 01 01 02
  02 0E 09 08 00DB1234567890A0 04 08 C8 0F DD 0F CE 0F 9C 11 02 11 27 11 F7
        09 0C 07DE0C1F03173200008000FF 11 01 11 00 11 64 11 01 11 01
  02 0E 09 08 00DB1234567890A1 04 08 C8 0F DE 0F CA 0F B3 11 01 11 60 11 CD
        09 0C 07DE0C1F03172800008000FF 11 01 11 00 11 64 11 01 11 01
  01 01 00`);

const codec = (useCase: string) => HUB_DEVICE_LOG.find((c) => c.useCase === useCase)!;

describe('CCS02 8.11 remove a device from the CHF device log', () => {
  it('decodes the RTDS command into the handler body and re-encodes the same bytes', () => {
    const payload = decodePayload(0x0002, CCS02_CONTENT, 0);
    expect(codec('CCS02').decodeCommand(payload)).toEqual({ remove: [ESME] });
    const built = codec('CCS02').encodeCommand({ remove: [ESME] }, { now: 0, target: ESME });
    // The codec leaves the invoke-id to the wire (counter 0x516 here).
    const apdu =
      built.kind === 'dlms' && built.apdu.type === 'access-request' ? { ...built.apdu, invokeId: 0x20000516 } : null;
    expect(hexOf(encodePayload({ kind: 'dlms', apdu: apdu! }))).toBe(hexOf(CCS02_CONTENT));
  });

  it('8.11 with adds picks CCS01, with only removes CCS02', () => {
    expect(useCaseFor('8.11', 'CHF', { add: [{ device: ESME, type: 'ESME' }] })?.useCase).toBe('CCS01');
    expect(useCaseFor('8.11', 'CHF', { remove: [ESME] })?.useCase).toBe('CCS02');
  });
});

describe('CCS01 8.11 add devices to the CHF device log', () => {
  it('round-trips the scenario body (several adds, one action each)', () => {
    const body = {
      add: [
        { device: ESME, type: 'ESME' },
        { device: GSME, type: 'GSME' },
      ],
    };
    const payload = codec('CCS01').encodeCommand(body, { now: 0, target: ESME });
    expect(codec('CCS01').decodeCommand(decodePayload(0x0001, encodePayload(payload), 0))).toEqual(body);
  });

  it('refuses a body whose type is not a HAN device (UseCaseError naming the field)', () => {
    expect(() =>
      codec('CCS01').encodeCommand({ add: [{ device: ESME, type: 'CHF' }] }, { now: 0, target: ESME }),
    ).toThrow(UseCaseError);
  });
});

describe('CCS04 8.9 read the CHF device log', () => {
  it('decodes the RTDS response into {deviceLog: [{device}]}', () => {
    const outcome = codec('CCS04').decodeResponse(decodePayload(0x0004, CCS04_RESPONSE_CONTENT, 0));
    expect(outcome).toEqual({ status: 'OK', payload: { deviceLog: [{ device: ESME }, { device: GSME }] } });
  });

  it('our response has the RTDS shape: the same bytes for the same log', () => {
    const command = codec('CCS04').encodeCommand({}, { now: 0, target: ESME });
    const apdu = command.kind === 'dlms' && command.apdu.type === 'access-request' ? command.apdu : null;
    const response = codec('CCS04').encodeResponse(
      { status: 'OK', payload: { deviceLog: [{ device: ESME }, { device: GSME }] } },
      { now: 0, device: ESME, command: { kind: 'dlms', apdu: { ...apdu!, invokeId: 0x20000514 } } },
    );
    // Our entries carry the RTDS's radio figures for both devices; only the second entry's differ.
    const ours = hexOf(encodePayload(response));
    expect(ours.slice(0, 100)).toBe(hexOf(CCS04_RESPONSE_CONTENT).slice(0, 100));
    expect(ours.length).toBe(hexOf(CCS04_RESPONSE_CONTENT).length);
  });

  it('an error outcome is DLMS other-reason, read back as a non-OK status', () => {
    const command = codec('CCS04').encodeCommand({}, { now: 0, target: ESME });
    const response = codec('CCS04').encodeResponse(
      { status: 'INVALID_STATE', payload: {} },
      { now: 0, device: ESME, command },
    );
    expect(codec('CCS04').decodeResponse(response).status).toBe('BAD_PAYLOAD');
  });

  it('property: random and mutated contents give only UseCaseError or GbcsError', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 120 }),
        fc.nat(CCS02_CONTENT.length - 1),
        fc.integer({ min: 1, max: 255 }),
        (random, at, xor) => {
          const mutated = Uint8Array.from(CCS02_CONTENT);
          mutated[at]! ^= xor;
          for (const candidate of [random, mutated]) {
            for (const c of HUB_DEVICE_LOG) {
              try {
                const payload = decodePayload(c.messageCode, candidate, 0);
                c.decodeCommand(payload);
                c.decodeResponse(payload);
              } catch (error) {
                expect(error instanceof UseCaseError || error instanceof GbcsError).toBe(true);
              }
            }
          }
        },
      ),
    );
  });

  it('the wire answers with the response use case of the command it read', () => {
    const command = decodeGbcs(
      bytes(
        'DF 09 01 0000000000000514 08 90B3D51F30000002 08 00DB1234567890A2 00 02 0004 13 D9 20000514 00 01 01 0068 00001E0300FF 04 01 00 00',
      ),
    );
    const { codec: read } = readCommand(command);
    const signing = buildResponseSigning(command, read, { status: 'OK', payload: { deviceLog: [] } }, 0);
    expect(signing.payload.kind === 'dlms' && signing.payload.apdu.invokeId).toBe(0x20000514);
  });
});
