import {
  ALERT,
  validateUtrn,
  UtrnCounterCache,
  type DeviceAlertCode,
  type UtrnCheckContext,
  type UtrnRefusal,
} from '../protocol/index.js';

/**
 * Prepayment settings (SR 2.1). The facts give no default values: these are emulator choices,
 * all configurable per meter. Amounts in pence, durations in ms.
 */
export interface PrepaymentConfig {
  lowCreditThreshold: number;
  disablementThreshold: number;
  emergencyCreditLimit: number;
  /** Emergency credit may be taken only when the balance is below this. */
  emergencyCreditThreshold: number;
  maxCredit: number;
  /** Consecutive bad local UTRN entries before entry is suspended (0x81C4). */
  suspendAfterBadEntries: number;
  suspensionMs: number;
  /** Consecutive bad local UTRN entries before entry locks out (0x81C5). */
  lockoutAfterBadEntries: number;
  lockoutMs: number;
}

export const DEFAULT_PREPAYMENT_CONFIG: Readonly<PrepaymentConfig> = {
  lowCreditThreshold: 200,
  disablementThreshold: 0,
  emergencyCreditLimit: 1000,
  emergencyCreditThreshold: 500,
  maxCredit: 25_000,
  suspendAfterBadEntries: 3,
  suspensionMs: 10 * 60_000,
  lockoutAfterBadEntries: 5,
  lockoutMs: 24 * 3600_000,
};

export interface PrepaymentAlert {
  readonly code: DeviceAlertCode;
  readonly payload?: { readonly [key: string]: number | string | null };
}

export interface PrepaymentOutcome {
  readonly alerts: PrepaymentAlert[];
  /** What the supply switch should do: disable on exhausted credit, arm when credit returns. */
  supply?: 'creditExhausted' | 'creditRestored';
}

const UTRN_ALERT: Record<UtrnRefusal, DeviceAlertCode> = {
  DUPLICATE: ALERT.DuplicateUtrn,
  // Too old to be told from a replay: reported as a duplicate (emulator choice).
  OUT_OF_WINDOW: ALERT.DuplicateUtrn,
  NOT_AUTHENTIC: ALERT.UtrnNotAuthentic,
  BAD_CHECK_DIGIT: ALERT.UtrnNotAuthentic,
  MALFORMED: ALERT.UtrnNotAuthentic,
  WRONG_DEVICE: ALERT.UtrnNotForThisDevice,
};

export type UtrnResult =
  | { readonly ok: true; readonly amountPence: number; readonly outcome: PrepaymentOutcome }
  | {
      readonly ok: false;
      readonly reason: UtrnRefusal | 'EXCEEDS_MAXIMUM_CREDIT' | 'ENTRY_SUSPENDED' | 'ENTRY_LOCKED_OUT';
      readonly outcome: PrepaymentOutcome;
    };

/** A meter's credit: balance, emergency credit, debt, thresholds and UTRN entry. */
export class PrepaymentAccount {
  balance = 0;
  emergencyCreditActive = false;
  debt = 0;
  debtRecoveryPerDay = 0;
  utrnCache = new UtrnCounterCache();
  private lowCreditAlerted = false;
  private badEntries = 0;
  private blockedUntil = 0;
  private blockedBy: 'ENTRY_SUSPENDED' | 'ENTRY_LOCKED_OUT' | undefined;

  constructor(readonly config: PrepaymentConfig = { ...DEFAULT_PREPAYMENT_CONFIG }) {}

  /** The floor the balance may fall to before the supply is disabled. */
  private get floor(): number {
    return this.emergencyCreditActive
      ? this.config.disablementThreshold - this.config.emergencyCreditLimit
      : this.config.disablementThreshold;
  }

  get exhausted(): boolean {
    return this.balance <= this.floor;
  }

  /** Take a charge (energy, standing charge, debt recovery) and report threshold crossings. */
  charge(pence: number): PrepaymentOutcome {
    const wasExhausted = this.exhausted;
    this.balance -= pence;
    const outcome: PrepaymentOutcome = { alerts: [] };
    if (!this.lowCreditAlerted && this.balance < this.config.lowCreditThreshold) {
      this.lowCreditAlerted = true;
      outcome.alerts.push({ code: ALERT.LowCredit, payload: { balancePence: round(this.balance) } });
    }
    if (!wasExhausted && this.exhausted) {
      outcome.alerts.push({
        code: this.emergencyCreditActive ? ALERT.EmergencyCreditExhausted : ALERT.CreditBelowDisablementThreshold,
        payload: { balancePence: round(this.balance) },
      });
      outcome.supply = 'creditExhausted';
    }
    return outcome;
  }

  /** Recover debt for one day's share of `fraction` (a half-hour is 1/48). */
  recoverDebt(fraction: number): number {
    const due = Math.min(this.debt, this.debtRecoveryPerDay * fraction);
    this.debt -= due;
    return due;
  }

