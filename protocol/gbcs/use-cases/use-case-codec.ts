import type { PlainValue } from '../../cbor.js';
import type { DeviceStatus } from '../../device-status.js';
import type { DeviceType } from '../../device-type.js';
import type { Eui64 } from '../../eui.js';
import type { ServiceReferenceVariant } from '../../catalogue.js';
import { SmetsimError } from '../../errors.js';
import type { GbcsPayload } from '../payload.js';

/**
 * One GBCS use case (an RTDS folder, e.g. `4.1.1_ECS17b`) as both sides see it: the head-end turns
 * a service request's body into the command's content, the device turns that content back into the
 * body its handler reads, the device's outcome becomes the response content, and the head-end
 * reads that back into the outcome a party is told. The envelope, MAC and signature around the
 * content are the wire layer's (GBCS-FACTS §3, §4, §6); a codec sees only the payload (§7 to §10).
 *
 * The handlers keep their plain-value bodies (`device-core/handlers.ts`): a codec is where the
 * body's fields meet GBCS's OBIS objects, ZCL attributes and DER fields, one use case a codec.
 */
export interface UseCaseCodec {
  /** The GBCS use case, as the RTDS names its folder after the SR: `ECS17b`, `GCS13a`, `CCS01`. */
  readonly useCase: string;
  /** The message code in the grouping header's other-information (§4, §5). */
  readonly messageCode: number;
  /** The DUIS service reference variant that starts it. */
  readonly variant: ServiceReferenceVariant;
  /** The device type that executes it. */
  readonly device: DeviceType;
  /**
   * When a variant has several use cases on one device type (6.2.4 ECS26e/i/m/n, 8.7.1 CS03A1 or
   * CS03A2), the one the body asks for. Absent: the only one.
   */
  readonly selects?: (body: PlainValue) => boolean;
  /** GBCS §6.5: the device encrypts the success response's payload (the wire layer does it). */
  readonly encryptedResponse?: boolean;

  /** Head-end: the body (after the DCC's own transform, e.g. 2.2's UTRN) as the command content. */
  encodeCommand(body: PlainValue, ctx: CommandContext): GbcsPayload;
  /** Device: the command content as the body its handler reads; throws UseCaseError. */
  decodeCommand(payload: GbcsPayload): PlainValue;
  /** Device: what its handler did, as the response content, shaped as the RTDS response is. */
  encodeResponse(outcome: Outcome, ctx: ResponseContext): GbcsPayload;
  /** Head-end: the response content as the outcome the party is told; throws UseCaseError. */
  decodeResponse(payload: GbcsPayload): Outcome;
}

/** What a device did with a command: its status and the body of its answer. */
export interface Outcome {
  readonly status: DeviceStatus;
  readonly payload: PlainValue;
}

export interface CommandContext {
  /** The DCC's clock, ms since the epoch. */
  readonly now: number;
  /** A future-dated command's execution time, ms since the epoch. */
  readonly executeAt?: number;
  /** The device the command is for. */
  readonly target: Eui64;
}

export interface ResponseContext {
  /** The device's clock, ms since the epoch. */
  readonly now: number;
  /** The command answered, as the device decoded it: many responses mirror its item list. */
  readonly command: GbcsPayload;
  /** The answering device. */
  readonly device: Eui64;
}

/** GBCS content that does not fit its use case: the device answers it as a bad payload. */
export class UseCaseError extends SmetsimError {
  declare readonly code: 'BAD_USE_CASE_PAYLOAD';
  constructor(message: string, field?: string) {
    super('BAD_USE_CASE_PAYLOAD', message, field);
  }
}
