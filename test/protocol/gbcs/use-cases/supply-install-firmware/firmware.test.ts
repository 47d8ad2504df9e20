import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ESME_HANDLERS } from '../../../../../meter-esme/handlers/index.js';
import { GSME_HANDLERS } from '../../../../../meter-gsme/handlers/index.js';
import { CHF_HANDLERS } from '../../../../../hub/chf-handlers.js';
import { useCaseFor, type UseCaseCodec } from '../../../../../protocol/gbcs/use-cases/index.js';
import type { DeviceType } from '../../../../../protocol/index.js';
import { bytesOf, ctx, fuzzDecoders, hex, payload, premises, responseCtx, run, RTDS_NOW } from './fixture.js';

const codec = (variant: string, device: DeviceType): UseCaseCodec => {
  const found = useCaseFor(variant, device, null);
  if (!found) throw new Error(`no codec for ${variant} ${device}`);
  return found;
};
const ascii = (text: string) => Buffer.from(text).toString('hex');

describe('ECS52 11.2 read firmware version (ESME)', () => {
  const c = codec('11.2', 'ESME');
  const COMMAND = hex(`D9 200003E8 00 01 # access-request, 1 spec
    01 0001 0000000201FF 02 # get data 0-0:0.2.1.255 #2 (active firmware identifier)
    01 00 # null-data`);
  it('round-trips the RTDS command and answers the running version as an octet string', () => {
    const command = payload(0x0059, COMMAND);
    expect(c.decodeCommand(command)).toEqual({});
    expect(bytesOf(c.encodeCommand(null, ctx(RTDS_NOW, { counter: 1000n })))).toBe(bytesOf(command));
    const home = premises();
    const response = c.encodeResponse(run(ESME_HANDLERS, home.esme, '11.2', {}), responseCtx(command));
    const version = home.esme.identity.firmwareVersion;
    // RTDS: DA 200003E8 00 00 01 09 04 0123ABCD 01 01 00 (here the version's ASCII bytes)
    expect(bytesOf(response)).toBe(
      `da200003e800000109${version.length.toString(16).padStart(2, '0')}${ascii(version)}010100`,
    );
    expect(c.decodeResponse(response)).toEqual({ status: 'OK', payload: { firmwareVersion: version } });
    expect(c.decodeResponse(payload(0x0059, hex('DA200003E800000109040123ABCD010100')))).toEqual({
      status: 'OK',
      payload: { firmwareVersion: '0123ABCD' },
    });
  });
  it('ERROR variant: get hardware-fault', () => {
    expect(c.decodeResponse(payload(0x0059, hex('DA200003EA00000100010101'))).status).toBe('INVALID_STATE');
  });
  it('decoders give only their typed errors', () => fuzzDecoders(c, COMMAND));
});

describe('GCS38 11.2 read firmware version (GSME)', () => {
  const c = codec('11.2', 'GSME');
  const COMMAND = hex('0109 01 01 0702 0005 00 00 00 0602'); // Read Attributes Current Meter Id 0x0206
  it('round-trips the RTDS command and answers attribute 0x0206 as an octet string', () => {
    const command = payload(0x0084, COMMAND);
    expect(c.decodeCommand(command)).toEqual({});
    expect(bytesOf(c.encodeCommand(null, ctx()))).toBe(bytesOf(command));
    const home = premises();
    const version = home.gsme.identity.firmwareVersion;
    const response = c.encodeResponse(run(GSME_HANDLERS, home.gsme, '11.2', {}), responseCtx(command));
    expect(c.decodeResponse(response)).toEqual({ status: 'OK', payload: { firmwareVersion: version } });
    // RTDS success: … 0602 00 41 04 0123ABCD (octet string)
    expect(c.decodeResponse(payload(0x0084, hex('010901010702000c08000106020041040123abcd')))).toEqual({
      status: 'OK',
      payload: { firmwareVersion: '0123ABCD' },
    });
  });
  it('ERROR variant: the attribute answers C0', () => {
    expect(c.decodeResponse(payload(0x0084, hex('01090101070200060800010602c0'))).status).toBe('INVALID_STATE');
  });
  it('decoders give only their typed errors', () => fuzzDecoders(c, COMMAND));
});

describe('CS08 11.2 read firmware version (other devices)', () => {
  const c = codec('11.2', 'CHF');
  it('NULL asks; SEQUENCE {version, 0} answers; the RTDS ERROR answers {00000000, 1}', () => {
    const command = payload(0x0129, hex('0500'));
    expect(c.decodeCommand(command)).toEqual({});
    expect(bytesOf(c.encodeCommand(null, ctx()))).toBe('0500');
    const home = premises();
    const response = c.encodeResponse(run(CHF_HANDLERS, home.hub, '11.2', {}), responseCtx(command));
    expect(c.decodeResponse(response)).toEqual({
      status: 'OK',
      payload: { firmwareVersion: home.hub.identity.firmwareVersion },
    });
    expect(c.decodeResponse(payload(0x0129, hex('300904040123abcd020100')))).toMatchObject({ status: 'OK' });
    expect(bytesOf(c.encodeResponse({ status: 'NOT_SUPPORTED', payload: null }, responseCtx(command)))).toBe(
      '3009040400000000020101',
    );
    fuzzDecoders(c, hex('300904040123abcd020100'));
  });
});

