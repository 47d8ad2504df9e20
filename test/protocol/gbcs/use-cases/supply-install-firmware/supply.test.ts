import { describe, expect, it } from 'vitest';
import { ESME_HANDLERS } from '../../../../../meter-esme/handlers/index.js';
import { GSME_HANDLERS } from '../../../../../meter-gsme/handlers/index.js';
import { useCaseFor, type UseCaseCodec } from '../../../../../protocol/gbcs/use-cases/index.js';
import { bytesOf, ctx, fuzzDecoders, hex, payload, premises, responseCtx, run } from './fixture.js';

const codec = (variant: string, device: 'ESME' | 'GSME'): UseCaseCodec => {
  const found = useCaseFor(variant, device, null);
  if (!found) throw new Error(`no codec for ${variant} on ${device}`);
  return found;
};

// RTDS 4.5.0 payloads (the General-Signing content only).
const SCRIPT = (id: string) =>
  hex(`D9 200003E8 00 # access-request, invoke id 0x20‖counter 1000, no date-time
       01 03 0009 00000A006AFF 01 # 1 spec: action, script table 0-0:10.0.106.255, method 1 execute
       01 12 ${id} # 1 data item: long-unsigned script id`);
const ACTION_OK = hex('DA 200003E8 00 00 01 00 01 03 00'); // access-response: null-data, action success
const ACTION_HW_FAULT = hex('DA 200003E9 00 00 01 00 01 03 01'); // … action hardware-fault (ERROR)

describe.each([
  ['ECS42 7.1 enable supply', '7.1', 0x004f, '0033', 'Enabled'],
  ['ECS43 7.2 disable supply', '7.2', 0x0050, '0034', 'Disabled'],
  ['ECS44 7.3 arm supply', '7.3', 0x0051, '0036', 'Armed'],
] as const)('%s', (_name, variant, code, script, supply) => {
  const c = codec(variant, 'ESME');

  it('decodes the RTDS command to the body the handler reads and encodes it back to the same bytes', () => {
    expect(c.messageCode).toBe(code);
    const command = payload(code, SCRIPT(script));
    expect(c.decodeCommand(command)).toEqual({});
    expect(bytesOf(c.encodeCommand(null, ctx(undefined, { counter: 1000n })))).toBe(bytesOf(command));
  });

  it('runs on the ESME and answers the RTDS success shape; the switch is in the state the SR means', () => {
    const home = premises();
    if (variant === '7.3') run(ESME_HANDLERS, home.esme, '7.2', {}); // only a disabled switch arms
    const command = payload(code, SCRIPT(script));
    const done = run(ESME_HANDLERS, home.esme, variant, c.decodeCommand(command));
    expect(home.esme.supply).toBe(supply);
    const response = c.encodeResponse(done, responseCtx(command));
    expect(bytesOf(response)).toBe(bytesOf(payload(code, ACTION_OK)));
    expect(c.decodeResponse(response)).toEqual({ status: 'OK', payload: { supply } });
  });

  it('ERROR variant: hardware-fault reads back as a refusal', () => {
    expect(c.decodeResponse(payload(code, ACTION_HW_FAULT)).status).toBe('INVALID_STATE');
  });

  it('decoders give only their typed errors on random and mutated bytes', () => fuzzDecoders(c, SCRIPT(script)));
});

describe('ECS44 7.3 arm supply (ERROR variant)', () => {
  it('an enabled switch cannot be armed: INVALID_STATE, answered hardware-fault as the RTDS shows', () => {
    const c = codec('7.3', 'ESME');
    const home = premises();
    const command = payload(0x0051, SCRIPT('0036'));
    expect(() => run(ESME_HANDLERS, home.esme, '7.3', c.decodeCommand(command))).toThrow(/supply switch/);
    // The firmware turns that IllegalTransitionError into INVALID_STATE; the codec answers so:
    const response = c.encodeResponse({ status: 'INVALID_STATE', payload: null }, responseCtx(command));
    expect(bytesOf(response)).toBe('da200003e800000100010301');
    expect(home.esme.supply).toBe('Enabled');
  });
});

describe('ECS45 7.4 read supply status', () => {
  const c = codec('7.4', 'ESME');
  const COMMAND = hex(`D9 200003E8 00 01 # access-request, 1 spec
                       01 0046 000060030AFF 03 # get disconnect control 0-0:96.3.10.255 #3 control_state
                       01 00 # data: null-data`);
  it('round-trips the RTDS command and answers enum 1 (connected) for an enabled supply', () => {
    const command = payload(0x0052, COMMAND);
    expect(c.decodeCommand(command)).toEqual({});
    expect(bytesOf(c.encodeCommand({}, ctx(undefined, { counter: 1000n })))).toBe(bytesOf(command));
    const home = premises();
    const response = c.encodeResponse(run(ESME_HANDLERS, home.esme, '7.4', {}), responseCtx(command));
    expect(bytesOf(response)).toBe('da200003e80000011601010100'); // RTDS: data enum 01, get success
    expect(c.decodeResponse(response)).toEqual({ status: 'OK', payload: { supply: 'Enabled' } });
    run(ESME_HANDLERS, home.esme, '7.2', {});
    expect(c.decodeResponse(c.encodeResponse(run(ESME_HANDLERS, home.esme, '7.4', {}), responseCtx(command)))).toEqual({
      status: 'OK',
      payload: { supply: 'Disabled' },
    });
  });
  it('ERROR variant: the RTDS get hardware-fault is a refusal', () => {
    expect(c.decodeResponse(payload(0x0052, hex('DA 200003EA 00 00 01 00 01 01 01'))).status).toBe('INVALID_STATE');
  });
  it('decoders give only their typed errors', () => fuzzDecoders(c, COMMAND));
});

