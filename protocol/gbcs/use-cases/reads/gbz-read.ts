import type { PlainValue } from '../../../cbor.js';
import type { ServiceReferenceVariant } from '../../../catalogue.js';
import type { GbcsPayload } from '../../payload.js';
import type { ZclValue } from '../../zcl/data-types.js';
import type { GbzComponent, ZclField, ZclHeader } from '../../zcl/types.js';
import { UseCaseError, type Outcome, type UseCaseCodec } from '../use-case-codec.js';
import { statusOfZclCode, zclStatusFor } from './outcome-codes.js';

/** One component of a GSME read: Read Attributes of these attributes on this cluster (ZCL 2.5.1). */
export interface AttributeRead {
  readonly clusterId: number;
  readonly attributeIds: readonly number[];
  /** The response component's disable-default-response bit, as the RTDS response sets it. */
  readonly responseDisablesDefault?: boolean;
  /** The wire layer encrypts this response component (GBCS-FACTS §6.5). */
  readonly encrypted?: boolean;
}

/**
 * A GBZ codec, with which of its response components the wire layer must encrypt. The codec
 * gives and takes the plaintext form: every component clear (`encrypted: false`); the wire layer
 * encrypts the listed ones on the way out and hands them back decrypted (readPlaintext) before
 * decodeResponse.
 */
export interface GbzReadCodec extends UseCaseCodec {
  readonly encryptedComponents: readonly number[];
}

export interface GbzAttributeReadSpec {
  readonly useCase: string;
  readonly messageCode: number;
  readonly variant: ServiceReferenceVariant;
  readonly components: readonly AttributeRead[];
  /** The handler's answer as one value per attribute, component by component. */
  toValues(payload: PlainValue): readonly (readonly ZclValue[])[];
  /** The values back as the answer's fields; throws UseCaseError. */
  fromValues(values: readonly (readonly ZclValue[])[]): PlainValue;
}

const header = (
  sequence: number,
  commandId: number,
  frameType: 'global' | 'cluster',
  toClient: boolean,
  ddr: boolean,
): ZclHeader => ({
  frameType,
  direction: toClient ? 'serverToClient' : 'clientToServer',
  disableDefaultResponse: ddr,
  sequence,
  commandId,
});

/** ZCL Default Response (global command 0x0B) carrying a refusal, as the RTDS ERROR variants do. */
export function defaultResponse(clusterId: number, sequence: number, commandId: number, status: number): GbzComponent {
  return {
    encrypted: false,
    clusterId,
    header: header(sequence, 0x0b, 'global', true, false),
    payload: { kind: 'defaultResponse', commandId, status },
  };
}

export function frame(components: readonly GbzComponent[]): GbcsPayload {
  return { kind: 'gbz', gbz: { form: 'frame', components } };
}

export function componentsOf(payload: GbcsPayload, useCase: string, count: number): readonly GbzComponent[] {
  if (payload.kind !== 'gbz' || payload.gbz.form !== 'frame')
    throw new UseCaseError(`${useCase} must be a GBZ frame`, 'gbz');
  const { components } = payload.gbz;
  if (components.length !== count) throw new UseCaseError(`${useCase} must have ${count} components`, 'components');
  return components;
}

/** The first refusal in a response: a Default Response or a record with a non-success status. */
export function refusalOf(components: readonly GbzComponent[]): Outcome | undefined {
  for (const c of components) {
    if (c.payload.kind === 'defaultResponse' && c.payload.status !== 0)
      return { status: statusOfZclCode(c.payload.status), payload: { zclStatus: c.payload.status } };
    if (c.payload.kind === 'readAttributesResponse') {
      const bad = c.payload.records.find((r) => r.status !== 0);
      if (bad) return { status: statusOfZclCode(bad.status), payload: { zclStatus: bad.status } };
    }
  }
  return undefined;
}

