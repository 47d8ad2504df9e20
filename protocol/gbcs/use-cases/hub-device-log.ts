import type { PlainValue } from '../../plain-value.js';
import { formatEuiBytes, euiToBytes, parseEui, type Eui64 } from '../../eui.js';
import { isDeviceType, type DeviceType } from '../../device-type.js';
import { gbcsInvokeId } from '../dlms/alert.js';
import type { AccessRequestSpec, AccessResponseSpec, DlmsData } from '../dlms/types.js';
import type { GbcsPayload } from '../payload.js';
import { UseCaseError, type Outcome, type UseCaseCodec } from './use-case-codec.js';

/**
 * SRs 8.9, 8.11 and 8.12.1: the CHF device log (CCS01 to CCS07), all on the CHF's ZigBee network
 * control object, class 104 (0x68), OBIS 0-0:30.3.0.255 (RTDS `8.11_CCS01` … `8.9_CCS07`):
 * - CCS01 (8.11 add): action 1 with {EUI, enum, install code (16), enum}, then set attribute 3
 *   (long-unsigned, 90 in RTDS) and attribute 2 (boolean true).
 * - CCS02 (8.11 remove): action 2 with the EUI.
 * - CCS03 (8.12.1 restore the log: action 5) has no codec yet: no handler executes 8.12.1.
 * - CCS04/CCS06/CCS07 (8.9 read): get attribute 4, answered with an array of 14-item entries.
 *
 * Body shapes are the handler's (hub/device-log.ts): 8.11 `{add: [{device, type}], remove: [device]}`;
 * the 8.9 answer `{deviceLog: [{device}]}`. Emulator choices, not RTDS facts: an 8.11 body that adds
 * several devices repeats CCS01's action once per device; the add structure's second item (enum 01
 * for the RTDS ESME) carries the device type by DEVICE_TYPE_CODE; the install code is not modelled
 * (16 zero bytes); the 14-item read entry's fields after the EUI (link quality, times …) are filled
 * with the RTDS values, since the emulated HAN has no radio.
 */
const NETWORK_CONTROL = { classId: 0x68, instance: '0-0:30.3.0.255' } as const;
const DEVICE_TYPE_CODE: Readonly<Record<string, number>> = { ESME: 1, GSME: 2, GPF: 3, IHD: 4, PPMID: 5, HCALCS: 6 };
const ADD_METHOD = 1;
const REMOVE_METHOD = 2;
/** The wire layer sets the invoke-id from the grouping-header counter (GBCS-FACTS §8.1): a codec does not know it. */
const PLACEHOLDER_COUNTER = 0n;
const LOG_ATTRIBUTE = 4;

const action = (methodId: number): AccessRequestSpec => ({ type: 'action', method: { ...NETWORK_CONTROL, methodId } });
const set = (attributeId: number): AccessRequestSpec => ({
  type: 'set',
  attribute: { ...NETWORK_CONTROL, attributeId },
});

function request(specs: readonly AccessRequestSpec[], data: readonly DlmsData[], counter: bigint): GbcsPayload {
  return {
    kind: 'dlms',
    apdu: { type: 'access-request', invokeId: gbcsInvokeId(counter), dateTime: null, specs, data },
  };
}

function octets(bytes: Uint8Array): DlmsData {
  return { type: 'octet-string', bytes };
}

function accessRequest(payload: GbcsPayload, useCase: string) {
  if (payload.kind !== 'dlms' || payload.apdu.type !== 'access-request')
    throw new UseCaseError(`${useCase} is a DLMS access-request`, 'content');
  return payload.apdu;
}

function isNetworkControl(spec: AccessRequestSpec | undefined, type: AccessRequestSpec['type'], id: number): boolean {
  if (!spec || spec.type !== type) return false;
  const target = spec.type === 'action' ? spec.method : spec.attribute;
  const targetId = spec.type === 'action' ? spec.method.methodId : spec.attribute.attributeId;
  return target.classId === NETWORK_CONTROL.classId && target.instance === NETWORK_CONTROL.instance && targetId === id;
}

function euiOf(data: DlmsData | undefined, field: string): Eui64 {
  if (data?.type !== 'octet-string' || data.bytes.length !== 8)
    throw new UseCaseError(`${field} must be an 8-byte EUI`, field);
  return formatEuiBytes(data.bytes);
}

function bodyList(body: PlainValue, key: string): readonly PlainValue[] {
  const value =
    body !== null && typeof body === 'object' && !Array.isArray(body) && !(body instanceof Uint8Array)
      ? (body as Record<string, PlainValue>)[key]
      : undefined;
  return Array.isArray(value) ? (value as readonly PlainValue[]) : [];
}

