import { describe, expect, it } from 'vitest';
import { ESME_HANDLERS } from '../../../../../meter-esme/handlers/index.js';
import { GSME_HANDLERS } from '../../../../../meter-gsme/handlers/index.js';
import { GPF_HANDLERS } from '../../../../../hub/gpf-handlers.js';
import { DISPLAY_JOIN_HANDLERS } from '../../../../../ihd/display-joins.js';
import { useCaseFor, type UseCaseCodec } from '../../../../../protocol/gbcs/use-cases/index.js';
import type { DeviceType, PlainValue } from '../../../../../protocol/index.js';
import { bytesOf, ctx, fuzzDecoders, hex, payload, premises, responseCtx, run } from './fixture.js';

const codec = (variant: string, device: DeviceType, body: PlainValue): UseCaseCodec => {
  const found = useCaseFor(variant, device, body);
  if (!found) throw new Error(`no codec for ${variant} ${device}`);
  return found;
};

const OK = '020100'; // INTEGER 0: success

describe('CS03A1 8.7.1 join service (method A, meter)', () => {
  const SUCCESS = hex(`30 10 # SEQUENCE
    020100 # method A initiator
    0408 00DB12345678909A # the other device
    020104 # device type 4 HCALCS`);
  const ERROR = hex('3010 020100 0408 00DB12345678909A 020105'); // the same device, now as a PPMID (5)
  const c = codec('8.7.1', 'ESME', { device: '00-DB-12-34-56-78-90-9A' });
  it('decodes, re-encodes and joins the device at the ESME; the RTDS ERROR (type change) answers 3', () => {
    expect(c.useCase).toBe('CS03A1');
    const command = payload(0x000d, SUCCESS);
    const body = c.decodeCommand(command);
    expect(body).toEqual({ device: '00-DB-12-34-56-78-90-9A', deviceType: 'HCALCS', method: 'A' });
    expect(bytesOf(c.encodeCommand(body, ctx()))).toBe(bytesOf(command));
    const home = premises();
    const done = run(ESME_HANDLERS, home.esme, '8.7.1', body);
    expect([...home.esme.joined]).toContain('00-DB-12-34-56-78-90-9A');
    expect(bytesOf(c.encodeResponse(done, responseCtx(command)))).toBe(OK);
    const error = payload(0x000d, ERROR);
    const refused = run(ESME_HANDLERS, home.esme, '8.7.1', c.decodeCommand(error));
    expect(refused.status).toBe('INVALID_STATE');
    expect(bytesOf(c.encodeResponse(refused, responseCtx(error)))).toBe('020103');
    expect(c.decodeResponse(payload(0x000d, hex('020103'))).status).toBe('INVALID_STATE');
  });
  it("keeps the scenarios' JSON join body valid", () => {
    const body = c.decodeCommand(c.encodeCommand({ device: '00-DB-12-00-00-00-01-04' }, ctx()));
    expect(body).toMatchObject({ device: '00-DB-12-00-00-00-01-04' });
  });
  it('decoders give only their typed errors', () => fuzzDecoders(c, SUCCESS));
});

describe('CS03A2 8.7.1 / 8.7.2 join service (method A, responder)', () => {
  const COMMAND = hex('3010 020101 0408 00DB123456789093 020101'); // method A responder, the ESME (1)
  it('joins the ESME at a PPMID, for both variants', () => {
    for (const variant of ['8.7.1', '8.7.2'] as const) {
      const c = codec(variant, 'PPMID', { device: '00-DB-12-34-56-78-90-93' });
      expect(c.useCase).toBe('CS03A2');
      const command = payload(0x00ab, COMMAND);
      const body = c.decodeCommand(command);
      expect(body).toEqual({ device: '00-DB-12-34-56-78-90-93', deviceType: 'ESME', method: 'A' });
      expect(bytesOf(c.encodeCommand(body, ctx()))).toBe(bytesOf(command));
      const home = premises(undefined, 'commissioned');
      const display = home.ihd;
      const done = run(DISPLAY_JOIN_HANDLERS, display, variant, body);
      expect([...display.joins]).toContain('00-DB-12-34-56-78-90-93');
      expect(bytesOf(c.encodeResponse(done, responseCtx(command)))).toBe(OK);
      fuzzDecoders(c, COMMAND);
    }
  });
});

