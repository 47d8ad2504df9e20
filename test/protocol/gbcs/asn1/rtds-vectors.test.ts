import { describe, expect, it } from 'vitest';
import { decodeDer, derUseCaseView, encodeDer, findCertificates } from '../../../../protocol/gbcs/asn1/index.js';
import { hex } from '../zcl/hex.js';

// RTDS 4.5.0 DER payloads (GBCS-FACTS §10); the offset is where the payload starts in its message.
describe('small GBCS DER payloads', () => {
  it('CS03B join command: SEQUENCE { method 2 (B), entity id, device type 3 (GPF) }', () => {
    // CS03B_8.7.2_SUCCESS_COMMAND_GBCS.HEX, payload at byte 47.
    const b = hex(`
      30 10                      # SEQUENCE, 16 bytes
        02 01 02                 # INTEGER 2: method B
        04 08 00DB12345678909C   # OCTET STRING: entity id
        02 01 03                 # INTEGER 3: GPF
    `);
    const p = decodeDer(b, 47);
    expect(p).toEqual({
      root: {
        type: 'sequence',
        children: [
          { type: 'integer', value: 2n },
          { type: 'octetString', value: hex('00DB12345678909C') },
          { type: 'integer', value: 3n },
        ],
      },
      shape: { kind: 'structure' },
    });
    expect(encodeDer(p)).toEqual(b);
  });

  it('response codes, entity ids and the accepted NULL have their own shapes', () => {
    // CS03B_8.7.2_ERROR_RESPONSE (INTEGER 2), CS04ACCritical_8.8.1_SUCCESS_COMMAND (entity id), CS06 accepted.
    expect(decodeDer(hex('02 01 02'), 63).shape).toEqual({ kind: 'responseCode', code: 2n });
    expect(decodeDer(hex('04 08 00DB123456789099'), 47).shape).toEqual({
      kind: 'entityId',
      entityId: hex('00DB123456789099'),
    });
    expect(decodeDer(hex('05 00'), 34).shape).toEqual({ kind: 'accepted' });
  });

  it('GCS28 set-time response: SEQUENCE { GeneralizedTime, INTEGER 0 reliable }', () => {
    // GCS28_6.11_SUCCESS_RESPONSE_GBCS.HEX, payload at byte 34.
    const b = hex(`
      30 14
        18 0F 32303134313233313233333030305A   # GeneralizedTime "20141231233000Z"
        02 01 00                               # INTEGER 0: reliable
    `);
    const p = decodeDer(b, 34);
    expect(p.root).toEqual({
      type: 'sequence',
      children: [
        { type: 'generalizedTime', value: '20141231233000Z' },
        { type: 'integer', value: 0n },
      ],
    });
    expect(encodeDer(p)).toEqual(b);
  });
});

describe('CS02f response: a length in a longer form than needed is kept', () => {
  // CS02fSignature_NA_SUCCESS_RESPONSE_GBCS.HEX (163 bytes, payload at byte 35): the outer
  // SEQUENCE says 82 009F where DER would write 81 9F.
  const b = hex(`
    30 82 009F
      30 5C 020102 0A0100 020100
        30 51
          30 18 03020780 0408 90B3D51F30010000 0408 44899792D196F4B8
          30 18 03020308 0408 90B3D51F30010000 0408 405B8C62687D8F70
          30 1B 03020308 020101 0408 90B3D51F30010000 0408 41FB49221588C570
      30 3F 020103 0A0100 020101
        30 34
          30 18 03020780 0408 90B3D51F30020000 0408 48CF97FA9F827FB5
          30 18 03020308 0408 90B3D51F30020000 0408 4BC9D38D1CB49F2A
  `);

  it('decodes the outer SEQUENCE with lengthBytes 2, an ENUMERATED and key-usage BIT STRINGs', () => {
    const p = decodeDer(b, 35);
    expect(p.root).toMatchObject({ type: 'sequence', lengthBytes: 2 });
    const first = p.root.type === 'sequence' ? p.root.children[0] : undefined;
    expect(first).toMatchObject({
      type: 'sequence',
      children: [
        { type: 'integer', value: 2n },
        { type: 'enumerated', value: 0n },
        { type: 'integer', value: 0n },
        { type: 'sequence' },
      ],
    });
    expect(JSON.stringify(p.root, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))).toContain(
      '"type":"bitString","unusedBits":7',
    );
    expect(encodeDer(p)).toEqual(b);
  });
});

