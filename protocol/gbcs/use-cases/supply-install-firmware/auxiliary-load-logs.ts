import type { PlainValue } from '../../../cbor.js';
import { euiToBytes, formatEuiBytes, parseEui } from '../../../eui.js';
import type { AccessRequestSpec, DlmsData, ObisCode } from '../../dlms/index.js';
import type { UseCaseCodec } from '../use-case-codec.js';
import {
  bodyMap,
  dlmsRequest,
  dlmsResponse,
  fail,
  fromZclSeconds,
  HARDWARE_FAULT,
  NULL_DATA,
  OTHER_REASON,
  outcome,
  readDlmsResponse,
  zclSeconds,
  type PayloadMap,
  type SpecShape,
} from './kit.js';

/**
 * SR 7.11 (ECS61c, read the boost button data) and SR 7.15 (ECS61e, read the paired devices and
 * their reported states).
 *
 * ECS61c gets, in the RTDS order: boost active (`0-0:94.44.7.255`, boolean), the boost history
 * (profile `0-0:99.98.20.255` #2 by range, selector 1: {restricting object {class 1,
 * `0-0:94.44.100.255`, #2, 0}, from, to (double-long-unsigned seconds since 2000), all columns}),
 * answered as a compact array of {start, end}; then the five boost flags `0-0:94.44.6.1`…`5`.
 * Body `{ from, to }` (ISO). Response `{ boostActive, history: [[start, end] ISO], boost }`.
 *
 * ECS61e gets the paired devices `0-0:94.44.0.21`…`25` (octet-string) and each switch's reported
 * state `0-0:94.44.0.31`…`35` (utf8-string JSON, as the RTDS: `{"outputState": 0|100,
 * "inputState": 0}`). Body `{}`. Response `{ pairedDevices, states }` (states as JSON text).
 *
 * A refusal answers the first get hardware-fault and the rest other-reason.
 */

const get = (classId: number, obis: string): SpecShape => ({ type: 'get', classId, obis: obis as ObisCode, id: 2 });
const FIVE = [1, 2, 3, 4, 5];
const BOOST_ACTIVE = get(1, '0-0:94.44.7.255');
const BOOST_FLAGS = FIVE.map((n) => get(1, `0-0:94.44.6.${n}`));
const HISTORY_OBIS: ObisCode = '0-0:99.98.20.255';
const RESTRICTING: DlmsData = {
  type: 'structure',
  items: [
    { type: 'long-unsigned', value: 1 },
    { type: 'octet-string', bytes: new Uint8Array([0, 0, 94, 44, 100, 255]) },
    { type: 'integer', value: 2 },
    { type: 'long-unsigned', value: 0 },
  ],
};

function refusal(count: number) {
  return Array.from({ length: count }, (_, i) => ({
    data: NULL_DATA,
    spec: { type: 'get' as const, result: i === 0 ? HARDWARE_FAULT : OTHER_REASON },
  }));
}

function sameGet(spec: AccessRequestSpec | undefined, shape: SpecShape): boolean {
  return (
    spec?.type === 'get' &&
    spec.attribute.classId === shape.classId &&
    spec.attribute.instance === shape.obis &&
    spec.attribute.attributeId === shape.id
  );
}

function list(b: PayloadMap, key: string): readonly PlainValue[] {
  const value = b[key];
  return Array.isArray(value) ? (value as readonly PlainValue[]) : [];
}