describe('CS03B 8.7.2 join service (method B)', () => {
  const SUCCESS = hex('3010 020102 0408 00DB12345678909C 020103'); // method B, a GPF (3)
  const ERROR = hex('3010 020102 0408 0102030405060708 020105'); // method B from a PPMID (5)
  const c = codec('8.7.2', 'GSME', { device: '00-DB-12-34-56-78-90-9C' });
  it('joins the GPF at the GSME; refuses a PPMID by method B with 2, as the RTDS ERROR', () => {
    expect(c.useCase).toBe('CS03B');
    const command = payload(0x000e, SUCCESS);
    const body = c.decodeCommand(command);
    expect(bytesOf(c.encodeCommand(body, ctx()))).toBe(bytesOf(command));
    const home = premises();
    expect(bytesOf(c.encodeResponse(run(GSME_HANDLERS, home.gsme, '8.7.2', body), responseCtx(command)))).toBe(OK);
    expect([...home.gsme.joined]).toContain('00-DB-12-34-56-78-90-9C');
    const error = payload(0x000e, ERROR);
    const refused = run(GSME_HANDLERS, home.gsme, '8.7.2', c.decodeCommand(error));
    expect(bytesOf(c.encodeResponse(refused, responseCtx(error)))).toBe('020102');
    expect([...home.gsme.joined]).not.toContain('01-02-03-04-05-06-07-08');
  });
  it('at the GPF, method B admits an IHD', () => {
    const g = codec('8.7.2', 'GPF', { device: '00-DB-12-00-00-00-01-04' });
    const home = premises();
    const body = g.decodeCommand(g.encodeCommand({ device: '00-DB-12-00-00-00-01-04', deviceType: 'IHD' }, ctx()));
    expect(run(GPF_HANDLERS, home.gpf, '8.7.2', body).status).toBe('OK');
  });
  it('decoders give only their typed errors', () => fuzzDecoders(c, SUCCESS));
});

describe('CS03C 8.7.1 / 8.7.2 join service (method C)', () => {
  const ERROR = hex('3010 020103 0408 00DB123456789093 020100'); // method C, a GSME, no certificate
  const c = codec('8.7.2', 'PPMID', { device: '00-DB-12-34-56-78-90-93', method: 'C' });
  it('a method C join without the certificate is refused with 11, as the RTDS ERROR', () => {
    expect(c.useCase).toBe('CS03C');
    const command = payload(0x00af, ERROR);
    const body = c.decodeCommand(command);
    expect(body).toEqual({ device: '00-DB-12-34-56-78-90-93', deviceType: 'GSME', method: 'C' });
    expect(bytesOf(c.encodeCommand(body, ctx()))).toBe(bytesOf(command));
    const home = premises();
    expect(() => run(DISPLAY_JOIN_HANDLERS, home.ihd, '8.7.2', body)).toThrow(/certificate/);
    // The firmware turns that PayloadError into BAD_PAYLOAD:
    expect(bytesOf(c.encodeResponse({ status: 'BAD_PAYLOAD', payload: null }, responseCtx(command)))).toBe('02010b');
  });
  it('with a certificate the join goes ahead, and the certificate round-trips', () => {
    const cert = hex('3003 020101'); // any DER SEQUENCE stands for the certificate here
    const body = c.decodeCommand(
      c.encodeCommand({ device: '00-DB-12-34-56-78-90-93', method: 'C', deviceType: 'GSME', certificate: cert }, ctx()),
    );
    expect(body).toMatchObject({ method: 'C' });
    expect(Buffer.from((body as { certificate: Uint8Array }).certificate).equals(cert)).toBe(true);
    const home = premises();
    expect(run(DISPLAY_JOIN_HANDLERS, home.ihd, '8.7.2', body).status).toBe('OK');
    expect(codec('8.7.1', 'GSME', { method: 'C', device: 'x' }).useCase).toBe('CS03C');
  });
  it('decoders give only their typed errors', () => fuzzDecoders(c, ERROR));
});

