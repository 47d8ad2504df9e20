/**
 * Every request and alert of a soak run is accounted for: sent, acknowledged, answered, refused
 * (by code), timed out, or lost. A request acknowledged (I99) that has no answer when the run
 * ends (after a grace period) is lost, and reported as such, never dropped silently.
 */
export interface LatencyStats {
  readonly count: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

export class Accounting {
  sent = 0;
  acknowledged = 0;
  answered = 0;
  timedOut = 0;
  alertsRaised = 0;
  alertsDelivered = 0;
  readonly refusedByCode = new Map<string, number>();
  readonly deviceStatuses = new Map<string, number>();
  private readonly latencyBySr = new Map<string, number[]>();
  private readonly open = new Map<string, { sr: string; at: number }>();

  submitted(requestId: string, sr: string, at: number): void {
    this.sent++;
    this.open.set(requestId, { sr, at });
  }

  acknowledgedAs(requestId: string, code: string): void {
    if (code === 'I99') this.acknowledged++;
    else {
      this.refusedByCode.set(code, (this.refusedByCode.get(code) ?? 0) + 1);
      this.open.delete(requestId);
    }
  }

  /** The inbox answer to a request: I0, a device status, or E20 / E21. */
  answer(requestId: string, code: string, at: number): void {
    const request = this.open.get(requestId);
    if (!request) return;
    this.open.delete(requestId);
    if (code === 'E20' || code === 'E21') {
      this.timedOut++;
      return;
    }
    this.answered++;
    if (code !== 'I0') this.deviceStatuses.set(code, (this.deviceStatuses.get(code) ?? 0) + 1);
    const list = this.latencyBySr.get(request.sr) ?? [];
    list.push(at - request.at);
    this.latencyBySr.set(request.sr, list);
  }

  /** Acknowledged requests still unanswered: lost, once the run's grace period is over. */
  get outstanding(): number {
    return this.open.size;
  }

  latency(): Record<string, LatencyStats> {
    const out: Record<string, LatencyStats> = {};
    for (const [sr, values] of this.latencyBySr) {
      const sorted = [...values].sort((a, b) => a - b);
      const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
      out[sr] = { count: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted.at(-1) ?? 0 };
    }
    return out;
  }

  summary(lost: number) {
    return {
      requests: {
        sent: this.sent,
        acknowledged: this.acknowledged,
        answered: this.answered,
        timedOut: this.timedOut,
        refusedByCode: Object.fromEntries(this.refusedByCode),
        deviceStatuses: Object.fromEntries(this.deviceStatuses),
        lost,
      },
      alerts: { raised: this.alertsRaised, delivered: this.alertsDelivered, lost: Math.max(0, this.alertsRaised - this.alertsDelivered) },
      latencyMs: this.latency(),
    };
  }
}
