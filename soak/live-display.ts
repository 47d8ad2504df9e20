import cliProgress from 'cli-progress';
import type { Accounting } from './accounting.js';
import type { Sample } from './sample.js';

export interface DisplayState {
  readonly profile: string;
  readonly premises: number;
  readonly elapsedMs: number;
  readonly durationMs: number;
  readonly phase: string;
  readonly sample: Sample;
  readonly accounting: Accounting;
}

/** While a soak runs: a live display on a TTY, or plain periodic lines when stdout is not one. */
export interface LiveDisplay {
  update(state: DisplayState): void;
  /** A line that must stay (a phase change, a warning). */
  log(line: string): void;
  stop(): void;
}

const LINES = 6;

/** The lines under the bar: hubs, rates, latency per class, errors, memory. */
export function statusLines(state: DisplayState): string[] {
  const { sample, accounting: a } = state;
  const latency = Object.entries(a.latency())
    .map(([cls, l]) => `${cls} ${Math.round(l.p50)}/${Math.round(l.p95)}/${Math.round(l.p99)}`)
    .join('  ');
  const errors = [
    ...a.refusedByCode,
    ...[...a.timedOutByClass].map(([cls, n]) => [`timeout ${cls}`, n] as const),
    ...a.dccAnomalies,
  ]
    .map(([code, n]) => `${code} ${n}`)
    .join('  ');
  const perPremisesKb = state.premises > 0 ? Math.round((sample.fleetRssMb * 1024) / state.premises) : 0;
  return [
    `hubs online ${sample.hubsOnline}/${state.premises}   requests sent ${a.sent}  answered ${a.answered}  open ${a.outstanding}`,
    `per second: sent ${sample.sentPerSecond}  answered ${sample.answeredPerSecond}  alerts ${sample.alertsPerSecond}  errors ${sample.errorsPerSecond}`,
    `latency ms p50/p95/p99: ${latency || '-'}`,
    `errors by code: ${errors || 'none'}   alerts at hubs ${a.alertsUp}, at DCC ${a.alertsAtDcc}, to parties ${a.alertsDelivered}`,
    `memory: head-end ${sample.headEndRssMb} MB  fleet ${sample.fleetRssMb} MB (${perPremisesKb} KB/premises, heaps ${sample.fleetHeapMb} MB)  broker ${sample.brokerRssMb ? `${sample.brokerRssMb} MB` : 'external'}   event-loop lag p99 ${sample.lagP99Ms} ms`,
    `phase: ${state.phase}`,
  ];
}

/** cli-progress: a bar with the time, and the status lines as bars of their own that are all text. */
export class TtyDisplay implements LiveDisplay {
  private readonly multibar = new cliProgress.MultiBar(
    { clearOnComplete: false, hideCursor: true, linewrap: false, fps: 4, autopadding: true },
    cliProgress.Presets.shades_classic,
  );
  private readonly bar: cliProgress.SingleBar;
  private readonly lines: cliProgress.SingleBar[];

  constructor(profile: string, durationMs: number) {
    this.bar = this.multibar.create(
      Math.round(durationMs / 1000),
      0,
      { profile, clock: '' },
      { format: `soak ${profile} |{bar}| {percentage}% {clock}` },
    );
    this.lines = Array.from({ length: LINES }, () => this.multibar.create(1, 0, { line: '' }, { format: '{line}' }));
  }

  update(state: DisplayState): void {
    const clock = `${formatSeconds(state.elapsedMs)} / ${formatSeconds(state.durationMs)}`;
    this.bar.update(Math.min(Math.round(state.elapsedMs / 1000), Math.round(state.durationMs / 1000)), { clock });
    statusLines(state).forEach((line, i) => this.lines[i]?.update(0, { line }));
  }

  log(line: string): void {
    this.multibar.log(`${line}\n`);
  }

  stop(): void {
    this.multibar.stop();
  }
}

/** Not a TTY (CI, a pipe, a file): a compact line every `everyMs`. */
export class PlainDisplay implements LiveDisplay {
  private last = -Infinity;
  /** Counts at the last line: its rates cover the whole interval, not the last second's sample. */
  private counts = { sent: 0, answered: 0, alerts: 0 };

  constructor(
    private readonly write: (line: string) => void,
    private readonly everyMs: number,
  ) {}

  update(state: DisplayState): void {
    if (state.elapsedMs - this.last < this.everyMs) return;
    const seconds = Math.max(1, (state.elapsedMs - Math.max(0, this.last)) / 1000);
    this.last = state.elapsedMs;
    const a = state.accounting;
    const rate = (now: number, before: number) => Math.round(((now - before) / seconds) * 10) / 10;
    const rates = {
      sent: rate(a.sent, this.counts.sent),
      answered: rate(a.answered, this.counts.answered),
      alerts: rate(a.alertsDelivered, this.counts.alerts),
    };
    this.counts = { sent: a.sent, answered: a.answered, alerts: a.alertsDelivered };
    const s = state.sample;
    const p99 = Math.round(Math.max(0, ...Object.values(state.accounting.latency()).map((l) => l.p99)));
    const refused = Object.fromEntries(state.accounting.refusedByCode);
    this.write(
      `[${String(Math.round(state.elapsedMs / 1000)).padStart(5)}s] ${state.phase}  hubs ${s.hubsOnline}/${state.premises}  sent/s ${rates.sent}  answered/s ${rates.answered}  answered ${a.answered}/${a.sent}  p99 ${p99} ms  alerts/s ${rates.alerts} (${a.alertsDelivered})  refused ${JSON.stringify(refused)}  rss head-end ${s.headEndRssMb} MB fleet ${s.fleetRssMb} MB (heaps ${s.fleetHeapMb} MB)  lag p99 ${s.lagP99Ms} ms`,
    );
  }

  log(line: string): void {
    this.write(line);
  }

  stop(): void {}
}

function formatSeconds(ms: number): string {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}
