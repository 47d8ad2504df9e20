import { createDecipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  COSEM_OBJECTS,
  decodeCosemDateTime,
  decodeDlms,
  decodeDlmsData,
  encodeDlms,
  encodeDlmsData,
  findProtectedData,
  gbcsAlertNotification,
  gbcsInvokeId,
  readFutureDatedReference,
  readGbcsAlert,
  resultName,
} from '../../../../protocol/gbcs/dlms/index.js';
import type { DlmsData } from '../../../../protocol/gbcs/dlms/index.js';
import { hex } from './hex.js';

// DLMS payloads copied from RTDS 4.5.0 (public DCC test data), annotated per GBCS-FACTS §8.
// Offsets in errors count from the message start, so each vector is decoded at its real offset.

/** 4.1.1_ECS17b/…SINGLE_SUCCESS_COMMAND: payload at byte 48 (GBCS-FACTS §12). */
const ECS17B_COMMAND = hex(`
  D9 200003E8 00                         # access-request, invoke id 0x20‖1000, no date-time
  01                                     # 1 request spec
  03 001E 00002B0208FF 01                # action: Data Protection 0-0:43.2.8.255, method 1
  01                                     # 1 data item
  02 02                                  # structure {object list, required protection}
    01 01 02 05                          # array of 1 structure of 5
      12 0001 09 06 00005E2C220A 0F 02 12 0000 02 02 16 00 00
    01 01 02 02 16 02 02 05              # protection parameters: enum 2, structure of 5
      09 09 04 00000000000003E8          # transaction id: 04 ‖ counter
      09 08 90B3D51F30010000             # originator (supplier)
      09 08 00DB1234567890A0             # recipient (ESME)
      09 00                              # other information
      02 02 16 02 02 02 09 01 02 09 00   # key info: agreed key {09 01 02, 09 00}
`);

/** …SINGLE_SUCCESS_RESPONSE: payload at byte 60 (GBCS-FACTS §11). */
const ECS17B_RESPONSE = hex(`
  DA 200003E8 00 00                      # access-response, no date-time, no spec echo
  01                                     # 1 data item
  02 02                                  # get-protected-attributes response
    01 01 02 02 16 02 02 05
      09 09 04 00000000000003E8 09 08 00DB1234567890A0 09 08 90B3D51F30010000 09 00
      02 02 16 02 02 02 09 01 02 09 00
    09 2B 31 00000000                    # protected data: header, ciphertext, 12-byte tag
      E3035372DDD0648ADEDB866DFF001F09450DEBD034C36C6101DC
      1D3CB50D35311B344436F883
  01 03 00                               # 1 response spec: action, success
`);

/** The decrypted ECS17b data (GBCS-FACTS §11): {10 Wh active, 10 varh reactive}. */
const ECS17B_PLAINTEXT = hex('02 01 02 04 06 0000000A 02 02 0F 00 16 1E 06 0000000A 02 02 0F 00 16 20');

/** 6.2.7_ECS40/…SINGLE_SUCCESS_COMMAND: two gets with null data (GBCS-FACTS §8.2). */
const ECS40_COMMAND = hex(`
  D9 200003EA 00 02
  01 0001 00005E2C220B 02                # get Data 0-0:94.44.34.11 value
  01 0001 0100000002FF 02                # get Data 1-0:0.0.2.255 value
  02 00 00                               # two null-data
`);

/** …SINGLE_ERROR_RESPONSE: nulls and two failed gets. */
const ECS40_ERROR_RESPONSE = hex('DA 200003EB 00 00 02 00 00 02 01 01 01 FA');

/** 6.13_ECS35a/…SUCCESS_COMMAND: get-with-selection, range selector (GBCS-FACTS §8.2). */
const ECS35A_COMMAND = hex(`
  D9 200003E8 00 01
  04 0007 0000636200FF 02                # get-with-selection: Profile Generic event log, buffer
  01                                     # selector 1: range
  02 04                                  # {restricting object, from, to, selected values}
    02 04 12 0001 09 06 00005E2C64FF 0F 02 12 0000
    06 1C35F900                          # from 2014-12-31 00:00Z (seconds since 2000)
    06 1C374A80
    01 00                                # selected values: empty array
  01 00                                  # 1 data item: null
`);

