import type { ServiceReferenceVariant } from '../../../catalogue.js';
import type { PlainValue } from '../../../cbor.js';
import type { ObisCode } from '../../dlms/index.js';
import type { UseCaseCodec } from '../use-case-codec.js';
import {
  bodyMap,
  dlmsNumber,
  dlmsRefusal,
  dlmsRequest,
  dlmsResponse,
  dlmsStatus,
  fail,
  firstFailure,
  HARDWARE_FAULT,
  NULL_DATA,
  outcome,
  readDlmsRequest,
  readDlmsResponse,
  zclSeconds,
  type SpecShape,
} from './kit.js';
import {
  clusterFields,
  defaultResponse,
  fieldNumber,
  gbz,
  header,
  METERING_CLUSTER,
  oneComponent,
  zclRefusal,
  zclStatus,
} from './zcl-kit.js';

/**
 * SRs 7.1-7.4 (FACTS: supply switch and valve). The ESME runs one of the supply-control scripts of
 * the script table `0-0:10.0.106.255` (ECS42 enable 51, ECS43 disable 52, ECS44 arm 54) and reads
 * the disconnect control's `control_state` (ECS45, class 70 `0-0:96.3.10.255` #3: 0 disconnected,
 * 1 connected, 2 ready for reconnection). The GSME takes the Metering cluster's Change Supply
 * (GCS32 off, GCS39 armed) and answers Supply Status Response; GCS33 reads Remaining Battery Life
 * in Days (0x0205) and Supply Status (0x0014: 0 off, 1 armed, 2 on).
 *
 * Bodies: the handlers read none today, so the ESME commands decode to `{}`; the GSME's to
 * `{ issuerEventId }` (the ZSE event id, which the response repeats). Responses: `{ supply }`
 * (Enabled / Disabled / Armed), as scenarios read it; a script run's response carries no state,
 * so its success is read as the state the SR means. GCS33 adds `batteryDays`.
 */

type Supply = 'Enabled' | 'Disabled' | 'Armed';

const SCRIPT_TABLE: ObisCode = '0-0:10.0.106.255';
const EXECUTE: SpecShape = { type: 'action', classId: 9, obis: SCRIPT_TABLE, id: 1 };

function esmeScript(
  useCase: string,
  messageCode: number,
  variant: ServiceReferenceVariant,
  script: number,
  supply: Supply,
): UseCaseCodec {
  return {
    useCase,
    messageCode,
    variant,
    device: 'ESME',
    encodeCommand: (body, ctx) => {
      bodyMap(body);
      return dlmsRequest(ctx, [EXECUTE], [{ type: 'long-unsigned', value: script }]);
    },
    decodeCommand: (payload) => {
      const [id] = readDlmsRequest(useCase, payload, [EXECUTE]);
      if (dlmsNumber(useCase, id, 'long-unsigned', 'script') !== script) fail(useCase, 'script', `must be ${script}`);
      return {};
    },
    // The RTDS ERROR variant answers hardware-fault: the switch did not move (INVALID_STATE here).
    encodeResponse: (outcome, ctx) =>
      dlmsResponse(ctx, [
        { data: NULL_DATA, spec: { type: 'action', result: dlmsRefusal(outcome.status, HARDWARE_FAULT) } },
      ]),
    decodeResponse: (payload) => {
      const result = firstFailure(readDlmsResponse(useCase, payload, ['action']));
      const status = dlmsStatus(result, HARDWARE_FAULT);
      return outcome(status, status === 'OK' ? { supply } : { result });
    },
  };
}

const CONTROL_STATE: SpecShape = { type: 'get', classId: 70, obis: '0-0:96.3.10.255', id: 3 };
const DLMS_SUPPLY: readonly Supply[] = ['Disabled', 'Enabled', 'Armed'];

function supplyOf(value: PlainValue, field: string, useCase: string): Supply {
  if (value !== 'Enabled' && value !== 'Disabled' && value !== 'Armed')
    fail(useCase, field, 'must be Enabled, Disabled or Armed');
  return value;
}

