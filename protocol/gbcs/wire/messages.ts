import type { PlainValue } from '../../plain-value.js';
import type { DeviceType } from '../../device-type.js';
import type { Eui64 } from '../../eui.js';
import type { GbcsPayload } from '../payload.js';
import type { GbcsMessage, GeneralSigning, OtherInformation } from '../envelope/types.js';
import { useCaseByMessageCode, useCaseFor, type Outcome, type UseCaseCodec } from '../use-cases/index.js';
import { gbcsInvokeId } from '../dlms/alert.js';
import { WireError } from './wire-error.js';

/** The grouping-header fields the emulator's semantic messages carry (GBCS-FACTS §4). */
export interface WireHeader {
  readonly originator: Eui64;
  readonly recipient: Eui64;
  /** The originator's counter; a response repeats its command's. */
  readonly counter: bigint;
}

/**
 * The real user behind an ACB-originated command (GBCS-FACTS §4, other-information N = 18): CCS01
 * to CCS07 and the other commands the ACB makes for a user. The response copies the field.
 */
export interface OnBehalfOf {
  readonly party: Eui64;
  readonly counter: bigint;
}

/** A device command as the head-end builds it and the device's handler reads it. */
export interface WireCommand {
  readonly header: WireHeader;
  /** The DUIS service reference variant the use case belongs to, e.g. "4.1.1". */
  readonly serviceRequest: string;
  readonly body: PlainValue;
  /**
   * A future-dated command's execution time, ms since the epoch. GBCS has no header field for it:
   * it is the use case's own execution date-time inside the content (DLMS access-request data,
   * GBCS-FACTS §8.6; the GBZ "from date-time", §9.1), which the codec writes from CommandContext.
   */
  readonly executeAt?: number;
  readonly onBehalfOf?: OnBehalfOf;
}

function otherInformation(messageCode: number, onBehalfOf: OnBehalfOf | undefined): OtherInformation {
  return onBehalfOf
    ? {
        form: 'remote-party-counter',
        messageCode,
        remoteParty: onBehalfOf.party,
        remotePartyCounter: onBehalfOf.counter,
      }
    : { form: 'plain', messageCode };
}

function onBehalfOfIn(info: OtherInformation): OnBehalfOf | undefined {
  return info.form === 'plain' || info.form === 'remote-party'
    ? undefined
    : { party: info.remoteParty, counter: info.remotePartyCounter };
}

/**
 * Head-end: the General-Signing APDU of a command, with the signature field `00` (GBCS-FACTS §4):
 * the codec of (variant, target device type, body) gives the message code and the content. Throws
 * WireError NO_USE_CASE when no codec exists, before anything is signed or stored.
 */
export function buildCommandSigning(
  command: WireCommand,
  target: DeviceType,
  now: number,
): { readonly signing: GeneralSigning; readonly codec: UseCaseCodec } {
  const codec = useCaseFor(command.serviceRequest, target, command.body);
  if (!codec)
    throw new WireError(
      'NO_USE_CASE',
      `no GBCS use case for SR ${command.serviceRequest} on a ${target}`,
      'serviceReferenceVariant',
    );
  const payload = codec.encodeCommand(command.body, {
    now,
    target: command.header.recipient,
    ...(command.executeAt !== undefined ? { executeAt: command.executeAt } : {}),
  });
  return {
    codec,
    signing: {
      header: {
        cra: 'command',
        counter: command.header.counter,
        originator: command.header.originator,
        recipient: command.header.recipient,
        dateTime: null, // §4: `00` in every command
        otherInformation: otherInformation(codec.messageCode, command.onBehalfOf),
      },
      payload: withInvokeId(payload, command.header.counter),
      signature: { kind: 'unsigned' },
    },
  };
}

/**
 * A DLMS access-request's long-invoke-id-and-priority is `20` ‖ the low 24 bits of the grouping
 * header counter (GBCS-FACTS §8.1, §14.9). A codec does not know the counter, so the wire sets it;
 * a response copies the command's invoke-id.
 */
function withInvokeId(payload: GbcsPayload, counter: bigint): GbcsPayload {
  if (payload.kind !== 'dlms' || payload.apdu.type !== 'access-request') return payload;
  return { kind: 'dlms', apdu: { ...payload.apdu, invokeId: gbcsInvokeId(counter) } };
}

function codecOf(message: GbcsMessage): UseCaseCodec {
  const code = message.signing.header.otherInformation.messageCode;
  const codec = useCaseByMessageCode(code);
  if (!codec)
    throw new WireError('NO_USE_CASE', `no use case for message code 0x${code.toString(16).padStart(4, '0')}`);
  return codec;
}

/**
 * Device: a decoded GBCS command as the body its handler reads. Throws WireError (not a command, no
 * codec for its message code) or UseCaseError (content not shaped as its use case).
 */
export function readCommand(message: GbcsMessage): { readonly command: WireCommand; readonly codec: UseCaseCodec } {
  const { header, payload } = message.signing;
  if (header.cra !== 'command') throw new WireError('WRONG_KIND', `a ${header.cra} where a command was expected`);
  const codec = codecOf(message);
  const body = codec.decodeCommand(payload);
  const onBehalfOf = onBehalfOfIn(header.otherInformation);
  return {
    codec,
    command: {
      header: { originator: header.originator, recipient: header.recipient, counter: header.counter },
      serviceRequest: codec.variant,
      body,
      ...(onBehalfOf ? { onBehalfOf } : {}),
    },
  };
}

/**
 * Device: the response to a command (GBCS-FACTS §4): the command's counter, the device as
 * originator, the command's originator as recipient, the command's other-information copied.
 * The signature field is `00`; the caller MACs it, or signs it for a signed command (§1).
 */
export function buildResponseSigning(
  command: GbcsMessage,
  codec: UseCaseCodec,
  outcome: Outcome,
  now: number,
): GeneralSigning {
  const header = command.signing.header;
  const payload: GbcsPayload = codec.encodeResponse(outcome, {
    now,
    command: command.signing.payload,
    device: header.recipient,
  });
  return {
    header: {
      cra: 'response',
      counter: header.counter,
      originator: header.recipient,
      recipient: header.originator,
      dateTime: null,
      otherInformation: header.otherInformation,
    },
    payload,
    signature: { kind: 'unsigned' },
  };
}

/** Head-end: a decoded response as the outcome the party is told, and which use case it answers. */
export function readResponse(message: GbcsMessage): {
  readonly header: WireHeader;
  readonly codec: UseCaseCodec;
  readonly outcome: Outcome;
  readonly onBehalfOf?: OnBehalfOf;
} {
  const { header, payload } = message.signing;
  if (header.cra !== 'response') throw new WireError('WRONG_KIND', `a ${header.cra} where a response was expected`);
  const codec = codecOf(message);
  const onBehalfOf = onBehalfOfIn(header.otherInformation);
  return {
    header: { originator: header.originator, recipient: header.recipient, counter: header.counter },
    codec,
    outcome: codec.decodeResponse(payload),
    ...(onBehalfOf ? { onBehalfOf } : {}),
  };
}
