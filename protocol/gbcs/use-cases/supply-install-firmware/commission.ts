import type { DeviceStatus } from '../../../device-status.js';
import {
  cosemDateTimeFromDate,
  cosemDateTimeToDate,
  decodeCosemDateTime,
  encodeCosemDateTime,
  type DlmsData,
} from '../../dlms/index.js';
import type { UseCaseCodec } from '../use-case-codec.js';
import { derChildren, derNumber, derSeq, derTime, derTimeText, derInt, derRoot, der } from './der-kit.js';
import {
  bodyMap,
  dlmsNumber,
  dlmsOctets,
  dlmsRequest,
  dlmsResponse,
  fail,
  fromGeneralizedTime,
  generalizedTime,
  HARDWARE_FAULT,
  NULL_DATA,
  OTHER_REASON,
  outcome,
  readDlmsRequest,
  readDlmsResponse,
  SUCCESS,
  TYPE_UNMATCHED,
  type PayloadMap,
  type SpecShape,
} from './kit.js';

/**
 * SR 8.1.1 Commission Device at the meters. The DCC sets the meter's clock within a validity
 * window and the meter says what its clock now reads (GBCS-FACTS §10 for GCS28).
 *
 * ECS70 (ESME, DLMS on the clock `0-0:1.0.0.255`, class 8): set clock_base (#9, enum 5 as in every
 * RTDS command), preset_adjusting_time (method 5: {preset time, validity start, validity end}),
 * adjust_to_preset_time (method 4, integer 0), then get time (#2) and status (#4). GCS28 (GSME,
 * DER): SEQUENCE {validity start, validity end} → SEQUENCE {device time, 0 reliable / 1 invalid /
 * 2 unreliable}.
 *
 * Body: `{ validFrom, validTo }` (ISO 8601). The JSON body has neither; the head-end then opens a
 * window around its clock (emulator choice: ±5 min for the ESME, ±1 h for the GSME, which may
 * sleep 30 min before it hears the command). Response: `{ lifecycle: 'Commissioned', deviceTime }`.
 */

const CLOCK = '0-0:1.0.0.255' as const;
const ECS70_SPECS: readonly SpecShape[] = [
  { type: 'set', classId: 8, obis: CLOCK, id: 9 },
  { type: 'action', classId: 8, obis: CLOCK, id: 5 },
  { type: 'action', classId: 8, obis: CLOCK, id: 4 },
  { type: 'get', classId: 8, obis: CLOCK, id: 2 },
  { type: 'get', classId: 8, obis: CLOCK, id: 4 },
];
/** Preset time "not specified": the meter keeps its own time if it lies in the window. */
const UNSPECIFIED_TIME = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x80, 0x00, 0xff]);
const CLOCK_BASE = 5;

function windowOf(body: PayloadMap, now: number, halfWidthMs: number): { from: number; to: number } {
  const from = typeof body.validFrom === 'string' ? Date.parse(body.validFrom) : now - halfWidthMs;
  const to = typeof body.validTo === 'string' ? Date.parse(body.validTo) : now + halfWidthMs;
  if (!Number.isFinite(from) || !Number.isFinite(to) || from > to)
    fail('8.1.1', 'validFrom', 'must be ISO times, validFrom ≤ validTo');
  return { from, to };
}

/** A date-time as the RTDS writes them: day of week not specified (FF). */
const cosem = (ms: number): DlmsData => ({
  type: 'octet-string',
  bytes: encodeCosemDateTime({ ...cosemDateTimeFromDate(new Date(ms)), dayOfWeek: 0xff }),
});

function cosemMs(data: DlmsData | undefined, field: string): number {
  const bytes = dlmsOctets('ECS70', data, field, 12);
  const date = cosemDateTimeToDate(decodeCosemDateTime(bytes, 0, field));
  if (!date) fail('ECS70', field, 'must name an instant');
  return date.getTime();
}

function deviceTimeOf(payload: PayloadMap, fallback: number): number {
  return typeof payload.deviceTime === 'string' && Number.isFinite(Date.parse(payload.deviceTime))
    ? Date.parse(payload.deviceTime)
    : fallback;
}

