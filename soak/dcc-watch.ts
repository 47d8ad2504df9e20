import type { HeadEnd } from '../dcc-head-end/head-end.js';
import type { Accounting } from './accounting.js';
import type { SoakMetrics } from './soak-metrics.js';

/** The DCC anomalies soak counts as errors (event-log kinds). */
const ANOMALIES = new Set(['malformed-frame', 'unknown-device', 'bad-device-signature', 'unmatched-response']);

/**
 * Soak's view of the DCC: every inbox item (answers, device and DCC alerts) and every event the
 * head-end logs (device alerts as they arrive, anomalies) goes into the accounting, and answers'
 * latencies into the metrics.
 */
export function watchDcc(headEnd: HeadEnd, accounting: Accounting, metrics: SoakMetrics): void {
  headEnd.onInboxItem((_party, item) => {
    if (item.kind === 'response' && item.requestId && item.code) {
      const answered = accounting.answer(item.requestId, item.code, performance.now());
      if (answered) metrics.observe(answered.cls, answered.latencyMs);
    } else if (item.kind === 'deviceAlert' && item.alertCode) {
      // Both clocks are this machine's: the device's stamp and now.
      const raisedAt = Date.parse(String((item.body as { raisedAt?: string } | undefined)?.raisedAt));
      accounting.alertDelivered(item.alertCode, Number.isNaN(raisedAt) ? undefined : Date.now() - raisedAt);
    } else if (item.kind === 'dccAlert' && item.alertCode) accounting.alertDelivered(item.alertCode, undefined);
  });
  headEnd.onEvent((kind, detail) => {
    if (kind === 'device-alert') accounting.alertAtDcc(String(detail.code));
    else if (ANOMALIES.has(kind)) accounting.anomaly(kind);
  });
}