const HASH = 'aa758690730934ff0685aa758690730934ff0685657788990011223344556677';

describe('CS06 11.3 activate firmware', () => {
  const c = codec('11.3', 'ESME');
  const IMMEDIATE = hex(`30 26 # SEQUENCE
    0420 ${HASH} # the image hash
    0202 03E8 # originator counter 1000`);
  const FUTURE = hex(`3037 0420 ${HASH} 0202 03E9 180F 32303330303131353039303030305A # execute 2030-01-15 09:00`);
  const CANCEL = hex(`3037 0420 ${HASH} 0202 03EA 180F 39393939313233313233353935395A # 9999-12-31 23:59:59 cancels`);

  it('decodes the RTDS immediate, future-dated and cancellation commands and re-encodes them', () => {
    const hash = Buffer.from(HASH, 'hex');
    const immediate = c.decodeCommand(payload(0x0012, IMMEDIATE));
    expect(immediate).toEqual({ hash: expect.any(Uint8Array), originatorCounter: 1000 });
    expect(bytesOf(c.encodeCommand({ hash }, ctx(RTDS_NOW, { counter: 1000n })))).toBe(
      bytesOf(payload(0x0012, IMMEDIATE)),
    );
    expect(c.decodeCommand(payload(0x0012, FUTURE))).toMatchObject({ executeAt: '2030-01-15T09:00:00.000Z' });
    expect(
      bytesOf(c.encodeCommand({ hash }, ctx(RTDS_NOW, { counter: 1001n, executeAt: Date.UTC(2030, 0, 15, 9) }))),
    ).toBe(bytesOf(payload(0x0012, FUTURE)));
    expect(c.decodeCommand(payload(0x0012, CANCEL))).toMatchObject({ cancel: true });
    expect(bytesOf(c.encodeCommand({ hash, cancel: true }, ctx(RTDS_NOW, { counter: 1002n })))).toBe(
      bytesOf(payload(0x0012, CANCEL)),
    );
  });

  it('activates the verified image the hash names and answers {0, new version}; a future-dated one is NULL', () => {
    const home = premises();
    const image = Buffer.from('smetsim firmware 2.0.0');
    const hash = createHash('sha256').update(image).digest();
    run(ESME_HANDLERS, home.esme, '11.1', { image, hash, version: '2.0.0' });
    const command = c.encodeCommand({ hash }, ctx(RTDS_NOW, { counter: 1000n }));
    const done = run(ESME_HANDLERS, home.esme, '11.3', c.decodeCommand(command));
    expect(home.esme.identity.firmwareVersion).toBe('2.0.0');
    const response = c.encodeResponse(done, responseCtx(command));
    expect(bytesOf(response)).toBe(`300a0201000405${ascii('2.0.0')}`); // SEQUENCE {INTEGER 0, OCTET STRING "2.0.0"}
    expect(c.decodeResponse(response)).toEqual({ status: 'OK', payload: { firmwareVersion: '2.0.0' } });
    expect(bytesOf(c.encodeResponse({ status: 'SCHEDULED', payload: null }, responseCtx(command)))).toBe('0500');
    expect(c.decodeResponse(payload(0x0012, hex('0500'))).status).toBe('SCHEDULED');
  });

  it('ERROR variant: a hash that is not the pending image is refused {1, running version}', () => {
    const home = premises();
    const image = Buffer.from('smetsim firmware 2.0.0');
    run(ESME_HANDLERS, home.esme, '11.1', {
      image,
      hash: createHash('sha256').update(image).digest(),
      version: '2.0.0',
    });
    const command = payload(0x0012, IMMEDIATE); // the RTDS hash names another image
    const done = run(ESME_HANDLERS, home.esme, '11.3', c.decodeCommand(command));
    expect(done.status).toBe('INVALID_STATE');
    expect(home.esme.identity.firmwareVersion).not.toBe('2.0.0');
    const response = c.encodeResponse(done, responseCtx(command));
    expect(c.decodeResponse(response)).toMatchObject({ status: 'INVALID_STATE', payload: { result: 1 } });
    expect(c.decodeResponse(payload(0x0012, hex('300902010104040123abcf')))).toMatchObject({ status: 'INVALID_STATE' });
  });

  it('decoders give only their typed errors', () => fuzzDecoders(c, FUTURE));
});