describe('CS02e response: a device certificate', () => {
  // CS02e_6.24.2_SUCCESS_RESPONSE_GBCS.HEX, payload at byte 36: the ESME's X.509 certificate.
  const b = hex(`
    308201A1                                       # Certificate SEQUENCE, 417 bytes
      30820146                                     # tbsCertificate
        A003 020102                                # [0] version 3
        0210 30398236744D9DA0E57F8D74AE041FCD      # serial number
        300A 06082A8648CE3D040302                  # ecdsa-with-SHA256
        300F 310D 300B 0603550403 1304 45333537    # issuer CN "E357" (PrintableString)
        3020 170D 3136303430363030303030305A       # notBefore UTCTime 160406000000Z
             180F 39393939313233313233353935395A   # notAfter GeneralizedTime 99991231235959Z
        3000                                       # empty subject
        3059 3013 06072A8648CE3D0201 06082A8648CE3D030107   # id-ecPublicKey, P-256
             034200 04F41284362A5A81EEFF848AE2DB4C6D0DF336F06128EB32121596FAEF86DB383D
                      93C3952E73476036406D91009F6133244102A9F88A3682F16F92CCBF7CC959FA
        A38190 30818D                              # [3] extensions
          300E 0603551D0F 0101FF 0404 03020780     # key usage (critical): digitalSignature
          3011 0603551D0E 040A 040841978BA90C066FFA                      # subject key id
          3035 0603551D11 0101FF 042B 3029 A027 06082B06010505070804     # subject alt name
               A01B 3019 060D2A863A0001848FB90F01020201 0408 00DB1234567890A0  # hardware module: ESME EUI
          301C 0603551D20 0101FF 0412 3010 300E 060C2A863A0001EDEE4001020104   # certificate policy
          3013 0603551D23 040C 300A 8008 47D40AF3412904A0                # authority key id
      300A 06082A8648CE3D040302                    # signatureAlgorithm
      034900 3046 022100 95CE1D8EBEEB818CDE82D4EEC170E72A101EF0B9064E53B55176F23D28D575B7
                  022100 81B8465E35D1D1C403F7616BC391636BDF3EA72A299AD0CE3D1EC870E855BB82
  `);

  it('decodes as one certificate with its OIDs, times and extensions, and re-encodes byte for byte', () => {
    const p = decodeDer(b, 36);
    expect(p.shape).toEqual({ kind: 'certificate' });
    expect(findCertificates(p.root)).toHaveLength(1);
    const text = JSON.stringify(p.root, (_k, v: unknown) =>
      typeof v === 'bigint' ? String(v) : v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v,
    );
    for (const part of [
      '"type":"oid","value":"1.2.840.10045.4.3.2"',
      '"type":"oid","value":"1.2.840.10045.3.1.7"',
      '"type":"printableString","value":"E357"',
      '"type":"utcTime","value":"160406000000Z"',
      '"type":"generalizedTime","value":"99991231235959Z"',
      '"type":"boolean","value":true',
      '"type":"tagged","tagClass":"context","tagNumber":3,"constructed":true',
      '"type":"oid","value":"2.5.29.35"},{"type":"octetString","value":"300a800847d40af3412904a0"',
    ])
      expect(text).toContain(part);
    expect(encodeDer(p)).toEqual(b);
  });
});

describe('typed views by message code (GBCS-FACTS §10)', () => {
  it('reads CS03B, CS04AC, GCS28 and CS06 layouts, and refuses a tree of the wrong shape', () => {
    const join = decodeDer(hex('3010020102040800DB12345678909C020103'), 47).root;
    expect(derUseCaseView(0x000e, 1, join)).toEqual({
      kind: 'joinCommand',
      method: 2n,
      entityId: hex('00DB12345678909C'),
      deviceType: 3n,
    });
    expect(derUseCaseView(0x000f, 1, decodeDer(hex('040800DB123456789099'), 47).root)).toEqual({
      kind: 'unjoinCommand',
      entityId: hex('00DB123456789099'),
    });
    expect(derUseCaseView(0x000f, 2, decodeDer(hex('020101'), 34).root)).toEqual({ kind: 'responseCode', code: 1n });
    const time = decodeDer(hex('3014180F32303135303130313030303030305A020102'), 34).root; // GCS28 error response
    expect(derUseCaseView(0x007f, 2, time)).toEqual({
      kind: 'setTimeResponse',
      deviceTime: '20150101000000Z',
      timeStatus: 2n,
    });
    expect(derUseCaseView(0x0012, 2, decodeDer(hex('0500'), 34).root)).toEqual({ kind: 'activateFirmwareAccepted' });
    // A join command read as a set-time command does not fit.
    expect(derUseCaseView(0x007f, 1, join)).toBeUndefined();
  });
});
