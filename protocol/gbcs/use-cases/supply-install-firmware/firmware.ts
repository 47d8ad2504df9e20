import type { DeviceType } from '../../../device-type.js';
import type { ZclValue } from '../../zcl/index.js';
import type { UseCaseCodec } from '../use-case-codec.js';
import {
  DER_NULL,
  der,
  derBytes,
  derChildren,
  derInt,
  derNumber,
  derOctets,
  derRoot,
  derSeq,
  derTime,
  derTimeText,
  isDerNull,
} from './der-kit.js';
import {
  bodyMap,
  counterOf,
  dlmsOctets,
  dlmsRefusal,
  dlmsRequest,
  dlmsResponse,
  dlmsStatus,
  fail,
  firstFailure,
  fromGeneralizedTime,
  generalizedTime,
  HARDWARE_FAULT,
  NULL_DATA,
  outcome,
  readDlmsRequest,
  readDlmsResponse,
  versionFromBytes,
  versionToBytes,
  type PayloadMap,
  type SpecShape,
} from './kit.js';
import { gbz, header, METERING_CLUSTER, oneComponent, zclRefusal, zclStatus } from './zcl-kit.js';

/**
 * SR 11.2 Read Firmware Version and SR 11.3 Activate Firmware (GBCS-FACTS §10 for CS06/CS08).
 * SR 11.1 has no RTDS use case: the image reaches the devices by the hub's own distribution,
 * not by a GBCS command, so it has no codec here.
 *
 * 11.2: ECS52 (ESME: get `0-0:0.2.1.255` #2, an octet string), GCS38 (GSME: Metering attribute
 * Current Meter Id 0x0206, an octet string), CS08 (any other device, DER: NULL → SEQUENCE
 * {OCTET STRING version, INTEGER 0 success}). Response `{ firmwareVersion }`; the version is the
 * text's ASCII bytes (kit.ts versionToBytes). Bodies: `{}`.
 *
 * 11.3: CS06 (DER): SEQUENCE {OCTET STRING(32) the image hash, INTEGER the originator counter,
 * [GeneralizedTime execution time; 9999-12-31 23:59:59 cancels]}. Body `{ hash,
 * originatorCounter, executeAt?, cancel? }`; a JSON body without `hash` sends 32 zero bytes,
 * which the device reads as "the image I hold" (emulator choice: the DCC's activation names the
 * image it distributed, but the seam's context does not carry it). The response is NULL when a
 * future-dated activation is accepted (SCHEDULED) or cancelled, else SEQUENCE {INTEGER 0 activated
 * / 1 not activated, OCTET STRING the running version}: `{ firmwareVersion }`.
 */

const VERSION_OBJECT: SpecShape = { type: 'get', classId: 1, obis: '0-0:0.2.1.255', id: 2 };

function versionText(payload: PayloadMap): string {
  return typeof payload.firmwareVersion === 'string' ? payload.firmwareVersion : '';
}

const ECS52: UseCaseCodec = {
  useCase: 'ECS52',
  messageCode: 0x0059,
  variant: '11.2',
  device: 'ESME',
  encodeCommand: (body, ctx) => {
    bodyMap(body);
    return dlmsRequest(ctx, [VERSION_OBJECT], [NULL_DATA]);
  },
  decodeCommand: (payload) => {
    const [data] = readDlmsRequest('ECS52', payload, [VERSION_OBJECT]);
    if (data?.type !== 'null-data') fail('ECS52', 'data[0]', 'must be null-data');
    return {};
  },
  encodeResponse: (result, ctx) =>
    result.status === 'OK'
      ? dlmsResponse(ctx, [
          {
            data: { type: 'octet-string', bytes: versionToBytes(versionText(bodyMap(result.payload))) },
            spec: { type: 'get', result: 0 },
          },
        ])
      : dlmsResponse(ctx, [
          { data: NULL_DATA, spec: { type: 'get', result: dlmsRefusal(result.status, HARDWARE_FAULT) } },
        ]),
  decodeResponse: (payload) => {
    const response = readDlmsResponse('ECS52', payload, ['get']);
    const code = firstFailure(response);
    if (code !== 0) return outcome(dlmsStatus(code, HARDWARE_FAULT), { result: code });
    return outcome('OK', {
      firmwareVersion: versionFromBytes(dlmsOctets('ECS52', response.data[0], 'firmwareVersion')),
    });
  },
};

const CURRENT_METER_ID = 0x0206;