const CHANGE_SUPPLY = (status: string) =>
  hex(`01 09 01 # GBZ profile 0109, 1 component
       01 0702 0015 # extended header: last component; cluster Metering; 21 bytes of ZCL
       01 00 0B # cluster-specific client-to-server, sequence 0, Change Supply
       00000000 804A371C # Provider Id 0, Issuer Event Id 0x1C374A80 (2015-01-01, seconds since 2000)
       00000000 00000000 # Request / Implementation Date Time: now
       ${status} 01 # Proposed Supply Status, Supply Control Bits: acknowledge`);

describe.each([
  ['GCS32 7.2 disable supply (valve)', '7.2', 0x0081, '00', 'Disabled', '00'],
  ['GCS39 7.3 arm supply (valve)', '7.3', 0x0085, '01', 'Armed', '01'],
] as const)('%s', (_name, variant, code, proposed, supply, reported) => {
  const c = codec(variant, 'GSME');
  const command = payload(code, CHANGE_SUPPLY(proposed));

  it('decodes the RTDS Change Supply, re-encodes it to the same bytes, and answers Supply Status Response', () => {
    const body = c.decodeCommand(command);
    expect(body).toEqual({ issuerEventId: 0x1c374a80 });
    expect(bytesOf(c.encodeCommand(body, ctx()))).toBe(bytesOf(command));
    expect(bytesOf(c.encodeCommand(null, ctx()))).toBe(bytesOf(command)); // the event id from the DCC clock
    const home = premises();
    if (variant === '7.3') run(GSME_HANDLERS, home.gsme, '7.2', {});
    const response = c.encodeResponse(run(GSME_HANDLERS, home.gsme, variant, body), responseCtx(command));
    expect(home.gsme.supply).toBe(supply);
    // RTDS RESPONSE: Supply Status Response {0, 0x1C374A80, 0, status}
    expect(bytesOf(response)).toBe(`010901010702001009000c00000000804a371c00000000${reported}`);
    expect(c.decodeResponse(response)).toEqual({ status: 'OK', payload: { supply, issuerEventId: 0x1c374a80 } });
  });

  it('ERROR variant: a refusal is the Default Response with HARDWARE_FAILURE (C0)', () => {
    const response = c.encodeResponse({ status: 'INVALID_STATE', payload: null }, responseCtx(command));
    expect(bytesOf(response)).toBe('010901010702000508000b0bc0');
    expect(c.decodeResponse(response).status).toBe('INVALID_STATE');
  });

  it('decoders give only their typed errors', () => fuzzDecoders(c, encodeBytes(command)));
});

describe('GCS33 7.4 read supply status (valve)', () => {
  const c = codec('7.4', 'GSME');
  const COMMAND = hex(`01 09 01 01 0702 0007 # GBZ, 1 component: last, Metering, 7 bytes of ZCL
                       00 00 00 # global, sequence 0, Read Attributes
                       0502 1400 # Remaining Battery Life in Days, Supply Status`);
  it('round-trips the RTDS read and answers the two attributes, supply on = 2', () => {
    const command = payload(0x0082, COMMAND);
    expect(c.decodeCommand(command)).toEqual({});
    expect(bytesOf(c.encodeCommand(null, ctx()))).toBe(bytesOf(command));
    const home = premises();
    const done = run(GSME_HANDLERS, home.gsme, '7.4', {});
    const response = c.encodeResponse(done, responseCtx(command));
    // RTDS: 0205 uint16 (21) 100 days here 5475, 0014 enum8 (30) 2
    expect(bytesOf(response)).toBe('010901010702000e0800010502002163151400003002');
    expect(c.decodeResponse(response)).toEqual({ status: 'OK', payload: { supply: 'Enabled', batteryDays: 5475 } });
  });
  it('ERROR variant: Supply Status unreadable (C0)', () => {
    const error = payload(0x0082, hex('01 09 01 01 0702 000C 08 00 01 0502 00 21 6400 1400 C0'));
    expect(c.decodeResponse(error)).toEqual({ status: 'INVALID_STATE', payload: { result: 0xc0, batteryDays: 100 } });
  });
  it('decoders give only their typed errors', () => fuzzDecoders(c, COMMAND));
});

function encodeBytes(p: Parameters<typeof bytesOf>[0]): Uint8Array {
  return Buffer.from(bytesOf(p), 'hex');
}
