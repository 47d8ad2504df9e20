import type { DeviceStatus } from '../../../device-status.js';
import type { GbcsPayload } from '../../payload.js';
import { commandSchema, GLOBAL_COMMANDS, ZCL_TYPES, type GbzComponent, type ZclField } from '../../zcl/index.js';
import { UseCaseError, type Outcome } from '../use-case-codec.js';

/**
 * The GBZ side of the 1.x/2.x/3.x/9.x/14.x use cases (GBCS-FACTS §9): cluster commands built and
 * read by their field names from the schema table (`zcl/cluster-commands.ts`), and the ZCL Default
 * Response most GSME use cases answer with.
 */
export type Direction = 'clientToServer' | 'serverToClient';
export type FieldValue = number | bigint | Uint8Array | null;
export type FieldValues = Readonly<Record<string, FieldValue>>;

const TYPE_FORM = new Map<string, string>(Object.values(ZCL_TYPES).map((t) => [t.name, t.form]));

function fieldsOf(specs: readonly (readonly [string, string])[], values: FieldValues, what: string): ZclField[] {
  return specs.map(([name, type]) => {
    const value = values[name];
    const form = TYPE_FORM.get(type);
    const fits =
      form === 'uint' || form === 'int'
        ? typeof value === 'number'
        : form === 'biguint' || form === 'bigint'
          ? typeof value === 'bigint'
          : form === 'bytes'
            ? value instanceof Uint8Array
            : value === null || value instanceof Uint8Array;
    if (!fits) throw new UseCaseError(`${what}: field ${name} (${type}) has no value`, name);
    // The value's form was checked against the type's form just above.
    return { name, type, value } as ZclField;
  });
}

export interface CommandRef {
  readonly clusterId: number;
  readonly direction: Direction;
  readonly commandId: number;
}

/** A cluster-specific command as a GBZ component; `records` for the schema's repeated part. */
export function zclCommand(
  ref: CommandRef,
  values: FieldValues,
  records?: readonly FieldValues[],
  fromDateTime?: number,
): GbzComponent {
  const schema = commandSchema(ref.clusterId, ref.direction, ref.commandId);
  if (!schema) throw new RangeError(`no schema for cluster ${ref.clusterId} command ${ref.commandId}`);
  return {
    encrypted: false,
    clusterId: ref.clusterId,
    ...(fromDateTime === undefined ? {} : { fromDateTime }),
    header: {
      frameType: 'cluster',
      direction: ref.direction,
      disableDefaultResponse: false,
      sequence: 0,
      commandId: ref.commandId,
    },
    payload: {
      kind: 'clusterCommand',
      name: schema.name,
      fields: fieldsOf(schema.fields, values, schema.name),
      ...(records && schema.records
        ? { records: records.map((r) => fieldsOf(schema.records?.fields ?? [], r, schema.name)) }
        : {}),
    },
  };
}

export function gbzFrame(components: readonly GbzComponent[]): GbcsPayload {
  return { kind: 'gbz', gbz: { form: 'frame', components } };
}

/** The components of a GBZ frame, `count` of them. */
export function gbzComponents(payload: GbcsPayload, useCase: string, count?: number): readonly GbzComponent[] {
  if (payload.kind !== 'gbz' || payload.gbz.form !== 'frame')
    throw new UseCaseError(`${useCase}: the payload must be a GBZ frame`, 'gbz');
  const { components } = payload.gbz;
  if (count !== undefined && components.length !== count)
    throw new UseCaseError(`${useCase}: the frame must have ${count} component(s)`, 'gbz.components');
  return components;
}

export interface ReadCommand {
  readonly fields: ReadonlyMap<string, FieldValue>;
  readonly records: readonly ReadonlyMap<string, FieldValue>[];
  readonly fromDateTime: number | undefined;
}

/** A component that must be the named cluster command; its fields by name. */
export function readCommand(component: GbzComponent | undefined, ref: CommandRef, useCase: string): ReadCommand {
  const schema = commandSchema(ref.clusterId, ref.direction, ref.commandId);
  const name = schema?.name ?? `command ${ref.commandId}`;
  if (
    !component ||
    component.encrypted ||
    component.clusterId !== ref.clusterId ||
    component.header.frameType !== 'cluster' ||
    component.header.direction !== ref.direction ||
    component.header.commandId !== ref.commandId ||
    component.payload.kind !== 'clusterCommand' ||
    component.payload.name !== name
  )
    throw new UseCaseError(`${useCase}: expected the ${name} command`, 'gbz.component');
  const map = (fields: readonly ZclField[]) => new Map(fields.map((f) => [f.name, f.value] as const));
  return {
    fields: map(component.payload.fields),
    records: (component.payload.records ?? []).map(map),
    fromDateTime: component.fromDateTime,
  };
}