/** 7.11_ECS61c/…SUCCESS_RESPONSE: a compact-array of {u32, u32} (GBCS-FACTS §8.4). */
const ECS61C_RESPONSE = hex(`
  DA 200003E9 00 00 07
  03 FF
  13 02 02 06 06 30                      # compact-array: structure {u32, u32}, 48 bytes
    1C2F6180 1C2F747C 1C30B300 1C30B684 1C320480 1C322DC0
    1C335600 1C337388 1C34A780 1C34D6D8 1C35F900 1C362D44
  03 FF 03 FF 03 FF 03 FF 03 FF
  07 01 00 01 00 01 00 01 00 01 00 01 00 01 00
`);

/** NA_GCA-DLMS/…8F30_ALERT: the generic critical alert, payload at byte 34 (GBCS-FACTS §8.7). */
const ALERT_8F30 = hex(`
  0F 200007D0 00                         # data-notification, invoke id 0x20‖2000
  02 02                                  # {alert code, timestamp}
    12 8F30
    09 0C 07DF 01 01 FF 00 00 00 00 8000 FF
`);

/** 2.1_ECS08/…8F66_FUTURE_DATED_SUCCESS_ALERT_MAX_METER_BALANCE (message code 00CC, §8.7). */
const ALERT_FUTURE_DATED = hex(`
  0F 200007DA 00 02 03
    12 8F66
    09 0C 07EE 01 0F FF 09 00 00 00 8000 FF
    09 13 001F 00000000000003EC 2328 00005E2C0214 06   # ECS08, counter 1004, class 9000, attribute 6
`);

const VECTORS: [string, Uint8Array, number][] = [
  ['ECS17b command', ECS17B_COMMAND, 48],
  ['ECS17b response', ECS17B_RESPONSE, 60],
  ['ECS40 command', ECS40_COMMAND, 47],
  ['ECS40 error response', ECS40_ERROR_RESPONSE, 47],
  ['ECS35a command', ECS35A_COMMAND, 47],
  ['ECS61c response', ECS61C_RESPONSE, 48],
  ['8F30 alert', ALERT_8F30, 34],
  ['future-dated alert', ALERT_FUTURE_DATED, 34],
];

describe('GBCS-FACTS §8: RTDS DLMS payloads decode and re-encode byte for byte', () => {
  it.each(VECTORS)('%s', (_name, bytes, offset) => {
    expect(encodeDlms(decodeDlms(bytes, offset))).toEqual(bytes);
  });
});

describe('GBCS-FACTS §8.1-8.2 access-request', () => {
  it('ECS17b: one action on the import register collection, with its parameter', () => {
    const apdu = decodeDlms(ECS17B_COMMAND, 48);
    expect(apdu.type).toBe('access-request');
    if (apdu.type !== 'access-request') return;
    expect(apdu.invokeId).toBe(0x200003e8);
    expect(apdu.dateTime).toBeNull();
    const { importRegisterCollection } = COSEM_OBJECTS;
    expect(apdu.specs).toEqual([
      {
        type: 'action',
        method: {
          classId: importRegisterCollection.classId,
          instance: importRegisterCollection.instance,
          methodId: importRegisterCollection.methods.getProtectedAttributes,
        },
      },
    ]);
    const [param] = apdu.data;
    expect(param?.type).toBe('structure');
    const objectList = param?.type === 'structure' ? param.items[0] : undefined;
    const entry = objectList?.type === 'array' ? objectList.items[0] : undefined;
    expect(entry).toEqual({
      type: 'structure',
      items: [
        { type: 'long-unsigned', value: 1 },
        { type: 'octet-string', bytes: hex('00005E2C220A') },
        { type: 'integer', value: 2 },
        { type: 'long-unsigned', value: 0 },
        { type: 'structure', items: [{ type: 'enum', value: 0 }, { type: 'null-data' }] },
      ],
    });
  });

  it('ECS40: two gets, each with a null data item', () => {
    const apdu = decodeDlms(ECS40_COMMAND, 47);
    if (apdu.type !== 'access-request') throw new Error(apdu.type);
    expect(apdu.specs.map((s) => (s.type === 'get' ? s.attribute.instance : s.type))).toEqual([
      '0-0:94.44.34.11',
      '1-0:0.0.2.255',
    ]);
    expect(apdu.data).toEqual([{ type: 'null-data' }, { type: 'null-data' }]);
  });

  it('ECS35a: get-with-selection keeps the selector and its range parameters', () => {
    const apdu = decodeDlms(ECS35A_COMMAND, 47);
    if (apdu.type !== 'access-request') throw new Error(apdu.type);
    const [spec] = apdu.specs;
    expect(spec?.type).toBe('get-with-selection');
    if (spec?.type !== 'get-with-selection') return;
    expect(spec.attribute).toEqual({ classId: 7, instance: '0-0:99.98.0.255', attributeId: 2 });
    expect(spec.selector).toBe(1);
    const params = spec.parameters;
    expect(params.type === 'structure' ? params.items[1] : undefined).toEqual({
      type: 'double-long-unsigned',
      value: 0x1c35f900,
    });
  });
});

