import { describe, expect, it } from 'vitest';
import { SECURITY_HANDLERS } from '../../../../../meter-core/handlers/security.js';
import { keyIdOf } from '../../../../../protocol/gbcs/use-cases/security-credentials/certificate.js';
import { updateCredentialsAlert } from '../../../../../protocol/gbcs/use-cases/security-credentials/update-credentials.js';
import { parseEui } from '../../../../../protocol/index.js';
import {
  bytesOf,
  codec,
  command,
  der,
  expectOnlyTypedErrors,
  hexOf,
  item,
  premises,
  rootOf,
  shapeOf,
} from './support.js';
import { COS_FUTURE_DATED_RESPONSE, COS_IMMEDIATE_COMMAND, COS_IMMEDIATE_RESPONSE } from './rtds-cs02b-cos.js';
import { hex } from './hex.js';

/** `CS02bSupplierByTransCoS_6.23_8F66_FUTURE_DATED_SUCCESS_ALERT_GBCS.HEX`: alert code, execution time, then the outcome as in the immediate response (counter 6002). */
const COS_8F66_ALERT = hex(
  '308200DE', // SEQUENCE
  '0203008F66', //   alert code 0x8F66
  '180F32303330303130323030303030305A', //   20300102000000Z
  '308200C4020217720201073012301002010202010030083006020100020100308200A5',
  '30343007020102030207800A0100040890B3D51F30010000040844899792D196F4B8040890B3D51F3003000004084A8103ADAC183A89',
  '30343007020102030203080A0100040890B3D51F300100000408405B8C62687D8F70040890B3D51F300300000408483972547DCD7835',
  '3037300A020102030203080201010A0100040890B3D51F30010000040841FB49221588C570040890B3D51F30030000040843049452FE1FCE0A',
);

const CS02B = codec('CS02bSupplierByTransCoS', 'ESME');
const INCOMING = '90-B3-D5-1F-30-03-00-00';
// The three public keys of the RTDS command's certificates (DS, KA, prepayment KA).
const DS =
  '049F6E5F8A999F7940753BD534651BC5FC9BE33A73737630A1F700AFA51FD8CDF39B895CF9E0AF12BCE6EE0CC9650F5FB5B35C22CCD86A9845CF4FDE9BD2F1AB23';
const KA =
  '046B3D47EEC90C593CC804668A35C6209EE14EEEE9D35435132E7CD4C9B8DF94871E60F42D1A8A45DC6274F1ADB26E11CF4110E2AFB9554970D8E955EAA12781DA';
const PKA =
  '04F7BC1FB9892AAFC0CA58AE58D2425166D0B6013F6EE19F965800937FD72A8004C1AB1735E17524C73B87A42214222403326B3A9F6626132A434143435C295089';