const GCS38: UseCaseCodec = {
  useCase: 'GCS38',
  messageCode: 0x0084,
  variant: '11.2',
  device: 'GSME',
  encodeCommand: (body) => {
    bodyMap(body);
    return gbz(METERING_CLUSTER, header('global', 'clientToServer', 0x00), {
      kind: 'readAttributes',
      attributeIds: [CURRENT_METER_ID],
    });
  },
  decodeCommand: (payload) => {
    const read = oneComponent('GCS38', payload, METERING_CLUSTER).payload;
    if (read.kind !== 'readAttributes' || read.attributeIds.length !== 1 || read.attributeIds[0] !== CURRENT_METER_ID)
      fail('GCS38', 'attributeIds', 'must be Read Attributes 0x0206');
    return {};
  },
  encodeResponse: (result) =>
    gbz(METERING_CLUSTER, header('global', 'serverToClient', 0x01), {
      kind: 'readAttributesResponse',
      records: [
        result.status === 'OK'
          ? {
              attributeId: CURRENT_METER_ID,
              status: 0,
              value: { type: 'octetString', value: versionToBytes(versionText(bodyMap(result.payload))) },
            }
          : { attributeId: CURRENT_METER_ID, status: zclRefusal(result.status) },
      ],
    }),
  decodeResponse: (payload) => {
    const read = oneComponent('GCS38', payload, METERING_CLUSTER).payload;
    const record = read.kind === 'readAttributesResponse' && read.records.length === 1 ? read.records[0] : undefined;
    if (!record || record.attributeId !== CURRENT_METER_ID) fail('GCS38', 'records', 'must be one record of 0x0206');
    if (record.status !== 0 || !('value' in record))
      return outcome(zclStatus(record.status), { result: record.status });
    const value = (record as { readonly value: ZclValue }).value.value;
    if (!(value instanceof Uint8Array)) fail('GCS38', 'firmwareVersion', 'must be an octet string');
    return outcome('OK', { firmwareVersion: versionFromBytes(value) });
  },
};

function cs08(device: DeviceType): UseCaseCodec {
  return {
    useCase: 'CS08',
    messageCode: 0x0129,
    variant: '11.2',
    device,
    encodeCommand: (body) => {
      bodyMap(body);
      return der(DER_NULL);
    },
    decodeCommand: (payload) => {
      if (!isDerNull(derRoot('CS08', payload))) fail('CS08', 'payload', 'must be NULL');
      return {};
    },
    // RTDS ERROR: version 00000000 with code 1; any refusal gives that.
    encodeResponse: (result) =>
      result.status === 'OK'
        ? der(derSeq([derOctets(versionToBytes(versionText(bodyMap(result.payload)))), derInt(0)]))
        : der(derSeq([derOctets(new Uint8Array(4)), derInt(1)])),
    decodeResponse: (payload) => {
      const [version, code] = derChildren('CS08', derRoot('CS08', payload), 'response', 2);
      const bytes = derBytes('CS08', version, 'firmwareVersion');
      const result = derNumber('CS08', code, 'responseCode', 0, 0xffff);
      return result === 0
        ? outcome('OK', { firmwareVersion: versionFromBytes(bytes) })
        : outcome(result === 1 ? 'INVALID_STATE' : 'BAD_PAYLOAD', { result });
    },
  };
}

/** GeneralizedTime 9999-12-31 23:59:59: a CS06 with it cancels a pending activation (RTDS CANCELLATION). */
const CANCEL = '99991231235959Z';
const ZERO_HASH = new Uint8Array(32);

function cs06(device: DeviceType): UseCaseCodec {
  return {
    useCase: 'CS06',
    messageCode: 0x0012,
    variant: '11.3',
    device,
    encodeCommand: (body, ctx) => {
      const b = bodyMap(body);
      const hash = b.hash === undefined ? ZERO_HASH : b.hash;
      if (!(hash instanceof Uint8Array) || hash.length !== 32) fail('CS06', 'hash', 'must be 32 bytes');
      const children = [derOctets(hash), derInt(counterOf(ctx))];
      if (b.cancel === true) children.push(derTime(CANCEL));
      else if (ctx.executeAt !== undefined) children.push(derTime(generalizedTime(ctx.executeAt)));
      return der(derSeq(children));
    },
    decodeCommand: (payload) => {
      const [hash, counter, time] = derChildren('CS06', derRoot('CS06', payload), 'activate', 2, 3);
      const body: Record<string, Uint8Array | number | string | boolean> = {
        hash: derBytes('CS06', hash, 'hash', 32),
        originatorCounter: derNumber('CS06', counter, 'originatorCounter'),
      };
      if (time) {
        const text = derTimeText('CS06', time, 'executionTime');
        if (text === CANCEL) body.cancel = true;
        else body.executeAt = new Date(fromGeneralizedTime('CS06', text, 'executionTime')).toISOString();
      }
      return body;
    },
    encodeResponse: (result) => {
      if (result.status === 'SCHEDULED' || (result.status === 'OK' && bodyMap(result.payload).cancelled === true))
        return der(DER_NULL);
      const code = result.status === 'OK' ? 0 : result.status === 'INVALID_STATE' ? 1 : 2;
      return der(derSeq([derInt(code), derOctets(versionToBytes(versionText(bodyMap(result.payload))))]));
    },
    decodeResponse: (payload) => {
      const root = derRoot('CS06', payload);
      if (isDerNull(root)) return outcome('SCHEDULED', { accepted: true });
      const [code, version] = derChildren('CS06', root, 'response', 2);
      const result = derNumber('CS06', code, 'responseCode', 0, 0xffff);
      const firmwareVersion = versionFromBytes(derBytes('CS06', version, 'firmwareVersion'));
      if (result === 0) return outcome('OK', { firmwareVersion });
      return outcome(result === 1 ? 'INVALID_STATE' : 'BAD_PAYLOAD', { firmwareVersion, result });
    },
  };
}

export const FIRMWARE_USE_CASES: readonly UseCaseCodec[] = [
  ECS52,
  GCS38,
  ...(['CHF', 'GPF', 'IHD', 'PPMID'] as const).map(cs08),
  ...(['ESME', 'GSME', 'CHF', 'GPF', 'PPMID'] as const).map(cs06),
];