describe('GBCS-FACTS §8.3 access-response', () => {
  it('ECS17b: the protected data octet string starts with the 31 security header', () => {
    const apdu = decodeDlms(ECS17B_RESPONSE, 60);
    if (apdu.type !== 'access-response') throw new Error(apdu.type);
    expect(apdu.requestSpecs).toBeNull();
    expect(apdu.specs).toEqual([{ type: 'action', result: 0 }]);
    const [item] = apdu.data;
    const blob = item?.type === 'structure' ? item.items[1] : undefined;
    expect(blob?.type).toBe('octet-string');
    if (blob?.type !== 'octet-string') return;
    expect(blob.bytes.length).toBe(43);
    expect(Array.from(blob.bytes.subarray(0, 5))).toEqual([0x31, 0, 0, 0, 0]);
  });

  it('ECS40 error: the result codes keep their table names', () => {
    const apdu = decodeDlms(ECS40_ERROR_RESPONSE, 47);
    if (apdu.type !== 'access-response') throw new Error(apdu.type);
    expect(apdu.specs.map((s) => resultName(s.type, s.result))).toEqual(['hardware-fault', 'other-reason']);
  });

  it('ECS61c: a compact-array gives typed elements from its description', () => {
    const apdu = decodeDlms(ECS61C_RESPONSE, 48);
    if (apdu.type !== 'access-response') throw new Error(apdu.type);
    const compact = apdu.data[1];
    expect(compact?.type).toBe('compact-array');
    if (compact?.type !== 'compact-array') return;
    expect(compact.description).toEqual({
      type: 'structure',
      members: [
        { type: 'simple', dataType: 'double-long-unsigned' },
        { type: 'simple', dataType: 'double-long-unsigned' },
      ],
    });
    expect(compact.items).toHaveLength(6);
    expect(compact.items[0]).toEqual({
      type: 'structure',
      items: [
        { type: 'double-long-unsigned', value: 0x1c2f6180 },
        { type: 'double-long-unsigned', value: 0x1c2f747c },
      ],
    });
    expect(apdu.data[0]).toEqual({ type: 'boolean', value: true });
  });

  it('§11: the decrypted ECS17b plaintext is one structure of registers with scaler-unit', () => {
    const value = decodeDlmsData(ECS17B_PLAINTEXT, 129);
    const scalerUnit = (unit: number): DlmsData => ({
      type: 'structure',
      items: [
        { type: 'integer', value: 0 },
        { type: 'enum', value: unit },
      ],
    });
    expect(value).toEqual({
      type: 'structure',
      items: [
        {
          type: 'structure',
          items: [
            { type: 'double-long-unsigned', value: 10 },
            scalerUnit(30),
            { type: 'double-long-unsigned', value: 10 },
            scalerUnit(32),
          ],
        },
      ],
    });
    expect(encodeDlmsData(value)).toEqual(ECS17B_PLAINTEXT);
  });
});

