import { describe, expect, it } from 'vitest';
import { pressBoost } from '../../../../../meter-esme/handlers/auxiliary-load.js';
import { ESME_HANDLERS } from '../../../../../meter-esme/handlers/index.js';
import { useCaseFor, type UseCaseCodec } from '../../../../../protocol/gbcs/use-cases/index.js';
import { bytesOf, ctx, fuzzDecoders, hex, payload, premises, responseCtx, run, RTDS_NOW } from './fixture.js';

const codec = (variant: string): UseCaseCodec => {
  const found = useCaseFor(variant, 'ESME', null);
  if (!found) throw new Error(`no codec for ${variant}`);
  return found;
};

describe('ECS61c 7.11 read boost button data', () => {
  const c = codec('7.11');
  const COMMAND = hex(`D9 200003E9 00 07
    01 0001 00005E2C07FF 02 # get boost active 0-0:94.44.7.255
    04 0007 0000636214FF 02 01 # get-with-selection boost history 0-0:99.98.20.255, selector 1 (range)
       0204 0204 120001 0906 00005E2C64FF 0F02 120000 # restricting object {1, 0-0:94.44.100.255, 2, 0}
       06 1C2F5370 06 1C374A80 0100 # from 2014-12-25 23:00, to 2015-01-01 00:00 (s since 2000), all columns
    01 0001 00005E2C0601 02  01 0001 00005E2C0602 02  01 0001 00005E2C0603 02
    01 0001 00005E2C0604 02  01 0001 00005E2C0605 02 # the five boost flags
    07 00000000000000 # 7 × null-data`);
  it('round-trips the RTDS command; a boost pressed in the range is in the history', () => {
    const command = payload(0x005e, COMMAND);
    const body = c.decodeCommand(command);
    expect(body).toEqual({ from: '2014-12-25T23:00:00.000Z', to: '2015-01-01T00:00:00.000Z' });
    expect(bytesOf(c.encodeCommand(body, ctx(RTDS_NOW, { counter: 1001n })))).toBe(bytesOf(command));
    const home = premises();
    run(ESME_HANDLERS, home.esme, '7.9', { boost: [true, false, false, false, false] });
    pressBoost(home.esme);
    const response = c.encodeResponse(run(ESME_HANDLERS, home.esme, '7.11', body), responseCtx(command));
    if (response.kind !== 'dlms' || response.apdu.type !== 'access-response') throw new Error('not DLMS');
    // RTDS shape: boolean, compact-array of {double-long-unsigned, double-long-unsigned}, 5 booleans
    expect(response.apdu.data.map((d) => d.type)).toEqual([
      'boolean',
      'compact-array',
      ...Array<string>(5).fill('boolean'),
    ]);
    expect(c.decodeResponse(response)).toEqual({
      status: 'OK',
      payload: {
        boostActive: true,
        history: [['2015-01-01T00:00:00.000Z', '2015-01-01T00:30:00.000Z']],
        boost: [true, false, false, false, false],
      },
    });
  });
  it('ERROR variant: a failed get is a refusal', () => {
    const command = payload(0x005e, COMMAND);
    expect(
      c.decodeResponse(c.encodeResponse({ status: 'INVALID_STATE', payload: null }, responseCtx(command))).status,
    ).toBe('INVALID_STATE');
  });
  it('decoders give only their typed errors', () => fuzzDecoders(c, COMMAND));
});

describe('ECS61e 7.15 read paired devices and their states', () => {
  const c = codec('7.15');
  const COMMAND = hex(`D9 200003E9 00 0A
    01 0001 00005E2C0015 02  01 0001 00005E2C0016 02  01 0001 00005E2C0017 02  01 0001 00005E2C0018 02
    01 0001 00005E2C0019 02 # paired devices 0-0:94.44.0.21 … 25
    01 0001 00005E2C001F 02  01 0001 00005E2C0020 02  01 0001 00005E2C0021 02  01 0001 00005E2C0022 02
    01 0001 00005E2C0023 02 # states 0-0:94.44.0.31 … 35
    0A 00000000000000000000 # 10 × null-data`);
  it('round-trips the RTDS command and answers paired devices and JSON states as the RTDS', () => {
    const command = payload(0x011d, COMMAND);
    expect(c.decodeCommand(command)).toEqual({});
    expect(bytesOf(c.encodeCommand(null, ctx(RTDS_NOW, { counter: 1001n })))).toBe(bytesOf(command));
    const home = premises();
    run(ESME_HANDLERS, home.esme, '8.7.1', { device: '00-DB-12-34-56-78-90-97', deviceType: 'HCALCS', method: 'A' });
    run(ESME_HANDLERS, home.esme, '7.5', { action: 'activate', load: 1 });
    const response = c.encodeResponse(run(ESME_HANDLERS, home.esme, '7.15', {}), responseCtx(command));
    expect(c.decodeResponse(response)).toMatchObject({
      status: 'OK',
      payload: {
        pairedDevices: ['00-DB-12-34-56-78-90-97', null, null, null, null],
        states: ['{"outputState": 100, "inputState": 0}', '{"outputState": 0, "inputState": 0}'].concat(
          Array<string>(3).fill('{"outputState": 0, "inputState": 0}'),
        ),
      },
    });
    // RTDS ERROR: four gets answered, then hardware-fault, then other-reason
    const error = hex(
      'da200003ea00000a09081234567890abcdef090800000000000000000901ff09000000000000000a0100010001000100010101fa01fa01fa01fa01fa',
    );
    expect(c.decodeResponse(payload(0x011d, error)).status).toBe('INVALID_STATE');
  });
  it('decoders give only their typed errors', () => fuzzDecoders(c, COMMAND));
});
