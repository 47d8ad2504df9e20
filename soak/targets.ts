import { findServiceRequest } from '../protocol/index.js';

/**
 * Response-time targets (FACTS, "unconfirmed": 30 s for a non-critical on-demand request, 60 s for
 * a critical one, plus up to the wake interval for a gas meter). Alert delivery has no figure in
 * the facts; 30 s is the storm target. All configurable: a profile's `targets`, or
 * `smetsim soak --targets FILE`.
 */
export interface Targets {
  readonly nonCriticalMs: number;
  readonly criticalMs: number;
  readonly gsmeWakeMs: number;
  readonly alertDeliveryMs: number;
  /** The percentile of each class that must be within its target (100: every one). */
  readonly percentile: number;
}

export const DEFAULT_TARGETS: Targets = {
  nonCriticalMs: 30_000,
  criticalMs: 60_000,
  gsmeWakeMs: 30 * 60_000,
  alertDeliveryMs: 30_000,
  percentile: 99,
};

export function targetFor(sr: string, to: string, targets: Targets): number {
  const base = findServiceRequest(sr)?.critical ? targets.criticalMs : targets.nonCriticalMs;
  // A gas meter answers at its next wake, unless the GPF mirror answers for it.
  return to === 'gsme' ? base + targets.gsmeWakeMs : base;
}

export interface TargetRow {
  /** A request class ("4.1.1 → esme") or "device alerts". */
  readonly subject: string;
  readonly count: number;
  readonly percentile: number;
  readonly valueMs: number;
  readonly targetMs: number;
  /** Requests that timed out (E20 / E21): they count as never answered in the percentile. */
  readonly timedOut: number;
  readonly passed: boolean;
}

export function targetRow(
  subject: string,
  sortedMs: readonly number[],
  targetMs: number,
  targets: Targets,
  timedOut = 0,
): TargetRow {
  const valueMs = percentileOf(
    [...sortedMs, ...Array.from({ length: timedOut }, () => Number.POSITIVE_INFINITY)],
    targets.percentile,
  );
  return {
    subject,
    count: sortedMs.length + timedOut,
    percentile: targets.percentile,
    valueMs,
    targetMs,
    timedOut,
    passed: valueMs <= targetMs,
  };
}

/** Nearest-rank percentile of sorted values; 0 for none. */
export function percentileOf(sorted: readonly number[], percentile: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((percentile / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}
