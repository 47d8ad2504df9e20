import { percentileOf, targetFor, targetRow, type TargetRow, type Targets } from './targets.js';

/**
 * Every request and alert of a soak run is accounted for. A request is sent, then either refused
 * at the gateway (by code) or acknowledged (I99); an acknowledged one is answered (I0 or a device
 * status) or timed out (E20 / E21, which the DCC sends at the response deadline). One with neither
 * when the run ends is lost if its deadline has passed, and unfinished if not (a grace period
 * shorter than the deadlines leaves some unfinished: reported, but not lost). Alerts are
 * counted where the broker acknowledged them at the hubs, where the DCC logged them, and where
 * they reached a party's inbox; the difference between the first two is lost in transit.
 * Nothing is dropped silently: every bucket is in the report.
 */
export interface LatencyStats {
  readonly count: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

/** A request class: the SR and the device it goes to ("4.1.1 → esme"). */
export function requestClass(sr: string, to: string): string {
  return `${sr} → ${to}`;
}

/** The DCC sends E20 / E21 at the deadline; past it by this much, a silent request is lost. */
const DEADLINE_MARGIN_MS = 5_000;

const bump = (map: Map<string, number>, key: string, by = 1) => map.set(key, (map.get(key) ?? 0) + by);

export class Accounting {
  sent = 0;
  acknowledged = 0;
  answered = 0;
  timedOut = 0;
  readonly refusedByCode = new Map<string, number>();
  readonly deviceStatuses = new Map<string, number>();
  readonly timedOutByClass = new Map<string, number>();
  /** Device alerts the broker acknowledged at the hubs, by code (the fleet's latest count). */
  alertsUpByCode: Record<string, number> = {};
  /** Device alerts the DCC took in and logged, by code. */
  readonly alertsAtDccByCode = new Map<string, number>();
  /** Inbox items that are alerts, device and DCC, by code (one device alert may go to several parties). */
  readonly alertsDeliveredByCode = new Map<string, number>();
  /** What the DCC logged as anomalies: malformed frames, unknown devices, bad signatures, unmatched responses. */
  readonly dccAnomalies = new Map<string, number>();
  private readonly latencyByClass = new Map<string, number[]>();
  private readonly windowByClass = new Map<string, number[]>();
  private readonly alertLatency: number[] = [];
  private readonly open = new Map<string, { cls: string; sr: string; to: string; at: number }>();

  submitted(requestId: string, sr: string, to: string, at: number): void {
    this.sent++;
    this.open.set(requestId, { cls: requestClass(sr, to), sr, to, at });
  }

  acknowledgedAs(requestId: string, code: string): void {
    if (code === 'I99') this.acknowledged++;
    else {
      bump(this.refusedByCode, code);
      this.open.delete(requestId);
    }
  }

  /** The inbox answer to a request: I0, a device status, or E20 / E21. */
  answer(
    requestId: string,
    code: string,
    at: number,
  ): { readonly cls: string; readonly latencyMs: number } | undefined {
    const request = this.open.get(requestId);
    if (!request) return undefined;
    this.open.delete(requestId);
    if (code === 'E20' || code === 'E21') {
      this.timedOut++;
      bump(this.timedOutByClass, request.cls);
      return undefined;
    }
    this.answered++;
    if (code !== 'I0') bump(this.deviceStatuses, code);
    const latency = at - request.at;
    for (const map of [this.latencyByClass, this.windowByClass]) {
      const list = map.get(request.cls) ?? [];
      list.push(latency);
      map.set(request.cls, list);
    }
    return { cls: request.cls, latencyMs: latency };
  }

  alertAtDcc(code: string): void {
    bump(this.alertsAtDccByCode, code);
  }

  /** An alert in a party's inbox; `latencyMs` (device alerts) from the device raising it. */
  alertDelivered(code: string, latencyMs: number | undefined): void {
    bump(this.alertsDeliveredByCode, code);
    if (latencyMs !== undefined) this.alertLatency.push(latencyMs);
  }

  anomaly(kind: string): void {
    bump(this.dccAnomalies, kind);
  }

  /** Acknowledged requests still unanswered: lost, once the run's grace period is over. */
  get outstanding(): number {
    return this.open.size;
  }

  get alertsUp(): number {
    return Object.values(this.alertsUpByCode).reduce((a, b) => a + b, 0);
  }

