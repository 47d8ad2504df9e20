import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { SoakReport } from './report-contents.js';

const require = createRequire(import.meta.url);

/**
 * report.html: one self-contained file, openable offline. uPlot (script and style) is inlined,
 * the run's data is embedded as JSON, and the charts are drawn in the browser: throughput, hubs
 * online, latency percentiles per request class, alerts, errors, memory and event-loop lag. The
 * tables (targets pass/fail, accounting) are plain HTML, readable without script.
 */
export function renderReportHtml(report: SoakReport): string {
  const uplotJs = readFileSync(require.resolve('uplot/dist/uPlot.iife.min.js'), 'utf8').replaceAll(
    '</script',
    '<\\/script',
  );
  const uplotCss = readFileSync(require.resolve('uplot/dist/uPlot.min.css'), 'utf8');
  const data = JSON.stringify({ timeline: report.timeline, classes: Object.keys(report.latencyMs) }).replaceAll(
    '<',
    '\\u003c',
  );
  const r = report.requests;
  const a = report.alerts;
  const verdict = report.passed
    ? '<span class="pass">PASS</span>'
    : `<span class="fail">FAIL</span> (${escape(report.failures.join('; '))})`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>smetsim soak: ${escape(report.options.profile)}, ${report.options.premises} premises</title>
<style>${uplotCss}
body { font: 14px system-ui, sans-serif; margin: 1.5em; color: #222; }
h1 { font-size: 1.4em; } h2 { font-size: 1.1em; margin-top: 1.6em; }
table { border-collapse: collapse; margin: 0.5em 0; } td, th { border: 1px solid #ccc; padding: 3px 8px; text-align: right; } th { background: #f4f4f4; } td:first-child, th:first-child { text-align: left; }
.pass { color: #0a7d27; font-weight: bold; } .fail { color: #b00020; font-weight: bold; }
.charts { display: flex; flex-wrap: wrap; gap: 12px; } .chart { border: 1px solid #ddd; padding: 4px; }
</style>
</head>
<body>
<h1>smetsim soak: ${escape(report.options.profile)}, ${report.options.premises} premises, ${Math.round(report.options.durationMs / 1000)} s: ${verdict}</h1>
<p>${escape(report.profileDescription)}</p>
<p>Seed ${escape(report.options.seed)}; ${report.options.workers} fleet workers; started ${escape(report.startedAt)}.</p>

<h2>Response-time targets</h2>
<table><tr><th>class</th><th>count</th><th>percentile</th><th>value (ms)</th><th>target (ms)</th><th>timed out</th><th>result</th></tr>
${report.targets.map((t) => `<tr><td>${escape(t.subject)}</td><td>${t.count}</td><td>p${t.percentile}</td><td>${Math.round(t.valueMs)}</td><td>${t.targetMs}</td><td>${t.timedOut}</td><td class="${t.passed ? 'pass' : 'fail'}">${t.passed ? 'pass' : 'fail'}</td></tr>`).join('\n')}
</table>

<h2>Every message accounted for</h2>
<table><tr><th>requests</th><th>sent</th><th>acknowledged (I99)</th><th>answered</th><th>timed out</th><th>refused</th><th>lost</th></tr>
<tr><td>all</td><td>${r.sent}</td><td>${r.acknowledged}</td><td>${r.answered}</td><td>${r.timedOut}</td><td>${escape(JSON.stringify(r.refusedByCode))}</td><td class="${r.lost === 0 ? 'pass' : 'fail'}">${r.lost}</td></tr></table>
<table><tr><th>alerts</th><th>acknowledged at the hubs</th><th>logged by the DCC</th><th>delivered to parties</th><th>lost</th></tr>
<tr><td>all</td><td>${a.upAtHubs}</td><td>${a.atDcc}</td><td>${a.deliveredToParties}</td><td class="${a.lost === 0 ? 'pass' : 'fail'}">${a.lost}</td></tr></table>
<p>Delivered by code: ${escape(JSON.stringify(a.deliveredByCode))}. Device statuses: ${escape(JSON.stringify(r.deviceStatuses))}. DCC anomalies: ${escape(JSON.stringify(report.dccAnomalies))}.</p>

<h2>Latency per class (whole run, ms)</h2>
<table><tr><th>class</th><th>count</th><th>p50</th><th>p95</th><th>p99</th><th>max</th></tr>
${Object.entries(report.latencyMs)
  .map(
    ([cls, l]) =>
      `<tr><td>${escape(cls)}</td><td>${l.count}</td><td>${Math.round(l.p50)}</td><td>${Math.round(l.p95)}</td><td>${Math.round(l.p99)}</td><td>${Math.round(l.max)}</td></tr>`,
  )
  .join('\n')}
</table>

<h2>Memory</h2>
<p>Fleet process peak ${report.memory.fleetPeakRssMb} MB for ${report.options.premises} premises: ${report.memory.fleetRssPerPremisesKb} KB per premises (hub, GPF, ESME, GSME, IHD and the hub's MQTT connection). Head-end peak ${report.memory.headEndPeakRssMb} MB; broker ${report.memory.brokerPeakRssMb === null ? 'external, not measured' : `peak ${report.memory.brokerPeakRssMb} MB`}.</p>

<h2>Over time</h2>
<div class="charts" id="charts"></div>
<script>${uplotJs}</script>
<script type="application/json" id="soak-data">${data}</script>
<script>
(function () {
  var data = JSON.parse(document.getElementById('soak-data').textContent);
  var tl = data.timeline;
  var t = tl.map(function (s) { return s.t; });
  var colours = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b'];
  var holder = document.getElementById('charts');
  var drawn = 0;
  function chart(title, names, columns) {
    var div = document.createElement('div');
    div.className = 'chart';
    holder.appendChild(div);
    var series = [{ label: 's' }].concat(names.map(function (n, i) { return { label: n, stroke: colours[i % colours.length], width: 1.5 }; }));
    new uPlot({ title: title, width: 560, height: 240, series: series, scales: { x: { time: false } }, axes: [{ label: 'seconds' }, { size: 64 }] }, [t].concat(columns), div);
    drawn++;
  }
  function col(key) { return tl.map(function (s) { return s[key]; }); }
  chart('Throughput (per second)', ['sent', 'answered'], [col('sentPerSecond'), col('answeredPerSecond')]);
  chart('Hubs online', ['hubs'], [col('hubsOnline')]);
  data.classes.forEach(function (cls) {
    var pick = function (p) { return tl.map(function (s) { var l = s.latency[cls]; return l ? l[p] : null; }); };
    chart('Latency ' + cls + ' (ms)', ['p50', 'p95', 'p99'], [pick('p50'), pick('p95'), pick('p99')]);
  });
  chart('Alerts delivered (per second)', ['alerts'], [col('alertsPerSecond')]);
  chart('Errors (per second)', ['refused, timed out, anomalies'], [col('errorsPerSecond')]);
  chart('Memory (MB)', ['head-end RSS', 'fleet RSS', 'fleet heaps', 'broker RSS'], [col('headEndRssMb'), col('fleetRssMb'), col('fleetHeapMb'), col('brokerRssMb')]);
  chart('Head-end event-loop lag p99 (ms)', ['lag'], [col('lagP99Ms')]);
  document.body.setAttribute('data-charts', String(drawn));
})();
</script>
</body>
</html>
`;
}

function escape(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}