/** A GSME read made of Read Attributes components (GCS13a, GCS14, GCS60 …). The body is null. */
export function gbzAttributeRead(spec: GbzAttributeReadSpec): GbzReadCodec {
  const encryptedComponents = spec.components.flatMap((c, i) => (c.encrypted ? [i] : []));
  return {
    useCase: spec.useCase,
    messageCode: spec.messageCode,
    variant: spec.variant,
    device: 'GSME',
    encryptedComponents,
    ...(encryptedComponents.length > 0 ? { encryptedResponse: true } : {}),
    encodeCommand() {
      return frame(
        spec.components.map((c, i) => ({
          encrypted: false,
          clusterId: c.clusterId,
          header: header(i, 0x00, 'global', false, false),
          payload: { kind: 'readAttributes', attributeIds: c.attributeIds },
        })),
      );
    },
    decodeCommand(payload) {
      const components = componentsOf(payload, spec.useCase, spec.components.length);
      spec.components.forEach((want, i) => {
        const c = components[i]!;
        const f = `components[${i}]`;
        if (c.clusterId !== want.clusterId) throw new UseCaseError(`${f} must be cluster ${want.clusterId}`, f);
        if (c.header.frameType !== 'global' || c.header.commandId !== 0 || c.payload.kind !== 'readAttributes')
          throw new UseCaseError(`${f} must be Read Attributes`, f);
        const ids = c.payload.attributeIds;
        if (ids.length !== want.attributeIds.length || ids.some((id, k) => id !== want.attributeIds[k]))
          throw new UseCaseError(`${f} must read ${want.attributeIds.join(',')}`, f);
      });
      return null;
    },
    encodeResponse(outcome, ctx) {
      const seq = (i: number) => sequenceOf(ctx.command, i);
      if (outcome.status !== 'OK') {
        const code = zclStatusFor(outcome.status);
        return frame(spec.components.map((c, i) => defaultResponse(c.clusterId, seq(i), 0x00, code)));
      }
      const values = spec.toValues(outcome.payload);
      return frame(
        spec.components.map((c, i) => ({
          encrypted: false,
          clusterId: c.clusterId,
          header: header(seq(i), 0x01, 'global', true, c.responseDisablesDefault ?? false),
          payload: {
            kind: 'readAttributesResponse',
            records: c.attributeIds.map((attributeId, k) => {
              const value = values[i]?.[k];
              return value ? { attributeId, status: 0 as const, value } : { attributeId, status: 0x86 }; // UNSUPPORTED_ATTRIBUTE
            }),
          },
        })),
      );
    },
    decodeResponse(payload) {
      const components = componentsOf(payload, spec.useCase, spec.components.length);
      const refused = refusalOf(components);
      if (refused) return refused;
      const values = spec.components.map((want, i) => {
        const c = components[i]!;
        const f = `components[${i}]`;
        if (c.clusterId !== want.clusterId) throw new UseCaseError(`${f} must be cluster ${want.clusterId}`, f);
        if (c.payload.kind === 'encrypted') throw new UseCaseError(`${f} is still encrypted`, f);
        if (c.payload.kind !== 'readAttributesResponse')
          throw new UseCaseError(`${f} must be Read Attributes Response`, f);
        const records = c.payload.records;
        if (records.length !== want.attributeIds.length)
          throw new UseCaseError(`${f} must have ${want.attributeIds.length} records`, f);
        return records.map((r, k) => {
          if (r.attributeId !== want.attributeIds[k] || !('value' in r))
            throw new UseCaseError(`${f}.records[${k}] must be attribute ${want.attributeIds[k]}`, f);
          return r.value;
        });
      });
      return { status: 'OK', payload: spec.fromValues(values) };
    },
  };
}

export function sequenceOf(command: GbcsPayload, i: number): number {
  return command.kind === 'gbz' && command.gbz.form === 'frame' ? (command.gbz.components[i]?.header.sequence ?? i) : i;
}

/** A number of an unsigned or signed ZCL integer value, or UseCaseError. */
export function zclNumber(v: ZclValue | undefined, field: string): number {
  if (v && typeof v.value === 'number') return v.value;
  if (v && typeof v.value === 'bigint') return Number(v.value);
  throw new UseCaseError(`${field} must be a number`, field);
}

export function fieldNumber(fields: readonly ZclField[], name: string): number {
  const f = fields.find((x) => x.name === name);
  return zclNumber(f, name);
}

export const u = (type: 'uint8' | 'uint16' | 'uint24' | 'uint32', value: number): ZclValue => ({
  type,
  value: Math.min(2 ** Number(type.slice(4)) - 1, Math.max(0, Math.round(value))),
});
export const s32 = (value: number): ZclValue => ({
  type: 'int32',
  value: Math.min(0x7fff_ffff, Math.max(-0x8000_0000, Math.round(value))),
});
