import type { EcPrivateKey, Eui64 } from '../protocol/index.js';

/**
 * The DCC's own signing identities: the Access Control Broker, which countersigns every command
 * after access control, and the Transitional CoS party, which signs 6.23. The DCC's EUI for
 * non-device requests is the ACB's.
 */
export interface DccIdentity {
  /**
   * `ka`: the ACB's key-agreement key, which MACs every command and checks the MAC of what comes
   * back to the ACB (GBCS-FACTS §6.3). Optional while the DCC still has a caller without one.
   */
  readonly acb: { readonly eui: Eui64; readonly ds: EcPrivateKey; readonly ka?: EcPrivateKey };
  readonly transCoS: { readonly eui: Eui64; readonly ds: EcPrivateKey };
}

/** Response-time targets (FACTS: Timing, unconfirmed values: 30 s, 60 s, plus the gas wake). */
export interface ResponseTimeouts {
  readonly nonCriticalMs: number;
  readonly criticalMs: number;
  /** Added for a gas meter, which answers only when it wakes. */
  readonly gasWakeMs: number;
  /**
   * How long a party has to sign a pre-command (variant 4) before it expires. The expiry is
   * inside the signed bytes, so it is fixed when the pre-command is made: a critical command's
   * deadline is its variant 4 time + this + criticalMs. Default PRE_COMMAND_SIGNING_MS.
   */
  readonly preCommandSigningMs?: number;
}

/** Emulator choice: DUIS sets no limit on how long a party takes to sign; two minutes is ample for a signing service. */
export const PRE_COMMAND_SIGNING_MS = 120_000;

export const DEFAULT_TIMEOUTS: ResponseTimeouts = { nonCriticalMs: 30_000, criticalMs: 60_000, gasWakeMs: 30 * 60_000 };