  get alertsAtDcc(): number {
    return [...this.alertsAtDccByCode.values()].reduce((a, b) => a + b, 0);
  }

  get alertsDelivered(): number {
    return [...this.alertsDeliveredByCode.values()].reduce((a, b) => a + b, 0);
  }

  /** Latency per class since the last call (for the timeline and the live display). */
  takeWindow(): Record<string, LatencyStats> {
    const out = statsOf(this.windowByClass);
    this.windowByClass.clear();
    return out;
  }

  latency(): Record<string, LatencyStats> {
    return statsOf(this.latencyByClass);
  }

  targets(targets: Targets): TargetRow[] {
    const classes = new Set([...this.latencyByClass.keys(), ...this.timedOutByClass.keys()]);
    const rows = [...classes].sort().map((cls) => {
      const [sr = '', to = ''] = cls.split(' → ');
      const sorted = [...(this.latencyByClass.get(cls) ?? [])].sort((a, b) => a - b);
      return targetRow(cls, sorted, targetFor(sr, to, targets), targets, this.timedOutByClass.get(cls) ?? 0);
    });
    if (this.alertLatency.length > 0)
      rows.push(
        targetRow(
          'device alerts, raised → inbox',
          [...this.alertLatency].sort((a, b) => a - b),
          targets.alertDeliveryMs,
          targets,
        ),
      );
    return rows;
  }

  /**
   * The requests still open at `now`, split: lost (past their response deadline, with neither an
   * answer nor the DCC's E20 / E21, plus a margin) or unfinished (still within it), by class, and a
   * few ids of the lost ones to follow up in the DCC's logs.
   */
  openAt(
    now: number,
    targets: Targets,
  ): {
    lost: number;
    lostByClass: Record<string, number>;
    lostSample: string[];
    unfinished: number;
    unfinishedSample: string[];
  } {
    const lostByClass: Record<string, number> = {};
    const lostSample: string[] = [];
    const unfinishedSample: string[] = [];
    let lost = 0;
    for (const [requestId, request] of this.open) {
      if (now - request.at <= targetFor(request.sr, request.to, targets) + DEADLINE_MARGIN_MS) {
        if (unfinishedSample.length < 20)
          unfinishedSample.push(`${requestId} (${request.cls}, open ${Math.round(now - request.at)} ms)`);
        continue;
      }
      lost++;
      lostByClass[request.cls] = (lostByClass[request.cls] ?? 0) + 1;
      if (lostSample.length < 20) lostSample.push(requestId);
    }
    return { lost, lostByClass, lostSample, unfinished: this.open.size - lost, unfinishedSample };
  }

  summary(targets: Targets, now: number) {
    const open = this.openAt(now, targets);
    const lostAlerts = Math.max(0, this.alertsUp - this.alertsAtDcc);
    return {
      requests: {
        sent: this.sent,
        acknowledged: this.acknowledged,
        answered: this.answered,
        timedOut: this.timedOut,
        refusedByCode: Object.fromEntries(this.refusedByCode),
        deviceStatuses: Object.fromEntries(this.deviceStatuses),
        lost: open.lost,
        lostByClass: open.lostByClass,
        lostSample: open.lostSample,
        unfinished: open.unfinished,
        unfinishedSample: open.unfinishedSample,
      },
      alerts: {
        upAtHubs: this.alertsUp,
        upAtHubsByCode: { ...this.alertsUpByCode },
        atDcc: this.alertsAtDcc,
        atDccByCode: Object.fromEntries(this.alertsAtDccByCode),
        deliveredToParties: this.alertsDelivered,
        deliveredByCode: Object.fromEntries(this.alertsDeliveredByCode),
        lost: lostAlerts,
      },
      dccAnomalies: Object.fromEntries(this.dccAnomalies),
      latencyMs: this.latency(),
      targets: this.targets(targets),
    };
  }
}

function statsOf(byClass: ReadonlyMap<string, readonly number[]>): Record<string, LatencyStats> {
  const out: Record<string, LatencyStats> = {};
  for (const [cls, values] of byClass) {
    const sorted = [...values].sort((a, b) => a - b);
    out[cls] = {
      count: sorted.length,
      p50: percentileOf(sorted, 50),
      p95: percentileOf(sorted, 95),
      p99: percentileOf(sorted, 99),
      max: sorted.at(-1) ?? 0,
    };
  }
  return out;
}

export type SoakSummary = ReturnType<Accounting['summary']>;
