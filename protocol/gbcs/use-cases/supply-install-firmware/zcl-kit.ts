import type { DeviceStatus } from '../../../device-status.js';
import type { GbcsPayload } from '../../payload.js';
import type { GbzComponent, ZclField, ZclHeader, ZclPayload } from '../../zcl/index.js';
import { fail } from './kit.js';

/** GBZ frames of one unencrypted component, as the GSME use cases of this family send them (GBCS-FACTS §9). */

export const METERING_CLUSTER = 0x0702;

type PlainZcl = Exclude<ZclPayload, { kind: 'encrypted' }>;

export function header(
  frameType: ZclHeader['frameType'],
  direction: ZclHeader['direction'],
  commandId: number,
): ZclHeader {
  return { frameType, direction, disableDefaultResponse: false, sequence: 0, commandId };
}

export function gbz(clusterId: number, head: ZclHeader, payload: PlainZcl): GbcsPayload {
  const component: GbzComponent = { encrypted: false, clusterId, header: head, payload };
  return { kind: 'gbz', gbz: { form: 'frame', components: [component] } };
}

/** The one unencrypted component of a GBZ frame, on this cluster. */
export function oneComponent(
  useCase: string,
  payload: GbcsPayload,
  clusterId: number,
): Extract<GbzComponent, { encrypted: false }> {
  if (payload.kind !== 'gbz' || payload.gbz.form !== 'frame') fail(useCase, 'payload', 'must be a GBZ frame');
  const [component, ...rest] = payload.gbz.components;
  if (!component || rest.length > 0) fail(useCase, 'components', 'must be exactly one');
  if (component.encrypted) fail(useCase, 'components[0]', 'must not be encrypted');
  if (component.clusterId !== clusterId)
    fail(useCase, 'clusterId', `must be 0x${clusterId.toString(16).padStart(4, '0')}`);
  return component;
}

/** The fields of a cluster command, by name in the schema's order. */
export function clusterFields(useCase: string, payload: PlainZcl, name: string): ReadonlyMap<string, ZclField> {
  if (payload.kind !== 'clusterCommand' || payload.name !== name) fail(useCase, 'command', `must be ${name}`);
  return new Map(payload.fields.map((f) => [f.name, f]));
}

export function fieldNumber(useCase: string, fields: ReadonlyMap<string, ZclField>, name: string): number {
  const field = fields.get(name);
  if (!field || typeof field.value !== 'number') fail(useCase, name, 'must be a number');
  return field.value;
}

export const ZCL_SUCCESS = 0x00;
export const ZCL_FAILURE = 0x01;
export const ZCL_MALFORMED_COMMAND = 0x80;
export const ZCL_UNSUP_CLUSTER_COMMAND = 0x81;
export const ZCL_INVALID_VALUE = 0x87;
export const ZCL_HARDWARE_FAILURE = 0xc0;

/**
 * A refusal as a ZCL status (ISSUE13-PLAN "Outcomes"): INVALID_STATE is the HARDWARE_FAILURE (C0)
 * the GSME RTDS ERROR variants of this family show, BAD_PAYLOAD INVALID_VALUE, NOT_SUPPORTED
 * UNSUP_CLUSTER_COMMAND, anything else FAILURE.
 */
export function zclRefusal(status: DeviceStatus): number {
  switch (status) {
    case 'OK':
      return ZCL_SUCCESS;
    case 'INVALID_STATE':
      return ZCL_HARDWARE_FAILURE;
    case 'BAD_PAYLOAD':
      return ZCL_INVALID_VALUE;
    case 'NOT_SUPPORTED':
      return ZCL_UNSUP_CLUSTER_COMMAND;
    default:
      return ZCL_FAILURE;
  }
}

/** The inverse: what zclRefusal does not tell apart is BAD_PAYLOAD. */
export function zclStatus(code: number): DeviceStatus {
  if (code === ZCL_SUCCESS) return 'OK';
  if (code === ZCL_HARDWARE_FAILURE) return 'INVALID_STATE';
  if (code === ZCL_UNSUP_CLUSTER_COMMAND) return 'NOT_SUPPORTED';
  return 'BAD_PAYLOAD';
}

/** A Default Response (ZCL 2.5.12) refusing `commandId`. */
export function defaultResponse(clusterId: number, commandId: number, status: number): GbcsPayload {
  return gbz(clusterId, header('global', 'serverToClient', 0x0b), { kind: 'defaultResponse', commandId, status });
}