describe('CS02bSupplierByTransCoS 6.23 update security credentials (CoS)', () => {
  it('decodes the RTDS command into the 6.23 body the DCC builds and the meter reads', () => {
    const body = CS02B.decodeCommand(der(COS_IMMEDIATE_COMMAND)) as {
      supplier: { eui: string; ds: Uint8Array; ka: Uint8Array; prepaymentKa: Uint8Array };
      counterFloor: string;
    };
    expect(body.supplier.eui).toBe(INCOMING);
    expect(hexOf(body.supplier.ds)).toBe(DS);
    expect(hexOf(body.supplier.ka)).toBe(KA);
    expect(hexOf(body.supplier.prepaymentKa)).toBe(PKA);
    expect(body.counterFloor).toBe('0');
    expect(Object.keys(body)).toEqual(['supplier', 'counterFloor']);
  });

  it('re-encodes the body as the RTDS command: the same control, cells and keys (certificates are ours)', () => {
    const body = CS02B.decodeCommand(der(COS_IMMEDIATE_COMMAND));
    const ours = bytesOf(
      CS02B.encodeCommand(
        { ...(body as object), authorisingCounter: '6001' },
        { now: 0, target: parseEui('00-DB-12-34-56-78-90-A0') },
      ),
    );
    // The AuthorisingRemotePartyControl is byte for byte the RTDS one: mode 7, TransCoS DS cell,
    // seq number 6001, the supplier's new floor 0 with its prepayment floor 0.
    expect(hexOf(ours.slice(4, 4 + 38))).toBe(hexOf(COS_IMMEDIATE_COMMAND.slice(4, 4 + 38)));
    const mine = der(ours);
    // Same three replacements, each a certificate and the same target cell.
    expect(shapeOf(item(mine, 1))).toEqual(shapeOf(item(der(COS_IMMEDIATE_COMMAND), 1)));
    expect(CS02B.decodeCommand(mine)).toEqual(body);
    // The gateway's body round-trips through the codec.
    const gateway = { supplier: { eui: INCOMING, ds: Buffer.from(DS, 'hex') }, counterFloor: '1000' };
    const back = CS02B.decodeCommand(
      CS02B.encodeCommand(gateway, { now: 5, target: parseEui('00-DB-12-34-56-78-90-A0') }),
    );
    expect(back).toEqual({
      supplier: { eui: INCOMING, ds: Uint8Array.from(Buffer.from(DS, 'hex')) },
      counterFloor: '1000',
    });
  });

  it('the meter installs the incoming supplier and answers with the RTDS response shape', () => {
    const h = premises();
    const esme = h.premises.esme;
    const outgoing = esme.trust.get('Supplier')!;
    const body = CS02B.decodeCommand(der(COS_IMMEDIATE_COMMAND));
    const result = SECURITY_HANDLERS['6.23']!(esme, command('6.23', esme.eui, h.parties.transCoS.eui, body));
    expect(result.status).toBe('OK');
    // What the meter trusts changed: the supplier role is now the incoming party's keys.
    const now = esme.trust.get('Supplier')!;
    expect(now.eui).toBe(INCOMING);
    expect(hexOf(now.ds.point)).toBe(DS);
    expect(hexOf(now.prepaymentKa!.point)).toBe(PKA);
    const response = CS02B.encodeResponse(
      { status: result.status, payload: result.payload ?? null },
      { now: 0, command: der(COS_IMMEDIATE_COMMAND), device: esme.eui },
    );
    const rtds = der(COS_IMMEDIATE_RESPONSE);
    if (response.kind !== 'der' || rtds.kind !== 'der') throw new Error('DER');
    expect(shapeOf(response.der.root)).toEqual(shapeOf(rtds.der.root));
    // Values from the device's state: the outgoing supplier before, the incoming one after.
    const decoded = CS02B.decodeResponse(response);
    expect(decoded.status).toBe('OK');
    expect(decoded.payload).toMatchObject({ supplier: INCOMING, counterFloor: '0', authorisingCounter: '6001' });
    const first = (
      decoded.payload as {
        replacements: { existingEui: string; existingKeyId: Uint8Array; replacingKeyId: Uint8Array }[];
      }
    ).replacements[0]!;
    expect(first.existingEui).toBe(outgoing.eui);
    expect(hexOf(first.existingKeyId)).toBe(hexOf(keyIdOf(outgoing.ds.point)));
    expect(hexOf(first.replacingKeyId)).toBe(hexOf(keyIdOf(Buffer.from(DS, 'hex'))));
  });

  it('a key off the curve is refused BAD_PAYLOAD naming the cell, and the meter keeps its supplier', () => {
    const h = premises();
    const esme = h.premises.esme;
    const before = esme.trust.get('Supplier')!;
    const bad = { supplier: { eui: INCOMING, ds: Uint8Array.of(4, ...new Uint8Array(64)) }, counterFloor: '0' };
    const result = SECURITY_HANDLERS['6.23']!(esme, command('6.23', esme.eui, h.parties.transCoS.eui, bad));
    expect(result).toMatchObject({ status: 'BAD_PAYLOAD', payload: { field: 'supplier.ds' } });
    expect(esme.trust.get('Supplier')).toBe(before);
    const cmd = CS02B.encodeCommand(bad, { now: 1, target: esme.eui });
    const answer = CS02B.decodeResponse(
      CS02B.encodeResponse(
        { status: result.status, payload: result.payload ?? null },
        { now: 0, command: cmd, device: esme.eui },
      ),
    );
    expect(answer.status).toBe('BAD_PAYLOAD');
    expect(answer.payload).toMatchObject({ replacements: [{ cell: 'ds', status: 5 }] });
  });

  it('reads the RTDS responses: the immediate outcome, and the future-dated "accepted"', () => {
    const immediate = CS02B.decodeResponse(der(COS_IMMEDIATE_RESPONSE));
    expect(immediate.status).toBe('OK');
    expect(immediate.payload).toMatchObject({
      supplier: INCOMING,
      replacements: [
        { cell: 'ds', status: 0, existingEui: '90-B3-D5-1F-30-01-00-00', replacingEui: INCOMING },
        { cell: 'ka', status: 0 },
        { cell: 'prepaymentKa', status: 0 },
      ],
    });
    expect(CS02B.decodeResponse(der(COS_FUTURE_DATED_RESPONSE)).status).toBe('SCHEDULED');
    expect(
      hexOf(
        bytesOf(
          CS02B.encodeResponse(
            { status: 'SCHEDULED', payload: null },
            { now: 0, command: der(COS_IMMEDIATE_COMMAND), device: parseEui('00-DB-12-34-56-78-90-A0') },
          ),
        ),
      ),
    ).toBe(hexOf(COS_FUTURE_DATED_RESPONSE));
  });

  it('the 0x8F66 alert of a future-dated 6.23 has the RTDS alert shape', () => {
    const h = premises();
    const esme = h.premises.esme;
    const body = CS02B.decodeCommand(der(COS_IMMEDIATE_COMMAND));
    const result = SECURITY_HANDLERS['6.23']!(esme, command('6.23', esme.eui, h.parties.transCoS.eui, body));
    const alert = updateCredentialsAlert(
      'SupplierByTransCoS',
      Date.UTC(2030, 0, 2),
      { status: result.status, payload: result.payload ?? null },
      der(COS_IMMEDIATE_COMMAND),
    );
    expect(shapeOf(rootOf(alert))).toEqual(shapeOf(rootOf(der(COS_8F66_ALERT))));
    // The alert code and the execution time, after the SEQUENCE header (RTDS writes 82 00 DE, DER 81 DE).
    expect(hexOf(bytesOf(alert)).slice(6, 6 + 44)).toBe(hexOf(COS_8F66_ALERT).slice(8, 8 + 44));
  });

  it('refuses what is not a 6.23 command with UseCaseError only (fast-check)', () => {
    expectOnlyTypedErrors(CS02B, [COS_IMMEDIATE_COMMAND, COS_IMMEDIATE_RESPONSE]);
  });
});