const ECS70: UseCaseCodec = {
  useCase: 'ECS70',
  messageCode: 0x0062,
  variant: '8.1.1',
  device: 'ESME',
  encodeCommand: (body, ctx) => {
    const { from, to } = windowOf(bodyMap(body), ctx.now, 5 * 60_000);
    return dlmsRequest(ctx, ECS70_SPECS, [
      { type: 'enum', value: CLOCK_BASE },
      { type: 'structure', items: [{ type: 'octet-string', bytes: UNSPECIFIED_TIME }, cosem(from), cosem(to)] },
      { type: 'integer', value: 0 },
      NULL_DATA,
      NULL_DATA,
    ]);
  },
  decodeCommand: (payload) => {
    const [base, preset, adjust, time, status] = readDlmsRequest('ECS70', payload, ECS70_SPECS);
    dlmsNumber('ECS70', base, 'enum', 'clock_base');
    if (preset?.type !== 'structure' || preset.items.length !== 3)
      fail('ECS70', 'preset_adjusting_time', 'must be a structure of 3 date-times');
    dlmsOctets('ECS70', preset.items[0], 'preset_time', 12);
    const validFrom = cosemMs(preset.items[1], 'validity_interval_start');
    const validTo = cosemMs(preset.items[2], 'validity_interval_end');
    dlmsNumber('ECS70', adjust, 'integer', 'adjust_to_preset_time');
    if (time?.type !== 'null-data' || status?.type !== 'null-data') fail('ECS70', 'data', 'gets must carry null-data');
    return { validFrom: new Date(validFrom).toISOString(), validTo: new Date(validTo).toISOString() };
  },
  // The RTDS ERROR answers the set and actions but not the time (hardware-fault) nor its status
  // (other-reason): the meter's clock could not be set in the window (INVALID_STATE).
  encodeResponse: (result, ctx) => {
    const done = { type: 'set' as const, result: SUCCESS };
    if (result.status !== 'OK') {
      const code = result.status === 'BAD_PAYLOAD' ? TYPE_UNMATCHED : HARDWARE_FAULT;
      return dlmsResponse(ctx, [
        { data: NULL_DATA, spec: done },
        { data: NULL_DATA, spec: { type: 'action', result: SUCCESS } },
        { data: NULL_DATA, spec: { type: 'action', result: SUCCESS } },
        { data: NULL_DATA, spec: { type: 'get', result: code } },
        { data: NULL_DATA, spec: { type: 'get', result: OTHER_REASON } },
      ]);
    }
    return dlmsResponse(ctx, [
      { data: NULL_DATA, spec: done },
      { data: NULL_DATA, spec: { type: 'action', result: SUCCESS } },
      { data: NULL_DATA, spec: { type: 'action', result: SUCCESS } },
      { data: cosem(deviceTimeOf(bodyMap(result.payload), ctx.now)), spec: { type: 'get', result: SUCCESS } },
      { data: { type: 'unsigned', value: 0 }, spec: { type: 'get', result: SUCCESS } },
    ]);
  },
  decodeResponse: (payload) => {
    const response = readDlmsResponse('ECS70', payload, ['set', 'action', 'action', 'get', 'get']);
    const failed = response.specs.find((s) => s.result !== SUCCESS);
    if (failed) {
      const status: DeviceStatus = failed.result === TYPE_UNMATCHED ? 'BAD_PAYLOAD' : 'INVALID_STATE';
      return outcome(status, { result: failed.result });
    }
    const deviceTime = new Date(cosemMs(response.data[3], 'time')).toISOString();
    return outcome('OK', { lifecycle: 'Commissioned', deviceTime });
  },
};

/** GCS28's time-reliability answer (GBCS-FACTS §10). */
const RELIABLE = 0;
const INVALID = 1;
const UNRELIABLE = 2;

const GCS28: UseCaseCodec = {
  useCase: 'GCS28',
  messageCode: 0x007f,
  variant: '8.1.1',
  device: 'GSME',
  encodeCommand: (body, ctx) => {
    const { from, to } = windowOf(bodyMap(body), ctx.now, 60 * 60_000);
    return der(derSeq([derTime(generalizedTime(from)), derTime(generalizedTime(to))]));
  },
  decodeCommand: (payload) => {
    const [start, end] = derChildren('GCS28', derRoot('GCS28', payload), 'validity', 2);
    const validFrom = fromGeneralizedTime('GCS28', derTimeText('GCS28', start, 'validityStart'), 'validityStart');
    const validTo = fromGeneralizedTime('GCS28', derTimeText('GCS28', end, 'validityEnd'), 'validityEnd');
    return { validFrom: new Date(validFrom).toISOString(), validTo: new Date(validTo).toISOString() };
  },
  // RTDS ERROR: a window the meter's clock is outside of gives 2 (unreliable): INVALID_STATE.
  encodeResponse: (result, ctx) => {
    const code = result.status === 'OK' ? RELIABLE : result.status === 'BAD_PAYLOAD' ? INVALID : UNRELIABLE;
    const time = deviceTimeOf(bodyMap(result.status === 'OK' ? result.payload : null), ctx.now);
    return der(derSeq([derTime(generalizedTime(time)), derInt(code)]));
  },
  decodeResponse: (payload) => {
    const [time, code] = derChildren('GCS28', derRoot('GCS28', payload), 'response', 2);
    const deviceTime = new Date(
      fromGeneralizedTime('GCS28', derTimeText('GCS28', time, 'deviceTime'), 'deviceTime'),
    ).toISOString();
    const reliability = derNumber('GCS28', code, 'reliability', 0, 2);
    if (reliability === RELIABLE) return outcome('OK', { lifecycle: 'Commissioned', deviceTime });
    return outcome(reliability === INVALID ? 'BAD_PAYLOAD' : 'INVALID_STATE', { deviceTime, result: reliability });
  },
};

export const COMMISSION_USE_CASES: readonly UseCaseCodec[] = [ECS70, GCS28];