const ECS61C: UseCaseCodec = {
  useCase: 'ECS61c',
  messageCode: 0x005e,
  variant: '7.11',
  device: 'ESME',
  encodeCommand: (body, ctx) => {
    const b = bodyMap(body);
    const [from, to] = (['from', 'to'] as const).map((key) => {
      const ms = typeof b[key] === 'string' ? Date.parse(b[key]) : key === 'from' ? ctx.now - 7 * 86_400_000 : ctx.now;
      if (!Number.isFinite(ms)) fail('ECS61c', key, 'must be an ISO time');
      return zclSeconds(ms);
    });
    const payload = dlmsRequest(
      ctx,
      [BOOST_ACTIVE, ...BOOST_FLAGS],
      Array.from({ length: 6 }, () => NULL_DATA),
    );
    if (payload.kind !== 'dlms' || payload.apdu.type !== 'access-request') return payload;
    const history: AccessRequestSpec = {
      type: 'get-with-selection',
      attribute: { classId: 7, instance: HISTORY_OBIS, attributeId: 2 },
      selector: 1,
      parameters: {
        type: 'structure',
        items: [
          RESTRICTING,
          { type: 'double-long-unsigned', value: from ?? 0 },
          { type: 'double-long-unsigned', value: to ?? 0 },
          { type: 'array', items: [] },
        ],
      },
    };
    const [active, ...flags] = payload.apdu.specs;
    return {
      kind: 'dlms',
      apdu: {
        ...payload.apdu,
        specs: [active as AccessRequestSpec, history, ...flags],
        data: Array.from({ length: 7 }, () => NULL_DATA),
      },
    };
  },
  decodeCommand: (payload) => {
    if (payload.kind !== 'dlms' || payload.apdu.type !== 'access-request')
      fail('ECS61c', 'apdu', 'must be a DLMS access-request');
    const { specs, data } = payload.apdu;
    if (specs.length !== 7 || data.length !== 7) fail('ECS61c', 'specs', 'must be 7 items');
    if (!sameGet(specs[0], BOOST_ACTIVE)) fail('ECS61c', 'specs[0]', 'must get 0-0:94.44.7.255');
    BOOST_FLAGS.forEach((shape, i) => {
      if (!sameGet(specs[2 + i], shape)) fail('ECS61c', `specs[${2 + i}]`, `must get ${shape.obis}`);
    });
    const history = specs[1];
    if (history?.type !== 'get-with-selection' || history.attribute.instance !== HISTORY_OBIS || history.selector !== 1)
      fail('ECS61c', 'specs[1]', 'must read 0-0:99.98.20.255 by range');
    const params = history.parameters;
    const from = params.type === 'structure' ? params.items[1] : undefined;
    const to = params.type === 'structure' ? params.items[2] : undefined;
    if (from?.type !== 'double-long-unsigned' || to?.type !== 'double-long-unsigned')
      fail('ECS61c', 'range', 'must be {restricting object, from, to, columns}');
    return {
      from: new Date(fromZclSeconds(from.value)).toISOString(),
      to: new Date(fromZclSeconds(to.value)).toISOString(),
    };
  },
  encodeResponse: (result, ctx) => {
    if (result.status !== 'OK') return dlmsResponse(ctx, refusal(7));
    const b = bodyMap(result.payload);
    const history = list(b, 'history').map((entry): DlmsData => {
      const [start, end] = Array.isArray(entry) ? (entry as readonly PlainValue[]) : [];
      return {
        type: 'structure',
        items: [start, end].map((t) => ({
          type: 'double-long-unsigned',
          value: zclSeconds(typeof t === 'string' ? Date.parse(t) : 0),
        })),
      };
    });
    const boost = list(b, 'boost');
    const data: DlmsData[] = [
      { type: 'boolean', value: b.boostActive === true },
      {
        type: 'compact-array',
        description: {
          type: 'structure',
          members: [
            { type: 'simple', dataType: 'double-long-unsigned' },
            { type: 'simple', dataType: 'double-long-unsigned' },
          ],
        },
        items: history,
      },
      ...FIVE.map((_, i): DlmsData => ({ type: 'boolean', value: boost[i] === true })),
    ];
    return dlmsResponse(
      ctx,
      data.map((d) => ({ data: d, spec: { type: 'get', result: 0 } })),
    );
  },
  decodeResponse: (payload) => {
    const response = readDlmsResponse('ECS61c', payload, ['get', 'get', 'get', 'get', 'get', 'get', 'get']);
    const failed = response.specs.find((s) => s.result !== 0);
    if (failed)
      return outcome(failed.result === HARDWARE_FAULT ? 'INVALID_STATE' : 'BAD_PAYLOAD', { result: failed.result });
    const [active, history, ...flags] = response.data;
    if (active?.type !== 'boolean') fail('ECS61c', 'boostActive', 'must be a boolean');
    if (history?.type !== 'compact-array' && history?.type !== 'array') fail('ECS61c', 'history', 'must be an array');
    const entries = history.items.map((item, i) => {
      const [s, e] = item.type === 'structure' ? item.items : [];
      if (s?.type !== 'double-long-unsigned' || e?.type !== 'double-long-unsigned')
        fail('ECS61c', `history[${i}]`, 'must be {start, end}');
      return [new Date(fromZclSeconds(s.value)).toISOString(), new Date(fromZclSeconds(e.value)).toISOString()];
    });
    const boost = flags.map((f, i) => {
      if (f.type !== 'boolean') fail('ECS61c', `boost[${i}]`, 'must be a boolean');
      return f.value;
    });
    return outcome('OK', { boostActive: active.value, history: entries, boost });
  },
};

