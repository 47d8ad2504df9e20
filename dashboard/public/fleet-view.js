// @ts-check
import { useEffect, useState } from 'preact/hooks';
import { fleet } from './api.js';
import { html, money, onlineBadge } from './html.js';

/** @typedef {import('../api-types.js').PremisesView} PremisesView */
/** @typedef {import('../api-types.js').DeviceView} DeviceView */

/** @param {DeviceView | undefined} meter */
function meterCells(meter) {
  if (!meter) return html`<td colspan="4">—</td>`;
  return html`<td class=${meter.supply === 'Enabled' ? '' : 'warn'}>${meter.supply}</td>
    <td>${meter.paymentMode}</td>
    <td class="num">${money(meter.balancePence)}</td>
    <td>${meter.firmwareVersion}</td>`;
}

/**
 * Every premises, one row each, updated live; the search goes to the server (MPAN, MPRN, EUI).
 * @param {{ premises: Map<number, PremisesView> }} props
 */
export function FleetView({ premises }) {
  const [query, setQuery] = useState('');
  const [shown, setShown] = useState(/** @type {number[] | undefined} */ (undefined));
  useEffect(() => {
    const timer = setTimeout(() => {
      fleet(query)
        .then((answer) => setShown(answer.premises.map((p) => p.index)))
        .catch(() => setShown([]));
    }, 150);
    return () => clearTimeout(timer);
  }, [query]);
  const rows = (shown ?? [...premises.keys()]).map((i) => premises.get(i)).filter((p) => p !== undefined);
  return html`<section>
    <h2>Fleet <small>${rows.length} of ${premises.size} premises</small></h2>
    <input
      id="fleet-search"
      type="search"
      placeholder="Search by MPAN, MPRN or EUI"
      value=${query}
      onInput=${(/** @type {InputEvent} */ e) => setQuery(/** @type {HTMLInputElement} */ (e.target).value)}
    />
    <table class="fleet">
      <thead>
        <tr>
          <th rowspan="2">#</th>
          <th rowspan="2">MPAN / MPRN</th>
          <th rowspan="2">Hub</th>
          <th colspan="4">Electricity (ESME)</th>
          <th colspan="4">Gas (GSME)</th>
        </tr>
        <tr>
          <th>supply</th>
          <th>mode</th>
          <th>balance</th>
          <th>firmware</th>
          <th>supply</th>
          <th>mode</th>
          <th>balance</th>
          <th>firmware</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map((p) => {
          const esme = p.devices.find((d) => d.type === 'ESME');
          const gsme = p.devices.find((d) => d.type === 'GSME');
          return html`<tr key=${p.index} data-premises=${p.index}>
            <td><a href=${`#/premises/${p.index}`}>${p.index}</a></td>
            <td><a href=${`#/premises/${p.index}`}>${p.mpan}</a><br /><small>${p.mprn}</small></td>
            <td><code>${p.hub.eui}</code> ${onlineBadge(p.hub.online)}</td>
            ${meterCells(esme)} ${meterCells(gsme)}
          </tr>`;
        })}
      </tbody>
    </table>
  </section>`;
}
