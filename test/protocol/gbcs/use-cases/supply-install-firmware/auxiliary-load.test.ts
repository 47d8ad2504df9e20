import { describe, expect, it } from 'vitest';
import { auxiliaryLoads, pressBoost } from '../../../../../meter-esme/handlers/auxiliary-load.js';
import { ESME_HANDLERS } from '../../../../../meter-esme/handlers/index.js';
import { useCaseFor, type UseCaseCodec } from '../../../../../protocol/gbcs/use-cases/index.js';
import { bytesOf, ctx, fuzzDecoders, hex, payload, premises, responseCtx, run, RTDS_NOW } from './fixture.js';

const codec = (variant: string): UseCaseCodec => {
  const found = useCaseFor(variant, 'ESME', null);
  if (!found) throw new Error(`no codec for ${variant}`);
  return found;
};

describe.each([
  [
    'ECS47Activate 7.5 activate auxiliary load',
    '7.5',
    // set 0-0:94.44.117.1 (30 minutes), execute ALCS script 0x0111 (switch 1 on)
    'D9 200003E8 00 02 02 0001 00005E2C7501 02 03 0009 00000A0067FF 01 02 12 001E 12 0111',
    { action: 'activate', load: 1, register: '0-0:94.44.117.1', minutes: 30 },
    'da200003e800000200000202000300',
    'da200003e8000002000002020103fa', // RTDS ERROR: set hardware-fault, action other-reason
  ],
  [
    'ECS47Deactivate 7.6 deactivate auxiliary load',
    '7.6',
    'D9 200003E8 00 02 02 0001 00005E2C7702 02 03 0009 00000A0067FF 01 02 12 003C 12 0312',
    { action: 'deactivate', load: 3, register: '0-0:94.44.119.2', minutes: 60 },
    'da200003e800000200000202000300',
    'da200003e8000002000002020103fa',
  ],
  [
    'ECS47Reset 7.8 reset auxiliary load',
    '7.8',
    'D9 200003E8 00 01 03 0009 00000A0067FF 01 01 12 0520', // execute 0x0520 (switch 5 reset)
    { action: 'reset', load: 5 },
    'da200003e800000100010300',
    'da200003e800000100010301',
  ],
] as const)('%s', (_name, variant, commandHex, body, okHex, errorHex) => {
  const c = codec(variant);
  const COMMAND = hex(commandHex);
  it('decodes the RTDS command, re-encodes it, switches the load and answers the RTDS shape', () => {
    const command = payload(0x0055, COMMAND);
    expect(c.decodeCommand(command)).toEqual(body);
    expect(bytesOf(c.encodeCommand(body, ctx(RTDS_NOW, { counter: 1000n })))).toBe(bytesOf(command));
    const home = premises();
    if (variant !== '7.5') run(ESME_HANDLERS, home.esme, '7.5', { action: 'activate', load: body.load });
    const done = run(ESME_HANDLERS, home.esme, variant, c.decodeCommand(command));
    expect(auxiliaryLoads(home.esme).switches[body.load - 1]?.on).toBe(variant === '7.5');
    expect(bytesOf(c.encodeResponse(done, responseCtx(command)))).toBe(okHex);
    expect(c.decodeResponse(payload(0x0055, hex(okHex))).status).toBe('OK');
  });
  it('ERROR variant: an installed (not commissioned) meter refuses, answered as the RTDS ERROR', () => {
    const command = payload(0x0055, COMMAND);
    const home = premises(RTDS_NOW, 'installed');
    const done = run(ESME_HANDLERS, home.esme, variant, c.decodeCommand(command));
    expect(done.status).toBe('INVALID_STATE');
    expect(bytesOf(c.encodeResponse(done, responseCtx(command)))).toBe(errorHex);
    expect(c.decodeResponse(payload(0x0055, hex(errorHex))).status).toBe('INVALID_STATE');
  });
  it('decoders give only their typed errors', () => fuzzDecoders(c, COMMAND));
});

const BOOST = (flag: string) =>
  hex(`D9 200003E8 00 05 # 5 sets of the boost flags 0-0:94.44.6.1 … .5
    02 0001 00005E2C0601 02  02 0001 00005E2C0602 02  02 0001 00005E2C0603 02
    02 0001 00005E2C0604 02  02 0001 00005E2C0605 02
    05 03${flag} 03${flag} 03${flag} 03${flag} 03${flag} # 5 booleans`);

