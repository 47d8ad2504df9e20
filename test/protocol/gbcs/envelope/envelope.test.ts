import { describe, expect, it } from 'vitest';
import { parseEui } from '../../../../protocol/eui.js';
import {
  decodeGbcs,
  decodeGbcsWithLayout,
  encodeGbcs,
  messageCodeOf,
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

const VECTORS = { ECS17B_RESPONSE, ECS17B_COMMAND, ECS09_PRECOMMAND, ECS09_COMMAND, ECS09_RESPONSE, ECS100_ALERT };

function refusal(bytes: Uint8Array): GbcsError {
  try {
    decodeGbcs(bytes);
  } catch (error) {
    if (error instanceof GbcsError) return error;
    throw error;
  }
  throw new Error('decoded');
}

function patched(bytes: Uint8Array, at: number, ...values: number[]): Uint8Array {
  const out = Uint8Array.from(bytes);
  out.set(values, at);
  return out;
}

describe('GBCS-FACTS §3–4: the envelope of RTDS messages', () => {
  it.each(Object.entries(VECTORS))('%s re-encodes byte for byte', (_name, bytes) => {
    expect(Buffer.from(encodeGbcs(decodeGbcs(bytes))).equals(Buffer.from(bytes))).toBe(true);
  });

  it('§11: the ECS17b response is General-Ciphering around an unsigned response from the ESME', () => {
    const m = decodeGbcs(ECS17B_RESPONSE);
    expect(m.kind).toBe('ciphering');
    const h = m.signing.header;
    expect(h).toMatchObject({
      cra: 'response',
      counter: 1000n,
      originator: '00-DB-12-34-56-78-90-A0',
      recipient: '90-B3-D5-1F-30-01-00-00',
      otherInformation: { form: 'plain', messageCode: 0x0027 },
    });
    expect(h.dateTime).toMatchObject({
      year: 2015,
      month: 1,
      dayOfMonth: 1,
      hour: 0,
      deviation: -0x8000,
      clockStatus: 0xff,
    });
    expect(m.signing.signature).toEqual({ kind: 'unsigned' });
    expect(m.kind === 'ciphering' && Buffer.from(m.mac).toString('hex')).toBe('486af3df46acbc45a5217e08');
    expect(m.signing.payload.kind).toBe('dlms');
  });

  it('§4: the layout points at the DF tag, the end of the content and the end of the signature field', () => {
    expect(decodeGbcsWithLayout(ECS17B_RESPONSE).layout).toEqual({
      signingStart: 14,
      contentEnd: 170,
      signingEnd: 171,
    });
    expect(decodeGbcsWithLayout(ECS09_RESPONSE).layout).toEqual({
      signingStart: 0,
      contentEnd: ECS09_RESPONSE.length - 65,
      signingEnd: ECS09_RESPONSE.length,
    });
  });

  it('§12: the command has no date-time; §1: the pre-command is the command without its signature and MAC', () => {
    expect(decodeGbcs(ECS17B_COMMAND).signing.header).toMatchObject({ cra: 'command', dateTime: null });
    const pre = decodeGbcs(ECS09_PRECOMMAND);
    expect(pre.kind).toBe('signing');
    expect(pre.signing.signature).toEqual({ kind: 'absent' });
    const command = decodeGbcs(ECS09_COMMAND);
    expect(command.signing.signature.kind).toBe('signed');
    expect(Buffer.from(ECS09_COMMAND).includes(Buffer.from(ECS09_PRECOMMAND))).toBe(true);
    expect(command.signing.header).toEqual(pre.signing.header);
  });

  it('§4: an 18-byte other-information carries the supplementary remote party and its counter', () => {
    const m = decodeGbcs(ECS100_ALERT);
    expect(m.signing.header.otherInformation).toEqual({
      form: 'remote-party-counter',
      messageCode: 0x0120,
      remoteParty: '90-B3-D5-1F-30-01-00-00',
      remotePartyCounter: 200000n,
    });
    expect(messageCodeOf(m)).toBe(0x0120);
  });

  it.each<OtherInformation>([
    { form: 'plain', messageCode: 0x0027 },
    { form: 'remote-party', messageCode: 0x0123, remoteParty: parseEui('90B3D51F30010000') },
    {
      form: 'urp-response',
      messageCode: 0x0034,
      remoteParty: parseEui('90B3D51F30010000'),
      remotePartyCounter: 7n,
      originatorCounter: 0x7d2n,
    },
    {
      form: 'urp-command',
      messageCode: 0x0034,
      remoteParty: parseEui('90B3D51F30010000'),
      remotePartyCounter: 7n,
      certificate: Uint8Array.from({ length: 406 }, (_, i) => i & 0xff),
    },
  ])('§4: other-information form $form round-trips', (otherInformation) => {
    const base = decodeGbcs(ECS17B_RESPONSE) as Extract<GbcsMessage, { kind: 'ciphering' }>;
    const message: GbcsMessage = {
      ...base,
      signing: { ...base.signing, header: { ...base.signing.header, otherInformation } },
    };
    const bytes = encodeGbcs(message);
    const again = decodeGbcs(bytes);
    expect(again.signing.header.otherInformation).toEqual(otherInformation);
    expect(Buffer.from(encodeGbcs(again)).equals(Buffer.from(bytes))).toBe(true);
  });
});

describe('GBCS-FACTS §3–4: refusals name the byte and the field', () => {
  it.each([
    ['a first byte other than DD or DF', patched(ECS17B_RESPONSE, 0, 0xdb), 'BAD_TAG', 0, 'message.tag'],
    ['a key-info in General-Ciphering', patched(ECS17B_RESPONSE, 6, 0x01), 'BAD_TAG', 6, 'general-ciphering.key-info'],
    [
      'an encrypted General-Ciphering',
      patched(ECS17B_RESPONSE, 9, 0x31),
      'BAD_VALUE',
      9,
      'general-ciphering.security-control',
    ],
    ['a CRA flag of 04', patched(ECS17B_RESPONSE, 16, 0x04), 'BAD_VALUE', 16, 'grouping.cra-flag'],
    ['a system title of 7 bytes', patched(ECS17B_RESPONSE, 25, 0x07), 'BAD_TAG', 25, 'grouping.originator.length'],
    ['a date-time of 11 bytes', patched(ECS17B_RESPONSE, 43, 0x0b), 'BAD_LENGTH', 43, 'grouping.date-time.length'],
    [
      'an other-information of 3 bytes',
      patched(ECS09_PRECOMMAND, 30, 0x03),
      'BAD_LENGTH',
      30,
      'grouping.other-information.length',
    ],
    [
      'a signature length of 41',
      patched(ECS09_RESPONSE, ECS09_RESPONSE.length - 65, 0x41),
      'BAD_LENGTH',
      ECS09_RESPONSE.length - 65,
      'signature.length',
    ],
    ['a content length in the long form', patched(ECS09_PRECOMMAND, 33, 0x81), 'TRUNCATED', undefined, undefined],
  ])('%s', (_what, bytes, code, offset, field) => {
    const error = refusal(bytes);
    expect(error.code).toBe(code);
    if (offset !== undefined) expect(error.offset).toBe(offset);
    if (field !== undefined) expect(error.field).toBe(field);
    expect(error.message).toMatch(/at byte \d+/);
  });

  it('refuses a length that is not in its shortest form, which could not re-encode', () => {
    // The pre-command's content length 14 written as 81 14.
    const long = Buffer.concat([ECS09_PRECOMMAND.subarray(0, 33), Uint8Array.of(0x81), ECS09_PRECOMMAND.subarray(33)]);
    expect(refusal(long)).toMatchObject({ code: 'BAD_LENGTH', offset: 33, field: 'content.length' });
  });

  it('refuses a truncated message and a trailing byte', () => {
    expect(refusal(ECS17B_RESPONSE.subarray(0, 100)).code).toBe('TRUNCATED');
    expect(refusal(Buffer.concat([ECS17B_RESPONSE, Uint8Array.of(0)])).code).toBe('TRAILING');
    expect(refusal(new Uint8Array(0))).toMatchObject({ code: 'TRUNCATED', offset: 0 });
  });

  it('refuses a General-Ciphering whose APDU has no signature field', () => {
    const inner = ECS09_PRECOMMAND;
    const body = Buffer.concat([Uint8Array.of(0x11, 0, 0, 0, 0), inner, new Uint8Array(12)]);
    const bytes = Buffer.concat([Uint8Array.of(0xdd, 0, 0, 0, 0, 0, 0, body.length), body]);
    expect(refusal(bytes)).toMatchObject({ code: 'TRUNCATED', field: 'signature.length' });
  });

  it('refuses more than 64 KiB', () => {
    expect(refusal(new Uint8Array(0x10000 + 17)).code).toBe('OVERSIZE');
  });
});