function bodyEui(value: PlainValue | undefined, field: string): Eui64 {
  if (typeof value !== 'string') throw new UseCaseError(`${field} must be an EUI-64`, field);
  try {
    return parseEui(value, field);
  } catch {
    throw new UseCaseError(`${field} must be an EUI-64`, field);
  }
}

/** The result list of a response: success for every spec when OK, else other-reason (250) on the first (GBCS-FACTS §8.3). */
function results(specs: readonly AccessRequestSpec[], ok: boolean): AccessResponseSpec[] {
  return specs.map((s, i) => ({
    type: s.type === 'action' ? 'action' : s.type === 'set' ? 'set' : 'get',
    result: ok || i > 0 ? 0 : 250,
  }));
}

function response(
  command: GbcsPayload,
  outcome: Outcome,
  data: (specs: readonly AccessRequestSpec[]) => DlmsData[],
): GbcsPayload {
  const apdu = accessRequest(command, 'the command');
  const ok = outcome.status === 'OK';
  return {
    kind: 'dlms',
    apdu: {
      type: 'access-response',
      invokeId: apdu.invokeId,
      dateTime: null,
      requestSpecs: null,
      data: ok ? data(apdu.specs) : apdu.specs.map(() => ({ type: 'null-data' })),
      specs: results(apdu.specs, ok),
    },
  };
}

/** OK when every result is success (0); otherwise BAD_PAYLOAD, since a DLMS result does not tell the device's reasons apart. */
function outcomeOf(payload: GbcsPayload, read: (data: readonly DlmsData[]) => PlainValue): Outcome {
  if (payload.kind !== 'dlms' || payload.apdu.type !== 'access-response')
    throw new UseCaseError('the response is a DLMS access-response', 'content');
  const ok = payload.apdu.specs.length > 0 && payload.apdu.specs.every((s) => s.result === 0);
  return ok ? { status: 'OK', payload: read(payload.apdu.data) } : { status: 'BAD_PAYLOAD', payload: {} };
}

const nulls = (specs: readonly AccessRequestSpec[]): DlmsData[] => specs.map(() => ({ type: 'null-data' }));

const CCS01: UseCaseCodec = {
  useCase: 'CCS01',
  messageCode: 0x0001,
  variant: '8.11',
  device: 'CHF',
  selects: (body) => bodyList(body, 'add').length > 0,
  encodeCommand(body) {
    const adds = bodyList(body, 'add').map((entry, i) => {
      const map = (entry ?? {}) as Record<string, PlainValue>;
      const type = map.type;
      if (!isDeviceType(type) || DEVICE_TYPE_CODE[type] === undefined)
        throw new UseCaseError(`add[${i}].type is not a HAN device type`, `add[${i}].type`);
      return { device: bodyEui(map.device, `add[${i}].device`), type };
    });
    const specs = [...adds.map(() => action(ADD_METHOD)), set(3), set(2)];
    const data: DlmsData[] = [
      ...adds.map((a): DlmsData => ({
        type: 'structure',
        items: [
          octets(euiToBytes(a.device)),
          { type: 'enum', value: DEVICE_TYPE_CODE[a.type]! },
          octets(new Uint8Array(16)),
          { type: 'enum', value: 0 },
        ],
      })),
      { type: 'long-unsigned', value: 90 },
      { type: 'boolean', value: true },
    ];
    return request(specs, data, PLACEHOLDER_COUNTER);
  },
  decodeCommand(payload) {
    const apdu = accessRequest(payload, 'CCS01');
    const count = apdu.specs.length - 2;
    if (count < 1 || apdu.data.length !== apdu.specs.length)
      throw new UseCaseError('CCS01 adds at least one device', 'specs');
    const add = apdu.specs.slice(0, count).map((spec, i) => {
      if (!isNetworkControl(spec, 'action', ADD_METHOD))
        throw new UseCaseError(`spec ${i} is not the add-device action`, `specs[${i}]`);
      const entry = apdu.data[i];
      if (entry?.type !== 'structure' || entry.items.length !== 4)
        throw new UseCaseError(`data[${i}] is not an add structure`, `data[${i}]`);
      const code = entry.items[1];
      const type = Object.entries(DEVICE_TYPE_CODE).find(([, v]) => code?.type === 'enum' && v === code.value)?.[0];
      if (!type) throw new UseCaseError(`data[${i}] device type is unknown`, `data[${i}][1]`);
      return { device: euiOf(entry.items[0], `data[${i}][0]`), type: type as DeviceType };
    });
    if (!isNetworkControl(apdu.specs[count], 'set', 3) || !isNetworkControl(apdu.specs[count + 1], 'set', 2))
      throw new UseCaseError('CCS01 ends with the sets of attributes 3 and 2', 'specs');
    return { add };
  },
  encodeResponse: (outcome, ctx) => response(ctx.command, outcome, nulls),
  decodeResponse: (payload) => outcomeOf(payload, () => ({})),
};