const ECS45: UseCaseCodec = {
  useCase: 'ECS45',
  messageCode: 0x0052,
  variant: '7.4',
  device: 'ESME',
  encodeCommand: (body, ctx) => {
    bodyMap(body);
    return dlmsRequest(ctx, [CONTROL_STATE], [NULL_DATA]);
  },
  decodeCommand: (payload) => {
    const [data] = readDlmsRequest('ECS45', payload, [CONTROL_STATE]);
    if (data?.type !== 'null-data') fail('ECS45', 'data[0]', 'must be null-data');
    return {};
  },
  encodeResponse: (outcome, ctx) => {
    if (outcome.status !== 'OK')
      return dlmsResponse(ctx, [
        { data: NULL_DATA, spec: { type: 'get', result: dlmsRefusal(outcome.status, HARDWARE_FAULT) } },
      ]);
    const supply = supplyOf(bodyMap(outcome.payload).supply ?? null, 'supply', 'ECS45');
    return dlmsResponse(ctx, [
      { data: { type: 'enum', value: DLMS_SUPPLY.indexOf(supply) }, spec: { type: 'get', result: 0 } },
    ]);
  },
  decodeResponse: (payload) => {
    const response = readDlmsResponse('ECS45', payload, ['get']);
    const result = firstFailure(response);
    if (result !== 0) return outcome(dlmsStatus(result, HARDWARE_FAULT), { result });
    const supply = DLMS_SUPPLY[dlmsNumber('ECS45', response.data[0], 'enum', 'control_state')];
    if (!supply) fail('ECS45', 'control_state', 'must be 0, 1 or 2');
    return outcome('OK', { supply });
  },
};

// ---- GSME ---------------------------------------------------------------------------------------

const CHANGE_SUPPLY = 0x0b;
const SUPPLY_STATUS_RESPONSE = 0x0c;
/** ZSE Supply Status / Proposed Supply Status: 0 off, 1 off-armed, 2 on. */
const ZCL_SUPPLY: readonly Supply[] = ['Disabled', 'Armed', 'Enabled'];
/** Supply Control Bits bit 0: the meter acknowledges the change (every RTDS command sets it). */
const ACKNOWLEDGE = 0x01;

function gsmeChangeSupply(
  useCase: string,
  messageCode: number,
  variant: ServiceReferenceVariant,
  supply: Supply,
): UseCaseCodec {
  const proposed = ZCL_SUPPLY.indexOf(supply);
  return {
    useCase,
    messageCode,
    variant,
    device: 'GSME',
    encodeCommand: (body, ctx) => {
      const b = bodyMap(body);
      const event = typeof b.issuerEventId === 'number' ? b.issuerEventId : zclSeconds(ctx.now);
      return gbz(METERING_CLUSTER, header('cluster', 'clientToServer', CHANGE_SUPPLY), {
        kind: 'clusterCommand',
        name: 'Change Supply',
        fields: [
          { name: 'Provider Id', type: 'uint32', value: 0 },
          { name: 'Issuer Event Id', type: 'uint32', value: event },
          { name: 'Request Date Time', type: 'utcTime', value: 0 },
          { name: 'Implementation Date Time', type: 'utcTime', value: 0 },
          { name: 'Proposed Supply Status', type: 'enum8', value: proposed },
          { name: 'Supply Control Bits', type: 'bitmap8', value: ACKNOWLEDGE },
        ],
      });
    },
    decodeCommand: (payload) => {
      const component = oneComponent(useCase, payload, METERING_CLUSTER);
      if (component.header.frameType !== 'cluster' || component.header.commandId !== CHANGE_SUPPLY)
        fail(useCase, 'commandId', 'must be Change Supply (0x0B)');
      const fields = clusterFields(useCase, component.payload, 'Change Supply');
      if (fieldNumber(useCase, fields, 'Proposed Supply Status') !== proposed)
        fail(useCase, 'Proposed Supply Status', `must be ${proposed}`);
      return { issuerEventId: fieldNumber(useCase, fields, 'Issuer Event Id') };
    },
    encodeResponse: (outcome, ctx) => {
      if (outcome.status !== 'OK') return defaultResponse(METERING_CLUSTER, CHANGE_SUPPLY, zclRefusal(outcome.status));
      const event = eventIdOf(ctx.command);
      const now = supplyOf(bodyMap(outcome.payload).supply ?? null, 'supply', useCase);
      return gbz(METERING_CLUSTER, header('cluster', 'serverToClient', SUPPLY_STATUS_RESPONSE), {
        kind: 'clusterCommand',
        name: 'Supply Status Response',
        fields: [
          { name: 'Provider Id', type: 'uint32', value: 0 },
          { name: 'Issuer Event Id', type: 'uint32', value: event },
          { name: 'Implementation Date Time', type: 'utcTime', value: 0 },
          { name: 'Supply Status', type: 'enum8', value: ZCL_SUPPLY.indexOf(now) },
        ],
      });
    },
    decodeResponse: (payload) => {
      const component = oneComponent(useCase, payload, METERING_CLUSTER);
      if (component.payload.kind === 'defaultResponse') {
        const code = component.payload.status;
        return outcome(code === 0 ? 'BAD_PAYLOAD' : zclStatus(code), { result: code });
      }
      const fields = clusterFields(useCase, component.payload, 'Supply Status Response');
      const now = ZCL_SUPPLY[fieldNumber(useCase, fields, 'Supply Status')];
      if (!now) fail(useCase, 'Supply Status', 'must be 0, 1 or 2');
      return outcome('OK', { supply: now, issuerEventId: fieldNumber(useCase, fields, 'Issuer Event Id') });
    },
  };
}

