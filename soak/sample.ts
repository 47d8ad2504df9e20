import type { LatencyStats } from './accounting.js';

/** One point of the run's timeline: the live display, /metrics and report.html all read these. */
export interface Sample {
  /** Seconds since the traffic started. */
  readonly t: number;
  readonly hubsOnline: number;
  readonly sentPerSecond: number;
  readonly answeredPerSecond: number;
  readonly alertsPerSecond: number;
  /** Refusals, time-outs and DCC anomalies per second. */
  readonly errorsPerSecond: number;
  /** Latency of the requests answered in this interval, per request class. */
  readonly latency: Readonly<Record<string, LatencyStats>>;
  readonly headEndRssMb: number;
  readonly fleetRssMb: number;
  /** The fleet workers' V8 heaps in use (the rest of the fleet's RSS is isolates, sockets, buffers and garbage not yet collected). */
  readonly fleetHeapMb: number;
  readonly brokerRssMb: number;
  readonly lagP99Ms: number;
}
