import type { Eui64 } from '../../eui.js';
import type { GbcsPayload } from '../payload.js';
import type { CosemDateTime } from '../dlms/date-time.js';

/** The CRA flag, the first byte of the transaction id (GBCS-FACTS §4): who the message goes to and why. */
export type CraFlag = 'command' | 'response' | 'alert';

export const CRA_FLAG_BYTE: Readonly<Record<CraFlag, number>> = { command: 0x01, response: 0x02, alert: 0x03 };

/**
 * Other-information of the grouping header (GBCS-FACTS §4). It always opens with the message code;
 * its length alone tells which supplementary fields follow, so each length is one form here.
 */
export type OtherInformation =
  /** N = 2: the normal case. */
  | { readonly form: 'plain'; readonly messageCode: number }
  /** N = 10: the supplementary remote party (e.g. the ECS200 alert). */
  | { readonly form: 'remote-party'; readonly messageCode: number; readonly remoteParty: Eui64 }
  /** N = 18: the remote party and its counter, when the ACB originates or receives for a user. */
  | {
      readonly form: 'remote-party-counter';
      readonly messageCode: number;
      readonly remoteParty: Eui64;
      readonly remotePartyCounter: bigint;
    }
  /** N = 26: URP responses add the supplementary originator counter. */
  | {
      readonly form: 'urp-response';
      readonly messageCode: number;
      readonly remoteParty: Eui64;
      readonly remotePartyCounter: bigint;
      readonly originatorCounter: bigint;
    }
  /** N > 26: URP commands carry the remote party's key-agreement certificate (DER) after the 18-byte form. */
  | {
      readonly form: 'urp-command';
      readonly messageCode: number;
      readonly remoteParty: Eui64;
      readonly remotePartyCounter: bigint;
      readonly certificate: Uint8Array;
    };

/** The GBCS grouping header: the General-Signing fields before the content (GBCS-FACTS §4). */
export interface GroupingHeader {
  readonly cra: CraFlag;
  /** The originator counter, u64: a response repeats its command's counter. */
  readonly counter: bigint;
  readonly originator: Eui64;
  readonly recipient: Eui64;
  /** Present (`0C` + 12 bytes) only in some responses; `00` everywhere else. */
  readonly dateTime: CosemDateTime | null;
  readonly otherInformation: OtherInformation;
}

/**
 * The signature field after the content (GBCS-FACTS §4, §6.4): absent in pre-commands, `00` when
 * unsigned, `40` + a raw 64-byte P-256 r‖s signature when signed.
 */
export type SignatureField =
  | { readonly kind: 'absent' }
  | { readonly kind: 'unsigned' }
  | { readonly kind: 'signed'; readonly signature: Uint8Array };

/** The General-Signing APDU (tag `DF`). */
export interface GeneralSigning {
  readonly header: GroupingHeader;
  readonly payload: GbcsPayload;
  readonly signature: SignatureField;
}

/**
 * A whole GBCS message (GBCS-FACTS §1): a bare General-Signing APDU, or General-Ciphering (tag
 * `DD`) wrapping one in clear and adding a 12-byte GCM tag over it. GBCS fixes every other
 * General-Ciphering field (§3), so the model holds only the MAC.
 */
export type GbcsMessage =
  | { readonly kind: 'signing'; readonly signing: GeneralSigning }
  | { readonly kind: 'ciphering'; readonly signing: GeneralSigning; readonly mac: Uint8Array };

/** The message code of a message: it names the use case and decides the payload format (§5, §7). */
export function messageCodeOf(message: GbcsMessage): number {
  return message.signing.header.otherInformation.messageCode;
}