/** The Issuer Event Id of the Change Supply answered (0 when the command is not one). */
function eventIdOf(command: Parameters<UseCaseCodec['decodeCommand']>[0]): number {
  if (command.kind !== 'gbz' || command.gbz.form !== 'frame') return 0;
  const payload = command.gbz.components[0]?.payload;
  if (payload?.kind !== 'clusterCommand') return 0;
  const field = payload.fields.find((f) => f.name === 'Issuer Event Id');
  return typeof field?.value === 'number' ? field.value : 0;
}

const BATTERY_DAYS = 0x0205;
const SUPPLY_STATUS = 0x0014;

const GCS33: UseCaseCodec = {
  useCase: 'GCS33',
  messageCode: 0x0082,
  variant: '7.4',
  device: 'GSME',
  encodeCommand: (body) => {
    bodyMap(body);
    return gbz(METERING_CLUSTER, header('global', 'clientToServer', 0x00), {
      kind: 'readAttributes',
      attributeIds: [BATTERY_DAYS, SUPPLY_STATUS],
    });
  },
  decodeCommand: (payload) => {
    const component = oneComponent('GCS33', payload, METERING_CLUSTER);
    const read = component.payload;
    if (read.kind !== 'readAttributes' || read.attributeIds.join() !== `${BATTERY_DAYS},${SUPPLY_STATUS}`)
      fail('GCS33', 'attributeIds', 'must be Read Attributes 0x0205, 0x0014');
    return {};
  },
  encodeResponse: (outcome) => {
    const b = bodyMap(outcome.payload);
    const days = typeof b.batteryDays === 'number' ? Math.max(0, Math.min(0xfffe, Math.round(b.batteryDays))) : 0xffff;
    const ok = outcome.status === 'OK';
    return gbz(METERING_CLUSTER, header('global', 'serverToClient', 0x01), {
      kind: 'readAttributesResponse',
      records: [
        { attributeId: BATTERY_DAYS, status: 0, value: { type: 'uint16', value: days } },
        ok
          ? {
              attributeId: SUPPLY_STATUS,
              status: 0,
              value: { type: 'enum8', value: ZCL_SUPPLY.indexOf(supplyOf(b.supply ?? null, 'supply', 'GCS33')) },
            }
          : { attributeId: SUPPLY_STATUS, status: zclRefusal(outcome.status) },
      ],
    });
  },
  decodeResponse: (payload) => {
    const component = oneComponent('GCS33', payload, METERING_CLUSTER);
    const read = component.payload;
    if (read.kind !== 'readAttributesResponse' || read.records.length !== 2)
      fail('GCS33', 'records', 'must be a Read Attributes Response of 2 records');
    const [battery, status] = read.records;
    if (!battery || !status || battery.attributeId !== BATTERY_DAYS || status.attributeId !== SUPPLY_STATUS)
      fail('GCS33', 'records', 'must be 0x0205 then 0x0014');
    const batteryDays = 'value' in battery && typeof battery.value.value === 'number' ? battery.value.value : null;
    if (!('value' in status)) return outcome(zclStatus(status.status), { result: status.status, batteryDays });
    const supply = typeof status.value.value === 'number' ? ZCL_SUPPLY[status.value.value] : undefined;
    if (!supply) fail('GCS33', 'Supply Status', 'must be 0, 1 or 2');
    return outcome('OK', { supply, batteryDays });
  },
};

export const SUPPLY_USE_CASES: readonly UseCaseCodec[] = [
  esmeScript('ECS42', 0x004f, '7.1', 51, 'Enabled'),
  esmeScript('ECS43', 0x0050, '7.2', 52, 'Disabled'),
  esmeScript('ECS44', 0x0051, '7.3', 54, 'Armed'),
  ECS45,
  gsmeChangeSupply('GCS32', 0x0081, '7.2', 'Disabled'),
  gsmeChangeSupply('GCS39', 0x0085, '7.3', 'Armed'),
  GCS33,
];