  /** Add credit (a UTRN or SR 1.5). Paying back emergency credit ends it. */
  credit(pence: number): PrepaymentOutcome {
    const wasExhausted = this.exhausted;
    this.balance += pence;
    if (this.emergencyCreditActive && this.balance > this.config.disablementThreshold)
      this.emergencyCreditActive = false;
    if (this.balance >= this.config.lowCreditThreshold) this.lowCreditAlerted = false;
    return { alerts: [], ...(wasExhausted && !this.exhausted ? { supply: 'creditRestored' as const } : {}) };
  }

  /** SR 1.5 reset (ECS04b, GCS40b): the balance to 0 and emergency credit ended; the outcome as a charge or credit. */
  resetBalance(): PrepaymentOutcome {
    const outcome = this.balance > 0 ? this.charge(this.balance) : this.credit(-this.balance);
    this.balance = 0;
    this.emergencyCreditActive = false;
    return outcome;
  }

  /** SR 2.5 or the consumer's button: refused when credit is not low or emergency credit is on. */
  activateEmergencyCredit(): { ok: boolean; reason?: string; outcome: PrepaymentOutcome } {
    if (this.emergencyCreditActive)
      return { ok: false, reason: 'emergency credit is already active', outcome: { alerts: [] } };
    if (this.balance >= this.config.emergencyCreditThreshold) {
      return {
        ok: false,
        reason: `balance ${round(this.balance)}p is not below the emergency credit threshold`,
        outcome: { alerts: [] },
      };
    }
    const wasExhausted = this.exhausted;
    this.emergencyCreditActive = true;
    const outcome: PrepaymentOutcome = {
      alerts: [{ code: ALERT.EmergencyCreditActivated, payload: { limitPence: this.config.emergencyCreditLimit } }],
    };
    if (wasExhausted && !this.exhausted) outcome.supply = 'creditRestored';
    return { ok: true, outcome };
  }

  /**
   * A UTRN from the WAN (SR 2.2) or typed locally. Local entry is suspended, then locked out, after
   * repeated bad entries; a good entry resets the count.
   */
  applyUtrn(utrn: string, check: Omit<UtrnCheckContext, 'cache'>, source: 'remote' | 'local', now: number): UtrnResult {
    if (source === 'local' && now < this.blockedUntil && this.blockedBy) {
      return { ok: false, reason: this.blockedBy, outcome: { alerts: [] } };
    }
    const verdict = validateUtrn(utrn, { ...check, cache: this.utrnCache });
    if (!verdict.ok) {
      const outcome: PrepaymentOutcome = {
        alerts: [
          {
            code: UTRN_ALERT[verdict.reason],
            payload: { utrn: String(utrn).slice(0, 20), reason: verdict.reason, source },
          },
        ],
      };
      if (source === 'local') this.countBadEntry(now, outcome);
      return { ok: false, reason: verdict.reason, outcome };
    }
    if (this.balance + verdict.amountPence > this.config.maxCredit) {
      return {
        ok: false,
        reason: 'EXCEEDS_MAXIMUM_CREDIT',
        outcome: {
          alerts: [{ code: ALERT.UtrnExceedsMaximumCredit, payload: { amountPence: verdict.amountPence, source } }],
        },
      };
    }
    this.utrnCache.accept(verdict.counter);
    if (source === 'local') this.badEntries = 0;
    return { ok: true, amountPence: verdict.amountPence, outcome: this.credit(verdict.amountPence) };
  }

  private countBadEntry(now: number, outcome: PrepaymentOutcome): void {
    this.badEntries++;
    if (this.badEntries >= this.config.lockoutAfterBadEntries) {
      this.blockedUntil = now + this.config.lockoutMs;
      this.blockedBy = 'ENTRY_LOCKED_OUT';
      outcome.alerts.push({ code: ALERT.UtrnLockedOut, payload: { badEntries: this.badEntries } });
      this.badEntries = 0;
    } else if (this.badEntries === this.config.suspendAfterBadEntries) {
      this.blockedUntil = now + this.config.suspensionMs;
      this.blockedBy = 'ENTRY_SUSPENDED';
      outcome.alerts.push({ code: ALERT.UtrnManualEntrySuspended, payload: { badEntries: this.badEntries } });
    }
  }

  /** Change of supplier: the new supplier's UTRN counters start afresh. */
  resetUtrnCounters(): void {
    this.utrnCache = new UtrnCounterCache(this.utrnCache.size);
  }

  snapshot() {
    return {
      balancePence: round(this.balance),
      emergencyCreditActive: this.emergencyCreditActive,
      emergencyCreditLimitPence: this.config.emergencyCreditLimit,
      debtPence: round(this.debt),
      debtRecoveryPencePerDay: this.debtRecoveryPerDay,
    };
  }
}

export function round(pence: number): number {
  return Math.round(pence * 100) / 100;
}
