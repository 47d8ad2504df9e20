import type { CryptoProvider, EcPrivateKey, EcPublicKey, Eui64 } from '../protocol/index.js';
import type { DeviceType } from '../protocol/device-type.js';
import { decodeGbcsWithLayout, encodeGeneralSigning } from '../protocol/gbcs/envelope/index.js';
import type { GeneralSigning } from '../protocol/gbcs/envelope/types.js';
import type { GbcsKeyResolver, KeyUsage } from '../protocol/gbcs/protection/keys.js';
import { ABSENT, INVALID, notChecked, VALID, type CheckOutcome } from '../protocol/gbcs/protection/outcome.js';
import { decodeAlertPayload, type DeviceAlert } from '../protocol/gbcs/use-cases/alerts.js';
import type { Outcome, UseCaseCodec } from '../protocol/gbcs/use-cases/index.js';
import {
  buildCommandSigning,
  CachingPairSecrets,
  checkMac,
  preCommandBytes,
  readResponse,
  receivedSignedPart,
  sealWithMac,
  type OnBehalfOf,
  type WireCommand,
  type WireHeader,
} from '../protocol/gbcs/wire/index.js';

/** What the head-end knows of a device's keys: its inventory record's certificates. */
export interface DeviceKeySource {
  get(eui: Eui64): { readonly ds: EcPublicKey | undefined; readonly ka: EcPublicKey | undefined } | undefined;
}

/** A message off `…/up`, read and checked as far as the DCC can (issue 13 §1, decision 2). */
export type UpMessage =
  | {
      readonly kind: 'response';
      readonly header: WireHeader;
      readonly codec: UseCaseCodec;
      readonly outcome: Outcome;
      readonly onBehalfOf?: OnBehalfOf;
      readonly checks: UpChecks;
      /** The GBCS bytes as they came: a DUIS response carries them unchanged as its GBCSPayload. */
      readonly bytes: Uint8Array;
    }
  | {
      readonly kind: 'alert';
      readonly header: WireHeader;
      readonly alert: DeviceAlert;
      readonly checks: UpChecks;
      readonly bytes: Uint8Array;
    };

/**
 * The device signature, checked with the inventory's DS certificate of the header originator, and
 * the MAC, checked only when the DCC holds the recipient's KA private key (the ACB): a MAC to a
 * supplier is the supplier's to check, so it is `not-checked` here.
 */
export interface UpChecks {
  readonly signature: CheckOutcome;
  readonly mac: CheckOutcome;
}

/**
 * The head-end's GBCS: builds commands through the use-case codecs, makes the pre-command of a
 * critical SR and MACs every command as the ACB (GBCS-FACTS §6.3), with the ACB ↔ device ECDH
 * secret cached per device (one SHA-256 and one GCM a message); reads what comes up.
 */
export class HeadEndWire {
  private readonly secrets: CachingPairSecrets;

  constructor(
    private readonly crypto: CryptoProvider,
    private readonly acb: { readonly eui: Eui64; readonly ka: EcPrivateKey },
    private readonly devices: DeviceKeySource,
  ) {
    const resolver: GbcsKeyResolver = {
      privateKey: (eui: Eui64, usage: KeyUsage) => (usage === 'ka' && eui === acb.eui ? acb.ka : undefined),
      publicKey: (eui: Eui64, usage: KeyUsage) =>
        eui === acb.eui && usage === 'ka' ? acb.ka.publicKey : devices.get(eui)?.[usage],
    };
    this.secrets = new CachingPairSecrets(crypto, resolver);
  }

  /** The unsigned command (signature field `00`); WireError NO_USE_CASE when no codec fits. */
  build(command: WireCommand, target: DeviceType, now: number): { signing: GeneralSigning; codec: UseCaseCodec } {
    return buildCommandSigning(command, target, now);
  }

  /** DUIS variant 4: the pre-command the party signs (GBCS-FACTS §1, §6.4). */
  preCommand(signing: GeneralSigning): Uint8Array {
    return preCommandBytes(signing);
  }

  /** A signed command: the party's r‖s after the content, then the ACB's MAC over it all. */
  sealSigned(signing: GeneralSigning, signature: Uint8Array): Uint8Array {
    return this.seal({ ...signing, signature: { kind: 'signed', signature } });
  }

  /** A non-critical command: signature field `00`, the ACB's MAC. */
  seal(signing: GeneralSigning): Uint8Array {
    return sealWithMac(this.crypto, this.secrets, signing, this.acb.eui);
  }

  /** A bare `DF` (the signed part with its signature), for tests and the local-delivery variant. */
  static bare(signing: GeneralSigning): Uint8Array {
    return encodeGeneralSigning(signing);
  }

  /**
   * Read a message off `…/up`: GbcsError for bytes that are not GBCS, WireError for a command (never
   * sent up) or a message code without a codec, UseCaseError for content not shaped as its use case.
   */
  readUp(bytes: Uint8Array): UpMessage {
    const decoded = decodeGbcsWithLayout(bytes);
    const { header, signature } = decoded.message.signing;
    let signatureCheck: CheckOutcome = ABSENT;
    if (signature.kind === 'signed') {
      const ds = this.devices.get(header.originator)?.ds;
      signatureCheck = !ds
        ? notChecked(`no DS certificate for ${header.originator}`)
        : this.crypto.verify(ds, receivedSignedPart(bytes, decoded), signature.signature)
          ? VALID
          : INVALID;
    }
    const checks: UpChecks = {
      signature: signatureCheck,
      mac: checkMac(this.crypto, this.secrets, bytes, decoded, this.acb.eui),
    };
    const wireHeader = { originator: header.originator, recipient: header.recipient, counter: header.counter };
    if (header.cra === 'alert')
      return {
        kind: 'alert',
        header: wireHeader,
        alert: decodeAlertPayload(decoded.message.signing.payload),
        checks,
        bytes,
      };
    return { kind: 'response', ...readResponse(decoded.message), checks, bytes };
  }
}
