import {
  ALERT,
  type CounterWindow,
  type CryptoProvider,
  type DeviceAlertCode,
  type DeviceTrustRole,
  type Eui64,
} from '../protocol/index.js';
import type { DeviceStatus } from '../protocol/device-status.js';
import { decodeGbcsWithLayout, type DecodedGbcs } from '../protocol/gbcs/envelope/index.js';
import { GbcsError } from '../protocol/gbcs/errors.js';
import { UseCaseError, type UseCaseCodec } from '../protocol/gbcs/use-cases/index.js';
import {
  checkMac,
  readCommand,
  receivedSignedPart,
  WireError,
  type PairSecrets,
  type WireCommand,
} from '../protocol/gbcs/wire/index.js';
import { DEVICE_TRUST_ROLES } from '../protocol/roles.js';
import type { DeviceKeyStore } from './device-key-store.js';
import type { TrustStore } from './trust-store.js';

export interface GbcsGuardContext {
  readonly self: Eui64;
  readonly crypto: CryptoProvider;
  readonly trust: TrustStore;
  readonly counters: CounterWindow;
  readonly keys: DeviceKeyStore;
}

export type GbcsGuardVerdict =
  | { readonly ok: true; readonly decoded: DecodedGbcs; readonly command: WireCommand; readonly codec: UseCaseCodec }
  | {
      readonly ok: false;
      readonly status: DeviceStatus;
      readonly alert?: DeviceAlertCode;
      readonly reason: string;
      /** Present when the bytes decoded: a refusal can then be answered with the command's counter. */
      readonly decoded?: DecodedGbcs;
    };

/**
 * The device's side of a MAC (GBCS-FACTS §6.3): ECDH of its own KA key with a counterpart's KA
 * key from the trust store, cached per counterpart by the key store. Undefined for a pair that does
 * not include this device or a counterpart whose KA key it does not hold.
 */
export function devicePairSecrets(self: Eui64, trust: TrustStore, keys: DeviceKeyStore): PairSecrets {
  return {
    secret(a, b) {
      const peer = a === self ? b : b === self ? a : undefined;
      if (peer === undefined) return undefined;
      for (const role of DEVICE_TRUST_ROLES) {
        const anchor = trust.get(role);
        if (anchor?.eui === peer && anchor.ka) return keys.sharedSecret(peer, anchor.ka);
      }
      return undefined;
    },
  };
}

/**
 * The checks a GBCS device makes before it acts on a command (issue 13 §1; GBCS-FACTS §1, §6):
 * 1. well-formed GBCS, a command (CRA 01), addressed to this device (header recipient);
 * 2. the MAC, made by the Access Control Broker for this device (§6.3), with the ACB's KA key
 *    from the trust store; a command without one is refused;
 * 3. for a critical SR (`authority` given), the originator's signature (§6.4) by the trust
 *    anchor for that role: the header originator must be that anchor;
 * 4. the originator counter above its anti-replay floor, recorded only when every check passed.
 * The content is decoded with the use case its message code names (NOT_SUPPORTED when the device
 * has no codec for it, BAD_PAYLOAD when it does not fit). A missing or untrusted signer is "no
 * authority" (0x8F30); a MAC or signature that does not verify, or a replayed counter, is
 * "authentication failed" (0x8F3D), as in command-guard.ts. The expiry is the hub's (the down
 * topic, protocol/gbcs/wire/expiry-topic.ts): a GBCS command carries none.
 */
export function guardGbcsCommand(
  ctx: GbcsGuardContext,
  bytes: Uint8Array,
  authority: (variant: string) => DeviceTrustRole | undefined,
): GbcsGuardVerdict {
  let decoded: DecodedGbcs;
  try {
    decoded = decodeGbcsWithLayout(bytes);
  } catch (error) {
    if (error instanceof GbcsError) return { ok: false, status: 'BAD_PAYLOAD', reason: error.message };
    throw error;
  }
  const header = decoded.message.signing.header;
  if (header.cra !== 'command')
    return { ok: false, status: 'BAD_PAYLOAD', reason: `a ${header.cra} is not a command`, decoded };
  if (header.recipient !== ctx.self)
    return { ok: false, status: 'NOT_FOR_THIS_DEVICE', reason: `addressed to ${header.recipient}`, decoded };
  const acb = ctx.trust.get('AccessControlBroker');
  if (!acb?.ka)
    return {
      ok: false,
      status: 'REFUSED_AUTHORITY',
      alert: ALERT.SourceHasNoAuthority,
      reason: 'no ACB KA key installed',
      decoded,
    };
  const mac = checkMac(ctx.crypto, devicePairSecrets(ctx.self, ctx.trust, ctx.keys), bytes, decoded, acb.eui);
  if (mac.status !== 'valid')
    return {
      ok: false,
      status: 'REFUSED_AUTHENTICATION',
      alert: ALERT.TrustedSourceAuthenticationFailure,
      reason: `the ACB MAC is ${mac.status}`,
      decoded,
    };
  let read: { command: WireCommand; codec: UseCaseCodec };
  try {
    read = readCommand(decoded.message);
  } catch (error) {
    if (error instanceof WireError) return { ok: false, status: 'NOT_SUPPORTED', reason: error.message, decoded };
    if (error instanceof UseCaseError) return { ok: false, status: 'BAD_PAYLOAD', reason: error.message, decoded };
    throw error;
  }
  const role = authority(read.codec.variant);
  if (role) {
    const anchor = ctx.trust.get(role);
    const signature = decoded.message.signing.signature;
    if (!anchor || signature.kind !== 'signed' || header.originator !== anchor.eui)
      return {
        ok: false,
        status: 'REFUSED_AUTHORITY',
        alert: ALERT.SourceHasNoAuthority,
        reason:
          signature.kind !== 'signed'
            ? `no ${role} signature`
            : `signed by ${header.originator}, not the trusted ${role} ${anchor?.eui ?? '(none installed)'}`,
        decoded,
      };
    if (!ctx.crypto.verify(anchor.ds, receivedSignedPart(bytes, decoded), signature.signature))
      return {
        ok: false,
        status: 'REFUSED_AUTHENTICATION',
        alert: ALERT.TrustedSourceAuthenticationFailure,
        reason: `${role} signature does not verify`,
        decoded,
      };
  }
  if (!ctx.counters.accept(header.originator, header.counter))
    return {
      ok: false,
      status: 'REFUSED_REPLAY',
      alert: ALERT.TrustedSourceAuthenticationFailure,
      reason: `counter ${header.counter} from ${header.originator} is not above ${ctx.counters.lastAccepted(header.originator)}`,
      decoded,
    };
  return { ok: true, decoded, ...read };
}
