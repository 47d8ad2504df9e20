import {
  ALERT,
  signatureBy,
  signedContent,
  type CommandFrame,
  type CounterWindow,
  type CryptoProvider,
  type DeviceAlertCode,
  type DeviceTrustRole,
  type Eui64,
} from '../protocol/index.js';
import type { DeviceStatus } from '../protocol/device-status.js';
import type { TrustStore } from './trust-store.js';

export type GuardVerdict =
  | { readonly ok: true }
  | { readonly ok: false; readonly status: DeviceStatus; readonly alert?: DeviceAlertCode; readonly reason: string };

export interface GuardContext {
  readonly self: Eui64;
  readonly crypto: CryptoProvider;
  readonly trust: TrustStore;
  readonly counters: CounterWindow;
  /** The device's clock, for the command's expiry. */
  readonly now: number;
}

/**
 * The checks every command passes before it runs (GBCS):
 * 1. addressed to this device;
 * 2. the Access Control Broker's signature, by the ACB this device trusts;
 * 3. for a critical command, the signature of the party that holds authority for it (the
 *    Supplier, or the Transitional CoS party for 6.23), checked against the installed key;
 * 4. not past its expiry (`expiresAt`, the DCC's response deadline): refused as REFUSED_EXPIRED
 *    with no alert. GBCS has no command expiry and FACTS name no alert for one, so this is the
 *    emulator's own check (docs/ARCHITECTURE.md "What a timed-out command does"); it comes after
 *    the signatures, so that only the ACB can make a device refuse this way;
 * 5. an originator counter above the last one accepted from that originator.
 * A missing or untrusted signer is "no authority" (0x8F30); a trusted signer whose signature does
 * not verify is "authentication failed" (0x8F3D). A replayed counter also raises 0x8F3D: the
 * facts name no separate alert for it, and GBCS treats counter freshness as part of
 * authenticating the source. Emulator choice, documented in docs/ARCHITECTURE.md.
 * The counter is recorded only when every check has passed.
 */
export function guardCommand(
  ctx: GuardContext,
  command: CommandFrame,
  authority: DeviceTrustRole | undefined,
): GuardVerdict {
  if (command.header.recipient !== ctx.self) {
    return { ok: false, status: 'NOT_FOR_THIS_DEVICE', reason: `addressed to ${command.header.recipient}` };
  }
  const content = signedContent(command);
  const acb = checkSignature(ctx, command, 'AccessControlBroker', content);
  if (!acb.ok) return acb;
  if (authority) {
    const party = checkSignature(ctx, command, authority, content);
    if (!party.ok) return party;
  }
  const expiresAt = command.header.expiresAt;
  if (expiresAt !== undefined && ctx.now > expiresAt) {
    return {
      ok: false,
      status: 'REFUSED_EXPIRED',
      reason: `the command expired at ${new Date(expiresAt).toISOString()}`,
    };
  }
  if (!ctx.counters.accept(command.header.originator, command.header.counter)) {
    return {
      ok: false,
      status: 'REFUSED_REPLAY',
      alert: ALERT.TrustedSourceAuthenticationFailure,
      reason: `counter ${command.header.counter} from ${command.header.originator} is not above ${ctx.counters.lastAccepted(command.header.originator)}`,
    };
  }
  return { ok: true };
}

function checkSignature(
  ctx: GuardContext,
  command: CommandFrame,
  role: DeviceTrustRole,
  content: Uint8Array,
): GuardVerdict {
  const anchor = ctx.trust.get(role);
  const signature = signatureBy(command, role);
  if (!anchor || !signature || signature.signer !== anchor.eui) {
    return {
      ok: false,
      status: 'REFUSED_AUTHORITY',
      alert: ALERT.SourceHasNoAuthority,
      reason: !signature
        ? `no ${role} signature`
        : `${role} signature by ${signature.signer}, not the trusted ${anchor?.eui ?? '(none installed)'}`,
    };
  }
  if (!ctx.crypto.verify(anchor.ds, content, signature.value)) {
    return {
      ok: false,
      status: 'REFUSED_AUTHENTICATION',
      alert: ALERT.TrustedSourceAuthenticationFailure,
      reason: `${role} signature does not verify`,
    };
  }
  return { ok: true };
}
