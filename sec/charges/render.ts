import type { KpiReport } from './kpi.js';
import type { Invoice } from './invoice.js';

const pounds = (pence: number) =>
  `${pence < 0 ? '-' : ''}£${Math.floor(Math.abs(pence) / 100)}.${String(Math.abs(pence) % 100).padStart(2, '0')}`;

/** Millipence as pence with three decimals, from integers (no floating point). */
const unitPrice = (mp: number) =>
  `${mp < 0 ? '-' : ''}${Math.floor(Math.abs(mp) / 1000)}.${String(Math.abs(mp) % 1000).padStart(3, '0')}`;

function csvField(value: string | number): string {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Invoices as CSV: one row per line, with the invoice's totals repeated, amounts in pence (integers). */
export function invoicesCsv(invoices: readonly Invoice[]): string {
  const header = [
    'invoice',
    'party',
    'month',
    'issued',
    'due',
    'statement',
    'line',
    'description',
    'quantity',
    'unit',
    'unit_price_pence',
    'amount_pence',
    'subtotal_pence',
    'vat_bp',
    'vat_pence',
    'total_pence',
  ];
  const rows = invoices.flatMap((i) =>
    i.lines.map((l) => [
      i.id,
      i.party,
      i.month,
      new Date(i.issuedAt).toISOString(),
      new Date(i.dueAt).toISOString(),
      i.statement,
      l.code,
      l.description,
      l.quantity,
      l.unit,
      unitPrice(l.unitPriceMillipence),
      l.amountPence,
      i.subtotalPence,
      i.vatBp,
      i.vatPence,
      i.totalPence,
    ]),
  );
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

const escape = (text: string | number) =>
  String(text).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** A printable invoice page: no scripts, no outside resources, print-friendly CSS. */
export function invoiceHtml(invoice: Invoice, partyName: string): string {
  const rows = invoice.lines
    .map(
      (l) =>
        `<tr><td>${escape(l.description)}</td><td class="n">${l.quantity}</td><td>${escape(l.unit)}</td><td class="n">${unitPrice(l.unitPriceMillipence)}p</td><td class="n">${pounds(l.amountPence)}</td></tr>`,
    )
    .join('\n');
  const vat = `${Math.floor(invoice.vatBp / 100)}.${String(invoice.vatBp % 100).padStart(2, '0')}%`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>DCC invoice ${invoice.id}</title>
<style>body{font:14px/1.4 system-ui,sans-serif;margin:2em}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ccc;padding:4px 8px;text-align:left}.n{text-align:right}tfoot td{font-weight:bold}@media print{body{margin:0}}</style>
</head><body>
<h1>DCC invoice ${invoice.id}</h1>
<p>To: ${escape(partyName)} (${escape(invoice.party)})<br>Charging month: ${escape(invoice.month)}<br>Issued: ${new Date(invoice.issuedAt).toISOString().slice(0, 10)}<br>Due: ${new Date(invoice.dueAt).toISOString().slice(0, 10)}<br>Charging statement: ${invoice.statement}</p>
<table><thead><tr><th>Charge</th><th class="n">Quantity</th><th>Unit</th><th class="n">Unit price</th><th class="n">Amount</th></tr></thead>
<tbody>
${rows}
</tbody>
<tfoot><tr><td colspan="4">Subtotal</td><td class="n">${pounds(invoice.subtotalPence)}</td></tr>
<tr><td colspan="4">VAT at ${vat}</td><td class="n">${pounds(invoice.vatPence)}</td></tr>
<tr><td colspan="4">Total</td><td class="n">${pounds(invoice.totalPence)}</td></tr></tfoot></table>
<p>Pay now, dispute later: a disputed invoice is still due in full (SEC ch. 9).</p>
</body></html>
`;
}

/** The monthly performance report as a printable page: per service class, all parties then each. */
export function kpiHtml(report: KpiReport, nameOf: (party: string) => string): string {
  const pct = (bp: number) => `${Math.floor(bp / 100)}.${String(bp % 100).padStart(2, '0')}%`;
  const rows = report.lines
    .map(
      (l) =>
        `<tr><td>${escape(l.serviceClass)}</td><td>${l.party ? escape(nameOf(l.party)) : 'all parties'}</td><td class="n">${l.requests}</td><td class="n">${l.withinTarget}</td><td class="n">${l.excluded}</td><td class="n">${pct(l.shareBp)}</td><td class="n">${pct(l.targetBp)}</td><td>${l.met ? 'met' : '<b>missed</b>'}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>DCC performance ${escape(report.month)}</title>
<style>body{font:14px/1.4 system-ui,sans-serif;margin:2em}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ccc;padding:4px 8px;text-align:left}.n{text-align:right}</style>
</head><body>
<h1>DCC performance report, ${escape(report.month)}</h1>
<table><thead><tr><th>Service</th><th>Party</th><th class="n">Requests</th><th class="n">Within target</th><th class="n">Excluded</th><th class="n">Share</th><th class="n">Target</th><th>KPI</th></tr></thead>
<tbody>
${rows}
</tbody></table>
<p>Excluded: requests for a device in a replacement window, and requests made in a declared force-majeure period (SEC ch. 15).</p>
</body></html>
`;
}