describe('CS04AC 8.8.1 / CS04B 8.8.2 unjoin service', () => {
  it('CS04AC: unjoins a joined device at the ESME; the RTDS ERROR (not joined) answers 1', () => {
    const c = codec('8.8.1', 'ESME', null);
    expect(c.useCase).toBe('CS04AC');
    const command = payload(0x000f, hex('0408 00DB123456789099'));
    const body = c.decodeCommand(command);
    expect(body).toEqual({ device: '00-DB-12-34-56-78-90-99' });
    expect(bytesOf(c.encodeCommand(body, ctx()))).toBe(bytesOf(command));
    const home = premises();
    run(ESME_HANDLERS, home.esme, '8.7.1', body);
    expect(bytesOf(c.encodeResponse(run(ESME_HANDLERS, home.esme, '8.8.1', body), responseCtx(command)))).toBe(OK);
    expect([...home.esme.joined]).not.toContain('00-DB-12-34-56-78-90-99');
    const error = c.decodeCommand(payload(0x000f, hex('0408 0303030303030303')));
    expect(() => run(ESME_HANDLERS, home.esme, '8.8.1', error)).toThrow(/join state/);
    expect(bytesOf(c.encodeResponse({ status: 'INVALID_STATE', payload: null }, responseCtx(command)))).toBe('020101');
    expect(c.decodeResponse(payload(0x000f, hex('020101'))).status).toBe('INVALID_STATE');
    fuzzDecoders(c, hex('0408 00DB123456789099'));
  });
  it('CS04B: unjoins a method B join at the GSME; CS04AC (8.8.2) at the PPMID', () => {
    const b = codec('8.8.2', 'GSME', { device: '01-02-03-04-05-06-07-08' });
    expect(b.useCase).toBe('CS04B');
    const command = payload(0x0010, hex('0408 0102030405060708'));
    const home = premises();
    run(GSME_HANDLERS, home.gsme, '8.7.2', { device: '01-02-03-04-05-06-07-08', deviceType: 'GPF', method: 'B' });
    expect(
      bytesOf(b.encodeResponse(run(GSME_HANDLERS, home.gsme, '8.8.2', b.decodeCommand(command)), responseCtx(command))),
    ).toBe(OK);
    expect(codec('8.8.2', 'GSME', { device: 'x', method: 'A' }).useCase).toBe('CS04AC');
    const ac = codec('8.8.2', 'PPMID', null);
    expect(ac.useCase).toBe('CS04AC');
    run(DISPLAY_JOIN_HANDLERS, home.ihd, '8.7.2', { device: '01-02-03-04-05-06-07-08' });
    expect(
      run(DISPLAY_JOIN_HANDLERS, home.ihd, '8.8.2', ac.decodeCommand(payload(0x000f, hex('0408 0102030405060708'))))
        .status,
    ).toBe('OK');
    expect([...home.ihd.joins]).toHaveLength(0);
    fuzzDecoders(b, hex('0408 0102030405060708'));
  });
});

describe('GCS59 8.12.2 restore GPF device log', () => {
  const COMMAND = hex(`30 20 30 1E # SEQUENCE { SEQUENCE OF
    300D 0408 0011223344556677 020105 # { device 00-11-…-77, type 5 PPMID }
    300D 0408 8899AABBCCDDEEFF 020106 # { device 88-99-…-FF, type 6 Type 2 (IHD) } }`);
  const c = codec('8.12.2', 'GPF', null);
  it('decodes the RTDS command, re-encodes it, restores the log and answers each entry 0 as the RTDS', async () => {
    const { gpfDeviceLog } = await import('../../../../../hub/gpf-device-log.js');
    const command = payload(0x008c, COMMAND);
    const body = c.decodeCommand(command);
    expect(body).toEqual({
      entries: [
        { device: '00-11-22-33-44-55-66-77', type: 'PPMID' },
        { device: '88-99-AA-BB-CC-DD-EE-FF', type: 'IHD' },
      ],
    });
    expect(bytesOf(c.encodeCommand(body, ctx()))).toBe(bytesOf(command));
    const home = premises();
    const done = run(GPF_HANDLERS, home.gpf, '8.12.2', body);
    expect([...gpfDeviceLog(home.gpf).keys()]).toEqual(['00-11-22-33-44-55-66-77', '88-99-AA-BB-CC-DD-EE-FF']);
    expect(bytesOf(c.encodeResponse(done, responseCtx(command)))).toBe(
      '302a30283012300d040800112233445566770201050201003012300d04088899aabbccddeeff020106020100',
    );
    expect(c.decodeResponse(c.encodeResponse(done, responseCtx(command))).status).toBe('OK');
  });
  it('decoders give only their typed errors', () => fuzzDecoders(c, COMMAND));
});
