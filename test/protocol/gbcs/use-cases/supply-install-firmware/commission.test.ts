import { describe, expect, it } from 'vitest';
import { ESME_HANDLERS } from '../../../../../meter-esme/handlers/index.js';
import { GSME_HANDLERS } from '../../../../../meter-gsme/handlers/index.js';
import { useCaseFor, type UseCaseCodec } from '../../../../../protocol/gbcs/use-cases/index.js';
import { bytesOf, ctx, fuzzDecoders, hex, payload, premises, responseCtx, run, RTDS_NOW } from './fixture.js';

const codec = (device: 'ESME' | 'GSME'): UseCaseCodec => {
  const found = useCaseFor('8.1.1', device, null);
  if (!found) throw new Error('no codec');
  return found;
};

const ECS70_COMMAND = hex(`
  D9 200003E8 00 05 # access-request, counter 1000, 5 specs
  02 0008 0000010000FF 09 # set clock 0-0:1.0.0.255 #9 clock_base
  03 0008 0000010000FF 05 # action preset_adjusting_time
  03 0008 0000010000FF 04 # action adjust_to_preset_time
  01 0008 0000010000FF 02 # get time
  01 0008 0000010000FF 04 # get status
  05 16 05 # 5 data items: enum 5
  02 03 090C FFFFFFFFFFFFFFFFFF8000FF # {preset time: not specified,
        090C 07DE0C1FFF173B0A008000FF # validity start 2014-12-31 23:59:10,
        090C 07DF0101FF00000A008000FF # validity end 2015-01-01 00:00:10}
  0F 00 # integer 0
  00 00 # null-data, null-data`);
const ECS70_RESPONSE = hex(`DA 200003E8 00 00 05 00 00 00 # 3 × null-data
  090C 07DF0101FF000000008000FF # the meter's time 2015-01-01 00:00:00
  11 00 # status unsigned 0
  05 0200 0300 0300 0100 0100 # set, action, action, get, get: success`);

describe('ECS70 8.1.1 commission device (ESME)', () => {
  const c = codec('ESME');
  it('decodes the RTDS command to its validity window and re-encodes the same bytes', () => {
    const command = payload(0x0062, ECS70_COMMAND);
    const body = c.decodeCommand(command);
    expect(body).toEqual({ validFrom: '2014-12-31T23:59:10.000Z', validTo: '2015-01-01T00:00:10.000Z' });
    expect(bytesOf(c.encodeCommand(body, ctx(RTDS_NOW, { counter: 1000n })))).toBe(bytesOf(command));
  });
  it('commissions an installed ESME inside the window and answers the RTDS response bytes', () => {
    const home = premises(RTDS_NOW, 'installed');
    const command = payload(0x0062, ECS70_COMMAND);
    const done = run(ESME_HANDLERS, home.esme, '8.1.1', c.decodeCommand(command));
    expect(home.esme.lifecycle).toBe('Commissioned');
    const response = c.encodeResponse(done, responseCtx(command));
    expect(bytesOf(response)).toBe(bytesOf(payload(0x0062, ECS70_RESPONSE)));
    expect(c.decodeResponse(response)).toEqual({
      status: 'OK',
      payload: { lifecycle: 'Commissioned', deviceTime: '2015-01-01T00:00:00.000Z' },
    });
  });
  it('ERROR variant: a meter clock outside the window is refused; the time get fails as the RTDS shows', () => {
    const home = premises(RTDS_NOW + 3600_000, 'installed');
    const command = payload(0x0062, ECS70_COMMAND);
    const done = run(ESME_HANDLERS, home.esme, '8.1.1', c.decodeCommand(command));
    expect(done.status).toBe('INVALID_STATE');
    expect(home.esme.lifecycle).toBe('Installed');
    const response = c.encodeResponse(done, responseCtx(command));
    expect(bytesOf(response)).toBe('da200003e8000005000000000005020003000300010101fa'); // RTDS ERROR, counter 1000
    expect(c.decodeResponse(response).status).toBe('INVALID_STATE');
  });
  it('decoders give only their typed errors', () => fuzzDecoders(c, ECS70_COMMAND));
});

const GCS28_COMMAND = hex(`30 22 # SEQUENCE
  180F 32303134313233313233333030305A # GeneralizedTime 20141231233000Z validity start
  180F 32303135303130313030333030305A # GeneralizedTime 20150101003000Z validity end`);

describe('GCS28 8.1.1 commission device (GSME)', () => {
  const c = codec('GSME');
  it('decodes the RTDS command, re-encodes it, commissions the GSME and answers the RTDS response', () => {
    const command = payload(0x007f, GCS28_COMMAND);
    const body = c.decodeCommand(command);
    expect(body).toEqual({ validFrom: '2014-12-31T23:30:00.000Z', validTo: '2015-01-01T00:30:00.000Z' });
    expect(bytesOf(c.encodeCommand(body, ctx()))).toBe(bytesOf(command));
    const home = premises(RTDS_NOW - 30 * 60_000, 'installed');
    const done = run(GSME_HANDLERS, home.gsme, '8.1.1', body);
    expect(home.gsme.lifecycle).toBe('Commissioned');
    const response = c.encodeResponse(done, responseCtx(command, RTDS_NOW - 30 * 60_000));
    // RTDS: SEQUENCE {device time 20141231233000Z, INTEGER 0 reliable}
    expect(bytesOf(response)).toBe('3014180f32303134313233313233333030305a020100');
    expect(c.decodeResponse(response)).toMatchObject({ status: 'OK', payload: { lifecycle: 'Commissioned' } });
  });
  it('ERROR variant: a window the meter clock is outside of answers 2 (unreliable)', () => {
    const command = payload(
      0x007f,
      hex('3022 180F 32303135303130313031303030305A 180F 32303135303130313032303030305A'),
    );
    const home = premises(RTDS_NOW, 'installed');
    const done = run(GSME_HANDLERS, home.gsme, '8.1.1', c.decodeCommand(command));
    expect(done.status).toBe('INVALID_STATE');
    const response = c.encodeResponse(done, responseCtx(command));
    expect(bytesOf(response)).toBe('3014180f32303135303130313030303030305a020102'); // RTDS ERROR RESPONSE
    expect(c.decodeResponse(response).status).toBe('INVALID_STATE');
  });
  it('decoders give only their typed errors', () => fuzzDecoders(c, GCS28_COMMAND));
});
