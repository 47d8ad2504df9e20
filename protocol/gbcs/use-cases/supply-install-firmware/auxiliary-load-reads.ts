import type { PlainValue } from '../../../cbor.js';
import { formatEuiBytes, parseEui, euiToBytes } from '../../../eui.js';
import type { DlmsData, ObisCode } from '../../dlms/index.js';
import type { UseCaseCodec } from '../use-case-codec.js';
import {
  bodyMap,
  dlmsRequest,
  dlmsResponse,
  fail,
  HARDWARE_FAULT,
  NULL_DATA,
  OTHER_REASON,
  outcome,
  readDlmsRequest,
  readDlmsResponse,
  type PayloadMap,
  type SpecShape,
} from './kit.js';

/**
 * SRs 7.7 (ECS61a, read auxiliary load control switch data) and 7.14 (ECS61d, read the switches'
 * descriptions and calendar). Gets, in the RTDS order: the five descriptions `0-0:94.44.0.11`…`15`
 * (visible-string), [ECS61a: the five paired devices `0-0:94.44.0.21`…`25` (octet-string(8), zeros
 * when none)], the special days table (class 11 `0-0:11.0.3.255` #2) and the switching schedule
 * (class 10 `0-0:12.0.2.255` #2), [ECS61a: each switch's output state, class 70 `0-n:96.3.10.255`
 * #2, boolean].
 *
 * Bodies `{}`. Responses `{ descriptions, pairedDevices, loads, specialDays, schedule }` (the two
 * calendars as their entry counts). Emulator choice: our meter keeps no ALCS calendar of its own
 * (7.13 windows are scripts, not calendar entries), so both arrays are empty. A refusal answers
 * the first get hardware-fault and the rest other-reason.
 */

const get = (classId: number, obis: string): SpecShape => ({ type: 'get', classId, obis: obis as ObisCode, id: 2 });
const FIVE = [1, 2, 3, 4, 5];
const DESCRIPTIONS = FIVE.map((n) => get(1, `0-0:94.44.0.${10 + n}`));
const PAIRED = FIVE.map((n) => get(1, `0-0:94.44.0.${20 + n}`));
const CALENDAR = [get(11, '0-0:11.0.3.255'), get(10, '0-0:12.0.2.255')];
const OUTPUTS = FIVE.map((n) => get(70, `0-${n}:96.3.10.255`));

function list(b: PayloadMap, key: string): readonly PlainValue[] {
  const value = b[key];
  return Array.isArray(value) ? (value as readonly PlainValue[]) : [];
}

function readCodec(useCase: string, messageCode: number, variant: '7.7' | '7.14', full: boolean): UseCaseCodec {
  const specs = full ? [...DESCRIPTIONS, ...PAIRED, ...CALENDAR, ...OUTPUTS] : [...DESCRIPTIONS, ...CALENDAR];
  const kinds = specs.map(() => 'get' as const);
  return {
    useCase,
    messageCode,
    variant,
    device: 'ESME',
    encodeCommand: (body, ctx) => {
      bodyMap(body);
      return dlmsRequest(
        ctx,
        specs,
        specs.map(() => NULL_DATA),
      );
    },
    decodeCommand: (payload) => {
      readDlmsRequest(useCase, payload, specs).forEach((d, i) => {
        if (d.type !== 'null-data') fail(useCase, `data[${i}]`, 'must be null-data');
      });
      return {};
    },
    encodeResponse: (result, ctx) => {
      if (result.status !== 'OK')
        return dlmsResponse(
          ctx,
          specs.map((_, i) => ({
            data: NULL_DATA,
            spec: { type: 'get', result: i === 0 ? HARDWARE_FAULT : OTHER_REASON },
          })),
        );
      const b = bodyMap(result.payload);
      const descriptions = list(b, 'descriptions');
      const paired = list(b, 'pairedDevices');
      const loads = list(b, 'loads');
      const data: DlmsData[] = [
        ...FIVE.map((n, i): DlmsData => ({
          type: 'visible-string',
          value: typeof descriptions[i] === 'string' ? descriptions[i] : `ALCS_${n}`,
        })),
        ...(full
          ? FIVE.map((_, i): DlmsData => {
              const eui = paired[i];
              return {
                type: 'octet-string',
                bytes: typeof eui === 'string' ? euiToBytes(parseEui(eui)) : new Uint8Array(8),
              };
            })
          : []),
        { type: 'array', items: [] },
        { type: 'array', items: [] },
        ...(full ? FIVE.map((_, i): DlmsData => ({ type: 'boolean', value: loads[i] === true })) : []),
      ];
      return dlmsResponse(
        ctx,
        data.map((d) => ({ data: d, spec: { type: 'get', result: 0 } })),
      );
    },
    decodeResponse: (payload) => {
      const response = readDlmsResponse(useCase, payload, kinds);
      const failed = response.specs.find((s) => s.result !== 0);
      if (failed)
        return outcome(failed.result === HARDWARE_FAULT ? 'INVALID_STATE' : 'BAD_PAYLOAD', { result: failed.result });
      const d = response.data;
      const text = (i: number) => {
        const item = d[i];
        if (item?.type !== 'visible-string') fail(useCase, `descriptions[${i}]`, 'must be a visible-string');
        return item.value;
      };
      const count = (i: number, field: string) => {
        const item = d[i];
        if (item?.type !== 'array') fail(useCase, field, 'must be an array');
        return item.items.length;
      };
      const descriptions = FIVE.map((_, i) => text(i));
      if (!full)
        return outcome('OK', { descriptions, specialDays: count(5, 'specialDays'), schedule: count(6, 'schedule') });
      const pairedDevices = FIVE.map((_, i) => {
        const item = d[5 + i];
        if (item?.type !== 'octet-string' || item.bytes.length !== 8)
          fail(useCase, `pairedDevices[${i}]`, 'must be 8 bytes');
        return item.bytes.every((x) => x === 0) ? null : formatEuiBytes(item.bytes);
      });
      const loads = FIVE.map((_, i) => {
        const item = d[12 + i];
        if (item?.type !== 'boolean') fail(useCase, `loads[${i}]`, 'must be a boolean');
        return item.value;
      });
      return outcome('OK', {
        descriptions,
        pairedDevices,
        loads,
        specialDays: count(10, 'specialDays'),
        schedule: count(11, 'schedule'),
      });
    },
  };
}

export const AUXILIARY_LOAD_READ_USE_CASES: readonly UseCaseCodec[] = [
  readCodec('ECS61a', 0x00bb, '7.7', true),
  readCodec('ECS61d', 0x011c, '7.14', false),
];