describe('ECS62Add 7.9 / ECS62Remove 7.10 auxiliary loads on the boost button', () => {
  it('adds all five switches to the boost button, then removes them; a boost press holds them on', () => {
    const add = codec('7.9');
    const remove = codec('7.10');
    const home = premises();
    const addCommand = payload(0x005f, BOOST('FF'));
    expect(add.decodeCommand(addCommand)).toEqual({ boost: [true, true, true, true, true] });
    expect(bytesOf(add.encodeCommand(null, ctx(RTDS_NOW, { counter: 1000n })))).toBe(bytesOf(addCommand));
    const done = run(ESME_HANDLERS, home.esme, '7.9', add.decodeCommand(addCommand));
    expect(bytesOf(add.encodeResponse(done, responseCtx(addCommand)))).toBe(
      'da200003e800000500000000000502000200020002000200',
    );
    pressBoost(home.esme);
    expect(auxiliaryLoads(home.esme).switches.every((s) => s.on)).toBe(true);
    const removeCommand = payload(0x005f, BOOST('00'));
    expect(bytesOf(remove.encodeCommand(null, ctx(RTDS_NOW, { counter: 1000n })))).toBe(bytesOf(removeCommand));
    run(ESME_HANDLERS, home.esme, '7.10', remove.decodeCommand(removeCommand));
    expect(auxiliaryLoads(home.esme).boost).toEqual([false, false, false, false, false]);
    // RTDS ERROR: da…05 00000000 00 05 0200 0200 0200 0201 02fa (the 4th failed): a refusal
    expect(add.decodeResponse(payload(0x005f, hex('da200003eb000005000000000005020002000200020102fa'))).status).toBe(
      'INVALID_STATE',
    );
    fuzzDecoders(add, BOOST('FF'));
  });
});

describe('ECS38 7.12 update boost button duration', () => {
  const c = codec('7.12');
  const COMMAND = hex('D9 200003E8 00 01 02 0001 00005E2C0001 02 01 12 0384'); // set 0-0:94.44.0.1 = 900 s
  it('round-trips the RTDS command and sets the boost duration', () => {
    const command = payload(0x004b, COMMAND);
    expect(c.decodeCommand(command)).toEqual({ seconds: 900 });
    expect(bytesOf(c.encodeCommand({ seconds: 900 }, ctx(RTDS_NOW, { counter: 1000n })))).toBe(bytesOf(command));
    const home = premises();
    const done = run(ESME_HANDLERS, home.esme, '7.12', { seconds: 900 });
    expect(auxiliaryLoads(home.esme).boostSeconds).toBe(900);
    expect(bytesOf(c.encodeResponse(done, responseCtx(command)))).toBe('da200003e800000100010200');
    expect(c.decodeResponse(payload(0x004b, hex('da200003eb00000100010201'))).status).toBe('INVALID_STATE');
  });
  it('decoders give only their typed errors', () => fuzzDecoders(c, COMMAND));
});

describe.each([
  ['ECS47a 7.13 auxiliary load window', '7.13', 0x011e, '00005E2C7901 02 02 0001 00005E2C7902', '00000A0067FF', '1564'],
  [
    'ECS47e 7.16 auxiliary proportional controller window',
    '7.16',
    0x011f,
    '00005E2C7703 02 02 0001 00005E2C7704',
    '00000A006BFF',
    '2332',
  ],
] as const)('%s', (_name, variant, code, registers, table, script) => {
  const c = codec(variant);
  const COMMAND = hex(`D9 200003E8 00 03 02 0001 ${registers} 02 03 0009 ${table} 01
    03 090C 07DF0103FF000000008000FF # from 2015-01-03 00:00
       090C 07DF0103FF010000008000FF # to 2015-01-03 01:00
       12 ${script} # the script to run in the window`);
  it('decodes the RTDS command, re-encodes it, and keeps the window at the meter', () => {
    const command = payload(code, COMMAND);
    const body = c.decodeCommand(command);
    expect(body).toMatchObject({
      from: '2015-01-03T00:00:00.000Z',
      to: '2015-01-03T01:00:00.000Z',
      script: parseInt(script, 16),
    });
    expect(bytesOf(c.encodeCommand(body, ctx(RTDS_NOW, { counter: 1000n })))).toBe(bytesOf(command));
    const home = premises();
    const done = run(ESME_HANDLERS, home.esme, variant, body);
    expect(auxiliaryLoads(home.esme).windows).toHaveLength(1);
    expect(bytesOf(c.encodeResponse(done, responseCtx(command)))).toBe('da200003e800000300000003020002000300');
    // RTDS ERROR (APC input): set ok, set hardware-fault, action other-reason
    expect(c.decodeResponse(payload(code, hex('da2000232c000003000000030200020103fa'))).status).toBe('INVALID_STATE');
  });
  it('decoders give only their typed errors', () => fuzzDecoders(c, COMMAND));
});
