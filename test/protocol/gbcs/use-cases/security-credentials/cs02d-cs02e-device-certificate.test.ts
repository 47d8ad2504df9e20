import { describe, expect, it } from 'vitest';
import { SECURITY_HANDLERS } from '../../../../../meter-core/handlers/security.js';
import { euiToBytes } from '../../../../../protocol/index.js';
import { bytesOf, codec, command, der, expectOnlyTypedErrors, hexOf, premises, rootOf, shapeOf } from './support.js';
import { hex } from './hex.js';
import { ESME_DS_CERTIFICATE } from './rtds-device-certificate.js';

const RTDS_ESME = '00DB1234567890A0';
const CS02D = codec('CS02d', 'ESME');
const CS02E = codec('CS02e', 'ESME');
/** `CS02e_6.24.2_SUCCESS_COMMAND_GBCS.HEX`: SEQUENCE { keyUsage digitalSignature }. */
const CS02E_COMMAND = hex('3004', '03020780');
/** `CS02e_6.24.2_ERROR_COMMAND_GBCS.HEX`: SEQUENCE { keyUsage keyAgreement }. */
const CS02E_ERROR_COMMAND = hex('3004', '03020308');
/** `CS02e_6.24.2_ERROR_RESPONSE_GBCS.HEX` and `CS02d_6.15.2_ERROR_RESPONSE_GBCS.HEX`: INTEGER 3. */
const ERROR_RESPONSE = hex('020103');
/** `CS02d_6.15.2_SUCCESS_RESPONSE_GBCS.HEX`: INTEGER 0 success. */
const CS02D_SUCCESS_RESPONSE = hex('020100');

/** The RTDS certificate re-addressed to another device (same length, so the DER stays valid; not re-signed). */
function certificateFor(eui: string): Uint8Array {
  const text = hexOf(ESME_DS_CERTIFICATE).replace(RTDS_ESME, hexOf(euiToBytes(eui as never)));
  return Uint8Array.from(Buffer.from(text, 'hex'));
}

describe('CS02d 6.15.2 update security credentials (device certificate)', () => {
  it('decodes the RTDS command into the certificate body and re-encodes it byte for byte', () => {
    const body = CS02D.decodeCommand(der(ESME_DS_CERTIFICATE));
    expect(hexOf((body as { certificate: Uint8Array }).certificate)).toBe(hexOf(ESME_DS_CERTIFICATE));
    expect(hexOf(bytesOf(CS02D.encodeCommand(body, { now: 0, target: '00-DB-12-34-56-78-90-A0' as never })))).toBe(
      hexOf(ESME_DS_CERTIFICATE),
    );
  });

  it('the meter stores its own certificate (answer INTEGER 0), and 6.24.2 CS02e then returns it', () => {
    const h = premises();
    const esme = h.premises.esme;
    const cert = certificateFor(esme.eui);
    const result = SECURITY_HANDLERS['6.15.2']!(
      esme,
      command('6.15.2', esme.eui, h.parties.supplier.eui, { certificate: cert }),
    );
    expect(result.status).toBe('OK');
    const response = CS02D.encodeResponse(
      { status: result.status, payload: result.payload ?? null },
      { now: 0, command: der(cert), device: esme.eui },
    );
    expect(hexOf(bytesOf(response))).toBe(hexOf(CS02D_SUCCESS_RESPONSE));
    expect(CS02D.decodeResponse(der(CS02D_SUCCESS_RESPONSE)).status).toBe('OK');

    const ask = CS02E.decodeCommand(der(CS02E_COMMAND));
    expect(ask).toEqual({ keyUsage: 'ds' });
    expect(hexOf(bytesOf(CS02E.encodeCommand(ask, { now: 0, target: esme.eui })))).toBe(hexOf(CS02E_COMMAND));
    const read = SECURITY_HANDLERS['6.24.2']!(esme, command('6.24.2', esme.eui, h.parties.supplier.eui, ask));
    expect(read.status).toBe('OK');
    const answer = CS02E.encodeResponse(
      { status: read.status, payload: read.payload ?? null },
      { now: 0, command: der(CS02E_COMMAND), device: esme.eui },
    );
    if (answer.kind !== 'der') throw new Error('DER');
    expect(shapeOf(answer.der.root)).toEqual(shapeOf(rootOf(der(ESME_DS_CERTIFICATE))));
  });

  it('a certificate for another device is code 2 and one of another key usage code 3 (the RTDS ERROR)', () => {
    const h = premises();
    const esme = h.premises.esme;
    const other = SECURITY_HANDLERS['6.15.2']!(
      esme,
      command('6.15.2', esme.eui, h.parties.supplier.eui, { certificate: ESME_DS_CERTIFICATE }),
    );
    expect(other).toMatchObject({ status: 'BAD_PAYLOAD', payload: { code: 2 } });
    // RTDS ERROR command: the same certificate with key usage 03020640 (not a device key's usage).
    const wrongUsage = Uint8Array.from(
      Buffer.from(hexOf(certificateFor(esme.eui)).replace('0404030207803011', '0404030206403011'), 'hex'),
    );
    const refused = SECURITY_HANDLERS['6.15.2']!(
      esme,
      command('6.15.2', esme.eui, h.parties.supplier.eui, { certificate: wrongUsage }),
    );
    expect(refused).toMatchObject({ status: 'BAD_PAYLOAD', payload: { code: 3 } });
    const answer = CS02D.encodeResponse(
      { status: refused.status, payload: refused.payload ?? null },
      { now: 0, command: der(wrongUsage), device: esme.eui },
    );
    expect(hexOf(bytesOf(answer))).toBe(hexOf(ERROR_RESPONSE));
    expect(CS02D.decodeResponse(der(ERROR_RESPONSE)).status).toBe('BAD_PAYLOAD');
    expect(esme.trust.ownCertificate('ds')).toBeUndefined();
  });

  it('decoders give only typed errors on random and mutated payloads (fast-check)', () => {
    expectOnlyTypedErrors(CS02D, [ESME_DS_CERTIFICATE, ERROR_RESPONSE]);
  });
});

describe('CS02e 6.24.2 retrieve device security credentials (device certificate)', () => {
  it('no certificate held for the key asked is an error INTEGER the head-end reads as INVALID_STATE', () => {
    const h = premises();
    const esme = h.premises.esme;
    const ask = CS02E.decodeCommand(der(CS02E_ERROR_COMMAND));
    expect(ask).toEqual({ keyUsage: 'ka' });
    const read = SECURITY_HANDLERS['6.24.2']!(esme, command('6.24.2', esme.eui, h.parties.supplier.eui, ask));
    expect(read).toMatchObject({ status: 'INVALID_STATE', payload: { code: 2 } });
    const answer = CS02E.encodeResponse(
      { status: read.status, payload: read.payload ?? null },
      { now: 0, command: der(CS02E_ERROR_COMMAND), device: esme.eui },
    );
    expect(shapeOf(rootOf(answer))).toBe('integer');
    expect(CS02E.decodeResponse(answer).status).toBe('INVALID_STATE');
    expect(CS02E.decodeResponse(der(ERROR_RESPONSE))).toMatchObject({ status: 'INVALID_STATE', payload: { code: 3 } });
    expect(CS02E.decodeResponse(der(ESME_DS_CERTIFICATE)).status).toBe('OK');
  });

  it('decoders give only typed errors on random and mutated payloads (fast-check)', () => {
    expectOnlyTypedErrors(CS02E, [CS02E_COMMAND, ESME_DS_CERTIFICATE, ERROR_RESPONSE]);
  });
});