const PAIRED = FIVE.map((n) => get(1, `0-0:94.44.0.${20 + n}`));
const STATES = FIVE.map((n) => get(1, `0-0:94.44.0.${30 + n}`));

const ECS61E: UseCaseCodec = {
  useCase: 'ECS61e',
  messageCode: 0x011d,
  variant: '7.15',
  device: 'ESME',
  encodeCommand: (body, ctx) => {
    bodyMap(body);
    return dlmsRequest(
      ctx,
      [...PAIRED, ...STATES],
      Array.from({ length: 10 }, () => NULL_DATA),
    );
  },
  decodeCommand: (payload) => {
    if (payload.kind !== 'dlms' || payload.apdu.type !== 'access-request')
      fail('ECS61e', 'apdu', 'must be a DLMS access-request');
    const { specs, data } = payload.apdu;
    const shapes = [...PAIRED, ...STATES];
    if (specs.length !== 10 || data.length !== 10) fail('ECS61e', 'specs', 'must be 10 gets');
    shapes.forEach((shape, i) => {
      if (!sameGet(specs[i], shape)) fail('ECS61e', `specs[${i}]`, `must get ${shape.obis}`);
      if (data[i]?.type !== 'null-data') fail('ECS61e', `data[${i}]`, 'must be null-data');
    });
    return {};
  },
  encodeResponse: (result, ctx) => {
    if (result.status !== 'OK') return dlmsResponse(ctx, refusal(10));
    const b = bodyMap(result.payload);
    const paired = list(b, 'pairedDevices');
    const loads = list(b, 'loads');
    const data: DlmsData[] = [
      ...FIVE.map((_, i): DlmsData => {
        const eui = paired[i];
        return { type: 'octet-string', bytes: typeof eui === 'string' ? euiToBytes(parseEui(eui)) : new Uint8Array(8) };
      }),
      ...FIVE.map((_, i): DlmsData => ({
        type: 'utf8-string',
        value: `{"outputState": ${loads[i] === true ? 100 : 0}, "inputState": 0}`,
      })),
    ];
    return dlmsResponse(
      ctx,
      data.map((d) => ({ data: d, spec: { type: 'get', result: 0 } })),
    );
  },
  decodeResponse: (payload) => {
    const response = readDlmsResponse(
      'ECS61e',
      payload,
      Array.from({ length: 10 }, () => 'get' as const),
    );
    const failed = response.specs.find((s) => s.result !== 0);
    if (failed)
      return outcome(failed.result === HARDWARE_FAULT ? 'INVALID_STATE' : 'BAD_PAYLOAD', { result: failed.result });
    const pairedDevices = response.data.slice(0, 5).map((d, i) => {
      if (d.type !== 'octet-string') fail('ECS61e', `pairedDevices[${i}]`, 'must be an octet-string');
      return d.bytes.length === 8 && !d.bytes.every((x) => x === 0) ? formatEuiBytes(d.bytes) : null;
    });
    const states = response.data.slice(5).map((d, i) => {
      if (d.type !== 'utf8-string') fail('ECS61e', `states[${i}]`, 'must be a utf8-string');
      return d.value;
    });
    return outcome('OK', { pairedDevices, states });
  },
};

export const AUXILIARY_LOAD_LOG_USE_CASES: readonly UseCaseCodec[] = [ECS61C, ECS61E];
