import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderReportHtml } from './report-html.js';
import type { SoakReport } from './report-contents.js';

export type { SoakReport } from './report-contents.js';

/** report.json and report.html in `dir`. */
export function writeSoakReports(dir: string, report: SoakReport): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(dir, 'report.html'), renderReportHtml(report));
}

/** The closing summary on stdout: the accounting, then the targets table. */
export function summaryLines(report: SoakReport): string[] {
  const r = report.requests;
  const a = report.alerts;
  const lines = [
    '',
    `requests: sent ${r.sent}, acknowledged ${r.acknowledged}, answered ${r.answered}, timed out ${r.timedOut}, refused ${JSON.stringify(r.refusedByCode)}, lost ${r.lost}`,
    `alerts: acknowledged at the hubs ${a.upAtHubs}, logged by the DCC ${a.atDcc}, delivered to parties ${a.deliveredToParties} ${JSON.stringify(a.deliveredByCode)}, lost ${a.lost}`,
    `hubs: all online after ${report.connect.allOnlineAfterMs === null ? 'never' : `${(report.connect.allOnlineAfterMs / 1000).toFixed(1)} s`}, connect failures ${report.connect.failures}, frames lost at the premises ${report.fleet.upBufferOverflows}`,
    `memory: fleet peak ${report.memory.fleetPeakRssMb} MB (${report.memory.fleetRssPerPremisesKb} KB per premises), head-end ${report.memory.headEndPeakRssMb} MB, broker ${report.memory.brokerPeakRssMb === null ? 'external, not measured' : `${report.memory.brokerPeakRssMb} MB`}`,
    '',
    'target                                    count   value      target     result',
  ];
  for (const t of report.targets) {
    lines.push(
      `${t.subject.padEnd(40)} ${String(t.count).padStart(6)}   p${t.percentile} ${`${Math.round(t.valueMs)} ms`.padStart(8)}  ${`${t.targetMs} ms`.padStart(9)}  ${t.passed ? 'pass' : `FAIL${t.timedOut ? ` (${t.timedOut} timed out)` : ''}`}`,
    );
  }
  lines.push('', report.passed ? 'soak: PASS' : `soak: FAIL (${report.failures.join('; ')})`);
  return lines;
}
