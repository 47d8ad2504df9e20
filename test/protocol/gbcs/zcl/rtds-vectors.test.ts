import { describe, expect, it } from 'vitest';
import { decodeGbz, decodeZclPayload, encodeGbz, encodeZclPayload } from '../../../../protocol/gbcs/zcl/index.js';
import type { GbzComponent, GbzPayload } from '../../../../protocol/gbcs/zcl/index.js';
import { hex } from './hex.js';

/** The first component of a frame, or the alert's component. */
function first(p: GbzPayload): GbzComponent {
  if (p.form === 'frame' && p.components[0]) return p.components[0];
  if (p.form === 'alert' && p.body.kind === 'component') return p.body.component;
  throw new Error('no component');
}

// RTDS 4.5.0 payloads (the bytes after the content length of the General-Signing APDU).
describe('GCS13a read gas register (GBCS-FACTS §13)', () => {
  // GCS13a_4.1.1_SUCCESS_UNRELIABLE_COMMAND_GBCS.HEX, payload at byte 47.
  const command = hex(`
    0109 01          # GBZ profile 0x0109, 1 component
    01 0702 000B     # last component, clear; cluster Metering; 11 bytes follow
    00 00 00         # ZCL: global, client→server; sequence 0; Read Attributes
    0203 0103 0003 0000  # attribute ids LE: 0x0302 Divisor, 0x0301 Multiplier, 0x0300 Unit, 0x0000 Summation
  `);
  // GCS13a_4.1.1_SUCCESS_UNRELIABLE_RESPONSE_GBCS.HEX, payload at byte 59.
  const response = hex(`
    0109 01 03 0702 0035  # 1 component: last + encrypted, Metering, 53 bytes
    00 00                 # additional header control 00, frame counter 0
    18 00 01              # ZCL: global, server→client, no default response; seq 0; Read Attributes Response
    002E                  # ciphered length 46
    31 00000000           # security header: auth + encryption
    77D473AF9D425FEE0FAF8A2D83471492B3D5E6FB1C38C2E48D0C60CA54  # 29 bytes ciphertext
    6A3462D798034AF9E30BAEEE                                    # GCM tag
  `);
  // Its plaintext, decrypted with the KDF type-04 key 46c83d7d… (GBCS-FACTS §13).
  const plaintext = hex(`
    0203 00 22 E80300        # Divisor: success, uint24 1000
    0103 00 22 010000        # Multiplier: uint24 1
    0003 00 30 01            # Unit of Measure: enum8 1
    0000 00 25 393000000000  # Current Summation Delivered: uint48 12345
  `);

  it('decodes the command as a typed Read Attributes, and re-encodes it byte for byte', () => {
    const p = decodeGbz(command, 47, { cra: 1, messageCode: 0x0074 });
    expect(p).toEqual({
      form: 'frame',
      components: [
        {
          encrypted: false,
          clusterId: 0x0702,
          header: {
            frameType: 'global',
            direction: 'clientToServer',
            disableDefaultResponse: false,
            sequence: 0,
            commandId: 0,
          },
          payload: { kind: 'readAttributes', attributeIds: [0x0302, 0x0301, 0x0300, 0x0000] },
        },
      ],
    });
    expect(encodeGbz(p)).toEqual(command);
  });

  it('keeps the encrypted response component as its ciphered blob, and re-encodes it byte for byte', () => {
    const p = decodeGbz(response, 59, { cra: 2, messageCode: 0x0074 });
    const c = first(p);
    expect(c.encrypted).toBe(true);
    if (!c.encrypted) return;
    expect(c.encryption).toEqual({ headerControl: 0, frameCounter: 0 });
    expect(c.header).toMatchObject({ direction: 'serverToClient', disableDefaultResponse: true, commandId: 1 });
    expect(c.payload.ciphered).toEqual(response.subarray(15));
    expect(encodeGbz(p)).toEqual(response);
  });

  it('decodes the decrypted plaintext as typed attribute values', () => {
    const c = first(decodeGbz(response, 59));
    const zcl = decodeZclPayload(plaintext, c.clusterId, c.header, 0);
    expect(zcl).toEqual({
      kind: 'readAttributesResponse',
      records: [
        { attributeId: 0x0302, status: 0, value: { type: 'uint24', value: 1000 } },
        { attributeId: 0x0301, status: 0, value: { type: 'uint24', value: 1 } },
        { attributeId: 0x0300, status: 0, value: { type: 'enum8', value: 1 } },
        { attributeId: 0x0000, status: 0, value: { type: 'uint48', value: 12345 } },
      ],
    });
    expect(encodeZclPayload(c.clusterId, c.header, zcl)).toEqual(plaintext);
  });
});

describe('GCS02 change payment mode, cancellation (cluster-specific command)', () => {
  // GCS02_1.6_CANCELLATION_SUCCESS_COMMAND_GBCS.HEX, payload at byte 48.
  const command = hex(`
    0109 01 01 0705 0015  # 1 component, Prepayment, 21 bytes
    01 00 06              # ZCL: cluster-specific, client→server; seq 0; Change Payment Mode
    00000000              # Provider Id 0
    804A371C              # Issuer Event Id (LE) 0x1C374A80
    FFFFFFFF              # Implementation Date Time: FFFFFFFF
    940C                  # Proposed Payment Control Configuration bitmap16 0x0C94 (credit mode)
    FFFFFFFF              # Cut Off Value int32 -1
  `);

  it('reads the fields by the Prepayment schema, little-endian, signed where the type says', () => {
    const p = decodeGbz(command, 48, { cra: 1, messageCode: 0x006c });
    const c = first(p);
    expect(c.payload).toEqual({
      kind: 'clusterCommand',
      name: 'Change Payment Mode',
      fields: [
        { name: 'Provider Id', type: 'uint32', value: 0 },
        { name: 'Issuer Event Id', type: 'uint32', value: 0x1c374a80 },
        { name: 'Implementation Date Time', type: 'utcTime', value: 0xffffffff },
        { name: 'Proposed Payment Control Configuration', type: 'bitmap16', value: 0x0c94 },
        { name: 'Cut Off Value', type: 'int32', value: -1 },
      ],
    });
    expect(encodeGbz(p)).toEqual(command);
  });
});