describe('GBCS-FACTS §6.5 / §8.5 protected data', () => {
  it('ECS17b: the block gives parameters and ciphertext; with the §11 key it decrypts to the plaintext Data', () => {
    const apdu = decodeDlms(ECS17B_RESPONSE, 60);
    const [block, ...more] = findProtectedData(apdu);
    expect(more).toHaveLength(0);
    if (!block) throw new Error('no protected block');
    expect(block).toMatchObject({ path: [0], index: 0, securityControl: 0x31, invocationCounter: 0 });
    expect(block.parameters).toEqual([
      {
        protectionType: 2,
        transactionId: hex('04 00000000000003E8'),
        originatorSystemTitle: hex('00DB1234567890A0'),
        recipientSystemTitle: hex('90B3D51F30010000'),
        otherInformation: new Uint8Array(0),
        keyInfoType: 2,
        keyParameters: hex('02'),
        keyCipheredData: new Uint8Array(0),
      },
    ]);
    // GBCS-FACTS §11: payload key (KDF type 04), IV = ESME system title ‖ 0, AAD = 31, 12-byte tag.
    const decipher = createDecipheriv(
      'aes-128-gcm',
      hex('12CB821C471EC2144C68E12A5657F9FD'),
      hex('00DB1234567890A0 00000000'),
      { authTagLength: 12 },
    );
    decipher.setAAD(Uint8Array.of(0x31));
    const body = block.ciphertextAndTag;
    decipher.setAuthTag(body.subarray(body.length - 12));
    const plaintext = Buffer.concat([decipher.update(body.subarray(0, body.length - 12)), decipher.final()]);
    expect(new Uint8Array(plaintext)).toEqual(ECS17B_PLAINTEXT);
  });

  it('plain payloads and commands (which carry parameters but no ciphertext) have no block', () => {
    expect(findProtectedData(decodeDlms(ECS17B_COMMAND, 48))).toEqual([]);
    expect(findProtectedData(decodeDlms(ECS61C_RESPONSE, 48))).toEqual([]);
  });
});

describe('GBCS-FACTS §8.7 data-notification alerts', () => {
  it('8F30: alert code and a COSEM date-time timestamp', () => {
    const apdu = decodeDlms(ALERT_8F30, 34);
    if (apdu.type !== 'data-notification') throw new Error(apdu.type);
    expect(apdu.invokeId).toBe(0x200007d0);
    const body = apdu.body;
    if (body.type !== 'structure') throw new Error(body.type);
    expect(body.items[0]).toEqual({ type: 'long-unsigned', value: 0x8f30 });
    const stamp = body.items[1];
    if (stamp?.type !== 'octet-string') throw new Error(String(stamp?.type));
    expect(decodeCosemDateTime(stamp.bytes)).toMatchObject({ year: 2015, month: 1, dayOfMonth: 1, hour: 0 });
  });

  it('00CC future-dated: the third item is the 19-byte original-command reference', () => {
    const apdu = decodeDlms(ALERT_FUTURE_DATED, 34);
    if (apdu.type !== 'data-notification' || apdu.body.type !== 'structure') throw new Error(apdu.type);
    const ref = apdu.body.items[2];
    expect(ref?.type === 'octet-string' ? ref.bytes.length : 0).toBe(19);
    expect(readFutureDatedReference(ref)).toEqual({
      messageCode: 0x001f, // ECS08
      originatorCounter: 1004n,
      classId: 9000,
      instance: '0-0:94.44.2.20',
      attributeId: 6,
    });
    expect(readFutureDatedReference(apdu.body.items[0])).toBeUndefined();
  });

  it('the GBCS alert view reads code and timestamp, and rebuilds the same bytes', () => {
    const apdu = decodeDlms(ALERT_FUTURE_DATED, 34);
    if (apdu.type !== 'data-notification') throw new Error(apdu.type);
    const alert = readGbcsAlert(apdu);
    expect(alert?.alertCode).toBe(0x8f66);
    expect(alert?.timestamp).toMatchObject({ year: 2030, month: 1, dayOfMonth: 15, hour: 9 });
    expect(alert?.items).toHaveLength(1);
    if (!alert) return;
    expect(encodeDlms(gbcsAlertNotification(2010n, alert))).toEqual(ALERT_FUTURE_DATED);
    expect(readGbcsAlert({ ...apdu, body: { type: 'null-data' } })).toBeUndefined();
  });

  it('§14.9: the invoke id is 0x20 and the low 24 bits of the counter', () => {
    expect(gbcsInvokeId(1000n)).toBe(0x200003e8);
    expect(gbcsInvokeId(0x1_2345_6789n)).toBe(0x20456789);
  });
});
