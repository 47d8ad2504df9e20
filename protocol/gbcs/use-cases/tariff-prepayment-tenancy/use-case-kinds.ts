import type { PlainValue } from '../../../cbor.js';
import type { DeviceStatus } from '../../../device-status.js';
import type { DeviceType } from '../../../device-type.js';
import type { ServiceReferenceVariant } from '../../../catalogue.js';
import type { DlmsData } from '../../dlms/index.js';
import type { GbzComponent } from '../../zcl/index.js';
import type { CommandContext, Outcome, ResponseContext, UseCaseCodec } from '../use-case-codec.js';
import { dlmsRequest, dlmsResponse, readRequest, readResponse, type ItemShape } from './dlms-shape.js';
import {
  defaultResponse,
  gbzComponents,
  gbzFrame,
  outcomeOfStatuses,
  readCommand,
  readDefaultResponse,
  zclCommand,
  zclStatus,
  type CommandRef,
  type FieldValues,
  type ReadCommand,
} from './gbz-shape.js';

interface Identity {
  readonly useCase: string;
  readonly messageCode: number;
  readonly variant: ServiceReferenceVariant;
  readonly device: DeviceType;
  readonly selects?: (body: PlainValue) => boolean;
  /** The status the RTDS ERROR variant stands for (hardware-fault / HARDWARE_FAILURE). */
  readonly refusal?: DeviceStatus;
}

/** A DLMS use case with a fixed item list whose response is one result per item. */
export interface DlmsUseCase extends Identity {
  readonly items: readonly ItemShape[];
  readonly encode: (body: PlainValue, ctx: CommandContext) => readonly DlmsData[];
  readonly decode: (data: readonly DlmsData[]) => PlainValue;
}

export function dlmsUseCase(spec: DlmsUseCase): UseCaseCodec {
  const refusal = spec.refusal ?? 'INVALID_STATE';
  return {
    useCase: spec.useCase,
    messageCode: spec.messageCode,
    variant: spec.variant,
    device: spec.device,
    ...(spec.selects ? { selects: spec.selects } : {}),
    encodeCommand: (body, ctx) => dlmsRequest(spec.items, spec.encode(body, ctx)),
    decodeCommand: (payload) => spec.decode(readRequest(payload, spec.items, spec.useCase)),
    encodeResponse: (outcome, ctx) => dlmsResponse(spec.items, outcome, ctx, refusal),
    decodeResponse: (payload) => readResponse(payload, spec.items, spec.useCase, refusal),
  };
}

/** A GBZ use case: one cluster command, answered by a Default Response unless `response` says otherwise. */
export interface GbzUseCase extends Identity {
  readonly command: CommandRef;
  readonly encode: (body: PlainValue, ctx: CommandContext) => FieldValues;
  readonly decode: (command: ReadCommand) => PlainValue;
  readonly response?: {
    readonly encode: (outcome: Outcome, ctx: ResponseContext) => GbzComponent;
    readonly decode: (component: GbzComponent | undefined) => Outcome;
  };
}

export function gbzUseCase(spec: GbzUseCase): UseCaseCodec {
  const refusal = spec.refusal ?? 'INVALID_STATE';
  const response = spec.response ?? {
    encode: (outcome: Outcome) => defaultResponse(spec.command, zclStatus(outcome.status, refusal)),
    decode: (component: GbzComponent | undefined) =>
      outcomeOfStatuses([readDefaultResponse(component, spec.command, spec.useCase)], refusal),
  };
  return {
    useCase: spec.useCase,
    messageCode: spec.messageCode,
    variant: spec.variant,
    device: spec.device,
    ...(spec.selects ? { selects: spec.selects } : {}),
    encodeCommand: (body, ctx) => gbzFrame([zclCommand(spec.command, spec.encode(body, ctx))]),
    decodeCommand: (payload) =>
      spec.decode(readCommand(gbzComponents(payload, spec.useCase, 1)[0], spec.command, spec.useCase)),
    encodeResponse: (outcome, ctx) => gbzFrame([response.encode(outcome, ctx)]),
    decodeResponse: (payload) => response.decode(gbzComponents(payload, spec.useCase, 1)[0]),
  };
}
