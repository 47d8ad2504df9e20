import type { EcPrivateKey, Eui64 } from '../protocol/index.js';

/**
 * The DCC's own signing identities: the Access Control Broker, which countersigns every command
 * after access control, and the Transitional CoS party, which signs 6.23. The DCC's EUI for
 * non-device requests is the ACB's.
 */
export interface DccIdentity {
  readonly acb: { readonly eui: Eui64; readonly ds: EcPrivateKey };
  readonly transCoS: { readonly eui: Eui64; readonly ds: EcPrivateKey };
}

/** Response-time targets (FACTS: Timing, unconfirmed values: 30 s, 60 s, plus the gas wake). */
export interface ResponseTimeouts {
  readonly nonCriticalMs: number;
  readonly criticalMs: number;
  /** Added for a gas meter, which answers only when it wakes. */
  readonly gasWakeMs: number;
}

export const DEFAULT_TIMEOUTS: ResponseTimeouts = { nonCriticalMs: 30_000, criticalMs: 60_000, gasWakeMs: 30 * 60_000 };