describe('GBZ alerts (GBCS-FACTS §9.3)', () => {
  it('reads the 00CD future-dated alert content', () => {
    // GCS01a_1.1.1_8F66_FUTURE_DATED_BLOCK_SUCCESS_ALERT_PUBLISH_PRICE_MATRIX_GBCS.HEX, payload at byte 34.
    const alert = hex(`
      0109 01                # profile, n = 1
      8F66 38818890          # alert code 8F66, timestamp BE
      0E                     # 14 bytes follow
      006B 00000000000003ED  # original message code GCS01a, counter 1005
      0700 09 05             # Price cluster, frame control 09, Publish Price Matrix
    `);
    const p = decodeGbz(alert, 34, { cra: 3, messageCode: 0x00cd });
    expect(p).toEqual({
      form: 'alert',
      alertCode: 0x8f66,
      timestamp: 0x38818890,
      body: {
        kind: 'futureDated',
        messageCode: 0x006b,
        originatorCounter: 1005n,
        clusterId: 0x0700,
        frameControl: 0x09,
        commandId: 0x05,
      },
    });
    expect(encodeGbz(p)).toEqual(alert);
  });

  it('reads a bare alert, telling the alert form from its code when no CRA flag is given', () => {
    // GCA-ZigBee_NA_8F30_ALERT_GBCS.HEX: generic critical alert 8F30, no components.
    const alert = hex('0109 00 8F30 1C374A80');
    const p = decodeGbz(alert, 34);
    expect(p).toEqual({ form: 'alert', alertCode: 0x8f30, timestamp: 0x1c374a80, body: { kind: 'none' } });
    expect(encodeGbz(p)).toEqual(alert);
  });

  it('reads the 00F2 meter integrity warning and the 00CF firmware hash', () => {
    const integrity = hex('0109 01 81A0 1C374A80 0005'); // MIIWA-ZigBee: other info 5
    expect(decodeGbz(integrity, 47, { cra: 3, messageCode: 0x00f2 })).toMatchObject({
      body: { kind: 'integrityWarning', otherInfo: 5 },
    });
    const receipt = hex(`0109 01 8F72 1C374A80 09 20 ${'A1'.repeat(32)}`); // FDRA-ZigBee: DLMS octet string of 32
    const p = decodeGbz(receipt, 34, { cra: 3, messageCode: 0x00cf });
    expect(p).toMatchObject({ body: { kind: 'firmwareHash', hash: new Uint8Array(32).fill(0xa1) } });
    expect(encodeGbz(p)).toEqual(receipt);
  });

  it('keeps alert content raw when the message code is not given', () => {
    const receipt = hex(`0109 01 8F72 1C374A80 09 20 ${'A1'.repeat(32)}`);
    const p = decodeGbz(receipt, 34, { cra: 3 });
    expect(p).toMatchObject({ body: { kind: 'raw', componentCount: 1 } });
    expect(encodeGbz(p)).toEqual(receipt);
  });
});

describe('several components and Default Responses (GCS21b error response)', () => {
  // The first two components of GCS21b_4.13_ERROR_RESPONSE_GBCS.HEX rebuilt as a frame of two.
  const frame = hex(`
    0109 02
    00 0705 0005  08 00 0B  00 86   # Prepayment: global server→client Default Response to command 00, status 86
    01 0700 0005  08 01 0B  01 86   # Price: sequence 1, Default Response to 01, status 86 (last)
  `);

  it('derives the control bytes from the position: only the last has bit 0', () => {
    const p = decodeGbz(frame, 0, { cra: 2 });
    expect(p.form === 'frame' && p.components.map((c) => c.payload)).toEqual([
      { kind: 'defaultResponse', commandId: 0, status: 0x86 },
      { kind: 'defaultResponse', commandId: 1, status: 0x86 },
    ]);
    expect(encodeGbz(p)).toEqual(frame);
  });
});

describe('ZCL reporting commands (ZCL 2.5.7–2.5.11; no RTDS message carries them)', () => {
  const frame = hex(`
    0109 01 01 0702 0019
    00 05 06            # global, client→server; seq 5; Configure Reporting
    00 0000 25 1E00 100E 010000000000   # reported: Summation, uint48, min 30 s, max 3600 s, change 1 (analog)
    00 1400 18 0000 3C00                # reported: Supply Status, bitmap8, min 0, max 60 (discrete: no change)
  `);

  it('reads a reportable change only for analog types', () => {
    const p = decodeGbz(frame, 0, { cra: 1 });
    expect(first(p).payload).toEqual({
      kind: 'configureReporting',
      records: [
        {
          direction: 'reported',
          attributeId: 0x0000,
          dataType: 'uint48',
          minInterval: 30,
          maxInterval: 3600,
          reportableChange: { type: 'uint48', value: 1 },
        },
        { direction: 'reported', attributeId: 0x0014, dataType: 'bitmap8', minInterval: 0, maxInterval: 60 },
      ],
    });
    expect(encodeGbz(p)).toEqual(frame);
  });
});