export function numAt(fields: ReadonlyMap<string, FieldValue>, name: string): number {
  const value = fields.get(name);
  if (typeof value !== 'number') throw new UseCaseError(`${name} must be a number`, name);
  return value;
}

export function bytesAt(fields: ReadonlyMap<string, FieldValue>, name: string): Uint8Array {
  const value = fields.get(name);
  if (!(value instanceof Uint8Array)) throw new UseCaseError(`${name} must be a string of bytes`, name);
  return value;
}

// --- Default Response (ZCL 2.5.12) ----------------------------------------------------------------

/** ZCL status codes this family uses (ZCL 07-5123 table 2-11). */
export const ZCL_STATUS = {
  SUCCESS: 0x00,
  FAILURE: 0x01,
  MALFORMED_COMMAND: 0x80,
  UNSUP_CLUSTER_COMMAND: 0x81,
  HARDWARE_FAILURE: 0xc0,
} as const;

/**
 * Device statuses as ZCL statuses. Every RTDS ERROR variant of this family answers
 * HARDWARE_FAILURE (0xC0), so a use case's own refusal is 0xC0; a bad body is MALFORMED_COMMAND,
 * an unsupported one UNSUP_CLUSTER_COMMAND, anything else FAILURE. Emulator choice, as for DLMS.
 */
export function zclStatus(status: DeviceStatus, refusal: DeviceStatus): number {
  if (status === 'OK') return ZCL_STATUS.SUCCESS;
  if (status === refusal) return ZCL_STATUS.HARDWARE_FAILURE;
  if (status === 'BAD_PAYLOAD') return ZCL_STATUS.MALFORMED_COMMAND;
  if (status === 'NOT_SUPPORTED') return ZCL_STATUS.UNSUP_CLUSTER_COMMAND;
  return ZCL_STATUS.FAILURE;
}

/** The inverse of `zclStatus`; FAILURE reads as INVALID_STATE, unknown codes as BAD_PAYLOAD. */
export function statusOfZcl(code: number, refusal: DeviceStatus): DeviceStatus {
  switch (code) {
    case ZCL_STATUS.SUCCESS:
      return 'OK';
    case ZCL_STATUS.HARDWARE_FAILURE:
      return refusal;
    case ZCL_STATUS.FAILURE:
      return 'INVALID_STATE';
    case ZCL_STATUS.UNSUP_CLUSTER_COMMAND:
      return 'NOT_SUPPORTED';
    default:
      return 'BAD_PAYLOAD';
  }
}

/** The Default Response to a command, sent the other way (§9.2). */
export function defaultResponse(ref: CommandRef, status: number): GbzComponent {
  return {
    encrypted: false,
    clusterId: ref.clusterId,
    header: {
      frameType: 'global',
      direction: ref.direction === 'clientToServer' ? 'serverToClient' : 'clientToServer',
      disableDefaultResponse: false,
      sequence: 0,
      commandId: GLOBAL_COMMANDS.defaultResponse,
    },
    payload: { kind: 'defaultResponse', commandId: ref.commandId, status },
  };
}

/** The status a Default Response to `ref` carries. */
export function readDefaultResponse(component: GbzComponent | undefined, ref: CommandRef, useCase: string): number {
  if (
    !component ||
    component.encrypted ||
    component.clusterId !== ref.clusterId ||
    component.payload.kind !== 'defaultResponse' ||
    component.payload.commandId !== ref.commandId
  )
    throw new UseCaseError(`${useCase}: expected the Default Response to command ${ref.commandId}`, 'gbz.component');
  return component.payload.status;
}

/** The outcome a list of Default Responses tells: OK when all succeeded, else the first failure. */
export function outcomeOfStatuses(statuses: readonly number[], refusal: DeviceStatus): Outcome {
  const failed = statuses.find((s) => s !== ZCL_STATUS.SUCCESS);
  return failed === undefined
    ? { status: 'OK', payload: {} }
    : { status: statusOfZcl(failed, refusal), payload: { zclStatus: failed } };
}

/** ZCL UTCTime: seconds since 2000-01-01T00:00Z; 0 means now (§9.1, ZSE). */
export const ZCL_EPOCH_MS = Date.UTC(2000, 0, 1);

export function zclTime(ms: number | undefined): number {
  return ms === undefined ? 0 : Math.max(0, Math.floor((ms - ZCL_EPOCH_MS) / 1000));
}
