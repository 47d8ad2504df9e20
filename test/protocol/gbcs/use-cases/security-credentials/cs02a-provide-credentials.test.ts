import { describe, expect, it } from 'vitest';
import { CHF_SECURITY_HANDLERS } from '../../../../../hub/security-handlers.js';
import { SECURITY_HANDLERS } from '../../../../../meter-core/handlers/security.js';
import { keyIdOf } from '../../../../../protocol/gbcs/use-cases/security-credentials/certificate.js';
import { bytesOf, codec, command, der, expectOnlyTypedErrors, hexOf, premises, shapeOf } from './support.js';
import { hex } from './hex.js';

// RTDS 4.5.0 6.24.1_CS02aMAC payloads.
/** `CS02aMAC_6.24.1_SUCCESS_COMMAND_GBCS.HEX` (to the ESME). */
const SUCCESS_COMMAND = hex(
  '3011', // SEQUENCE
  '3007020104', //   authorising cell: role 4 (ACB),
  '03020308', //     key usage keyAgreement
  '3006', //   SEQUENCE OF RemotePartyRole
  '020102', //     2 supplier
  '020103', //     3 network operator
);
/** `CS02aMAC_6.24.1_SUCCESS_RESPONSE_GBCS.HEX`. */
const SUCCESS_RESPONSE = hex(
  '3082009F', // SEQUENCE OF (long length form, as RTDS writes it)
  '305C', //   supplier entry
  '020102', //     role 2
  '0A0100', //     status 0 success
  '020100', //     current seq number 0
  '3051', //     cells
  '301803020780', //       DS:
  '040890B3D51F30010000', //         subject unique id
  '040844899792D196F4B8', //         subject key id
  '301803020308', //       KA:
  '040890B3D51F30010000',
  '0408405B8C62687D8F70',
  '301B03020308020101', //       KA, cell usage 1 (prepayment):
  '040890B3D51F30010000',
  '040841FB49221588C570',
  '303F', //   network operator entry
  '020103', //     role 3
  '0A0100', //     status 0
  '020101', //     current seq number 1
  '3034',
  '301803020780',
  '040890B3D51F30020000',
  '040848CF97FA9F827FB5',
  '301803020308',
  '040890B3D51F30020000',
  '04084BC9D38D1CB49F2A',
);
/** `CS02aMAC_6.24.1_ERROR_COMMAND_GBCS.HEX` (to the GSME): the ACB's cells and the network operator's. */
const ERROR_COMMAND = hex('3011', '300702010403020308', '3006', '020104', '020103');
/** `CS02aMAC_6.24.1_ERROR_RESPONSE_GBCS.HEX`: the ACB's KA cell, and 25 "trust anchor not found" for role 3. */
const ERROR_RESPONSE = hex(
  '302F',
  '3025020104', //   role 4
  '0A0100020100', //   status 0, seq number 0
  '301A301803020308040890B3D51F3000000204084A9CE02C39AB910B',
  '3006020103', //   role 3
  '0A0119', //     status 25
);

const CS02A = codec('CS02aMAC', 'ESME');

describe('CS02aMAC 6.24.1 retrieve device security credentials (KRP)', () => {
  it('decodes the RTDS command into the roles asked, and re-encodes it byte for byte', () => {
    const body = CS02A.decodeCommand(der(SUCCESS_COMMAND));
    expect(body).toEqual({ roles: ['supplier', 'networkOperator'] });
    expect(hexOf(bytesOf(CS02A.encodeCommand(body, { now: 0, target: '00-DB-12-34-56-78-90-A0' as never })))).toBe(
      hexOf(SUCCESS_COMMAND),
    );
  });

  it('the ESME reports what its trust store holds, in the RTDS response shape', () => {
    const h = premises();
    const esme = h.premises.esme;
    // The RTDS context: a network operator with signing and key agreement cells only.
    const no = esme.trust.get('NetworkOperator')!;
    esme.trust.install('NetworkOperator', { eui: no.eui, ds: no.ds, ...(no.ka ? { ka: no.ka } : {}) });
    esme.counters.setFloor(no.eui, 1n);
    const body = CS02A.decodeCommand(der(SUCCESS_COMMAND));
    const result = SECURITY_HANDLERS['6.24.1']!(esme, command('6.24.1', esme.eui, h.parties.acb.eui, body));
    expect(result.status).toBe('OK');
    const response = CS02A.encodeResponse(
      { status: result.status, payload: result.payload ?? null },
      { now: 0, command: der(SUCCESS_COMMAND), device: esme.eui },
    );
    const rtds = der(SUCCESS_RESPONSE);
    if (response.kind !== 'der' || rtds.kind !== 'der') throw new Error('DER');
    expect(shapeOf(response.der.root)).toEqual(shapeOf(rtds.der.root));
    const answer = CS02A.decodeResponse(response);
    const supplier = esme.trust.get('Supplier')!;
    expect(answer).toMatchObject({
      status: 'OK',
      payload: {
        credentials: [
          {
            role: 'supplier',
            status: 0,
            cells: [{ cell: 'ds', eui: supplier.eui }, { cell: 'ka' }, { cell: 'prepaymentKa' }],
          },
          { role: 'networkOperator', status: 0, counter: '1' },
        ],
      },
    });
    const ds = (answer.payload as { credentials: { cells: { keyId: Uint8Array }[] }[] }).credentials[0]!.cells[0]!;
    expect(hexOf(ds.keyId)).toBe(hexOf(keyIdOf(supplier.ds.point)));
  });

  it('a role the device does not hold is 25 "trust anchor not found": INVALID_STATE, as the RTDS ERROR', () => {
    const h = premises();
    const hub = h.premises.hub;
    hub.trust.remove('NetworkOperator');
    const body = CS02A.decodeCommand(der(ERROR_COMMAND));
    expect(body).toEqual({ roles: ['accessControlBroker', 'networkOperator'] });
    const result = CHF_SECURITY_HANDLERS['6.24.1'](hub, command('6.24.1', hub.eui, h.parties.acb.eui, body));
    expect(result.status).toBe('INVALID_STATE');
    const response = CS02A.encodeResponse(
      { status: result.status, payload: result.payload ?? null },
      { now: 0, command: der(ERROR_COMMAND), device: hub.eui },
    );
    const ours = CS02A.decodeResponse(response);
    expect(ours).toMatchObject({
      status: 'INVALID_STATE',
      payload: { credentials: [{ status: 0 }, { role: 'networkOperator', status: 25 }] },
    });
    expect(CS02A.decodeResponse(der(ERROR_RESPONSE))).toMatchObject({
      status: 'INVALID_STATE',
      payload: {
        credentials: [
          { role: 'accessControlBroker', status: 0, cells: [{ cell: 'ka', eui: '90-B3-D5-1F-30-00-00-02' }] },
          { status: 25 },
        ],
      },
    });
  });

  it('decoders give only typed errors on random and mutated payloads (fast-check)', () => {
    expectOnlyTypedErrors(CS02A, [SUCCESS_COMMAND, SUCCESS_RESPONSE, ERROR_RESPONSE]);
  });
});