const CCS02: UseCaseCodec = {
  useCase: 'CCS02',
  messageCode: 0x0002,
  variant: '8.11',
  device: 'CHF',
  selects: (body) => bodyList(body, 'add').length === 0,
  encodeCommand(body) {
    const remove = bodyList(body, 'remove').map((value, i) => bodyEui(value, `remove[${i}]`));
    if (remove.length === 0) throw new UseCaseError('8.11 removes or adds at least one device', 'remove');
    return request(
      remove.map(() => action(REMOVE_METHOD)),
      remove.map((d) => octets(euiToBytes(d))),
      PLACEHOLDER_COUNTER,
    );
  },
  decodeCommand(payload) {
    const apdu = accessRequest(payload, 'CCS02');
    if (apdu.specs.length === 0 || apdu.data.length !== apdu.specs.length)
      throw new UseCaseError('CCS02 removes at least one device', 'specs');
    const remove = apdu.specs.map((spec, i) => {
      if (!isNetworkControl(spec, 'action', REMOVE_METHOD))
        throw new UseCaseError(`spec ${i} is not the remove-device action`, `specs[${i}]`);
      return euiOf(apdu.data[i], `data[${i}]`);
    });
    return { remove };
  },
  encodeResponse: (outcome, ctx) => response(ctx.command, outcome, nulls),
  decodeResponse: (payload) => outcomeOf(payload, () => ({})),
};

/** One 14-item read entry (RTDS CCS04 response): the EUI, then the RTDS's values for what the emulator does not model. */
function logEntry(device: Eui64): DlmsData {
  const u = (value: number): DlmsData => ({ type: 'unsigned', value });
  const i = (value: number): DlmsData => ({ type: 'integer', value });
  return {
    type: 'structure',
    items: [
      octets(euiToBytes(device)),
      { type: 'bit-string', bitLength: 8, bytes: Uint8Array.of(0xc8) },
      i(-35),
      i(-50),
      i(-100),
      u(2),
      u(39),
      u(247),
      octets(Uint8Array.of(0x07, 0xde, 0x0c, 0x1f, 0x03, 0x17, 0x32, 0, 0, 0x80, 0, 0xff)),
      u(1),
      u(0),
      u(100),
      u(1),
      u(1),
    ],
  };
}

function logOf(outcome: Outcome): readonly Eui64[] {
  const log = (outcome.payload as Record<string, PlainValue> | null)?.deviceLog;
  if (!Array.isArray(log)) return [];
  return (log as readonly PlainValue[]).map((e, n) =>
    bodyEui((e as Record<string, PlainValue> | null)?.device, `deviceLog[${n}].device`),
  );
}

function readLog(data: readonly DlmsData[]): PlainValue {
  const list = data[0];
  if (list?.type !== 'array') throw new UseCaseError('the device log is an array', 'data[0]');
  return {
    deviceLog: list.items.map((entry, n) => {
      if (entry.type !== 'structure' || entry.items.length !== 14)
        throw new UseCaseError(`entry ${n} has 14 items`, `data[0][${n}]`);
      return { device: euiOf(entry.items[0], `data[0][${n}][0]`) };
    }),
  };
}

function readCodec(useCase: string, messageCode: number, selects?: (body: PlainValue) => boolean): UseCaseCodec {
  return {
    useCase,
    messageCode,
    variant: '8.9',
    device: 'CHF',
    ...(selects ? { selects } : {}),
    encodeCommand: () =>
      request(
        [{ type: 'get', attribute: { ...NETWORK_CONTROL, attributeId: LOG_ATTRIBUTE } }],
        [{ type: 'null-data' }],
        PLACEHOLDER_COUNTER,
      ),
    decodeCommand(payload) {
      const apdu = accessRequest(payload, useCase);
      if (apdu.specs.length !== 1 || !isNetworkControl(apdu.specs[0], 'get', LOG_ATTRIBUTE))
        throw new UseCaseError(`${useCase} reads attribute 4 of the network control object`, 'specs');
      return {};
    },
    encodeResponse: (outcome, ctx) =>
      response(ctx.command, outcome, () => [{ type: 'array', items: logOf(outcome).map(logEntry) }]),
    decodeResponse: (payload) => outcomeOf(payload, readLog),
  };
}

/**
 * The read comes as CCS04 for the supplier (the RTDS folder `8.9_CCS05CCS04`), CCS06 and CCS07 for
 * other roles; the same bytes, a different message code. The head-end builds CCS04.
 */
export const HUB_DEVICE_LOG: readonly UseCaseCodec[] = [
  CCS01,
  CCS02,
  readCodec('CCS04', 0x0004),
  readCodec('CCS06', 0x010f, () => false),
  readCodec('CCS07', 0x00fe, () => false),
];
