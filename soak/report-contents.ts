import type { SoakSummary } from './accounting.js';
import type { Sample } from './sample.js';

/** What a soak run reports: report.json as written, and what report.html draws. */
export interface SoakReport extends SoakSummary {
  readonly options: {
    readonly premises: number;
    readonly durationMs: number;
    readonly profile: string;
    readonly seed: string;
    readonly workers: number;
    readonly connectPerSecond: number;
  };
  readonly profileDescription: string;
  readonly startedAt: string;
  readonly connect: {
    readonly allOnlineAfterMs: number | null;
    readonly failures: number;
    readonly offlineAtEnd: number;
  };
  readonly fleet: { readonly framesDown: number; readonly responsesUp: number; readonly upBufferOverflows: number };
  /** brokerPeakRssMb is null for an external broker (--broker): not ours to measure. */
  readonly memory: {
    readonly fleetPeakRssMb: number;
    readonly fleetRssPerPremisesKb: number;
    readonly headEndPeakRssMb: number;
    readonly brokerPeakRssMb: number | null;
  };
  readonly timeline: readonly Sample[];
  readonly passed: boolean;
  /** Why it failed, one phrase each: lost messages, missed targets, hubs that never connected. */
  readonly failures: readonly string[];
}
