// @ts-check
import { useState } from 'preact/hooks';
import { html, time } from './html.js';

/** @typedef {import('../api-types.js').LogEntry} LogEntry */
/** @typedef {import('../api-types.js').LogFilter} LogFilter */
/** @typedef {import('../api-types.js').PartyView} PartyView */

/**
 * A log entry's details: the decoded payload (from a PayloadDecoder on the server, whatever its
 * format), the raw bytes, and the JSON body of requests, deliveries and events.
 * @param {{ entry: LogEntry }} props
 */
function Detail({ entry }) {
  return html`<div class="detail">
    ${entry.requestId && html`<div>request id <code>${entry.requestId}</code></div>`}
    ${
      entry.decoded &&
      html`<div>
        decoded as <b>${entry.decoded.format}</b>
        <pre>${JSON.stringify(entry.decoded.fields, null, 2)}</pre>
      </div>`
    }
    ${entry.body !== undefined && html`<pre>${JSON.stringify(entry.body, null, 2)}</pre>`}
    ${entry.rawHex && html`<div>raw <code class="hex">${entry.rawHex}</code></div>`}
  </div>`;
}

/** @param {{ entries: LogEntry[] }} props */
export function LogTable({ entries }) {
  const [open, setOpen] = useState(/** @type {number | undefined} */ (undefined));
  const shown = entries.slice(-300).reverse();
  return html`<table class="log">
    <thead>
      <tr>
        <th>time</th>
        <th>kind</th>
        <th>premises</th>
        <th>SR</th>
        <th>code</th>
        <th>what</th>
      </tr>
    </thead>
    <tbody>
      ${shown.map(
        (entry) =>
          html`<tr
              key=${entry.seq}
              class=${`kind-${entry.kind}`}
              onClick=${() => setOpen(open === entry.seq ? undefined : entry.seq)}
            >
              <td>${time(entry.at)}</td>
              <td>${entry.kind}</td>
              <td>${entry.premises ?? ''}</td>
              <td>${entry.sr ?? ''}</td>
              <td>${entry.code ?? entry.alertCode ?? ''}</td>
              <td>${entry.summary}</td>
            </tr>
            ${
              open === entry.seq &&
              html`<tr class="open">
                <td colspan="6"><${Detail} entry=${entry} /></td>
              </tr>`
            }`,
      )}
    </tbody>
  </table>`;
}

/**
 * The whole log with its filters; the filter goes to the server, which sends what matches.
 * @param {{ entries: LogEntry[], filter: LogFilter, parties: PartyView[], onFilter: (f: LogFilter) => void }} props
 */
export function LogView({ entries, filter, parties, onFilter }) {
  /** @param {keyof LogFilter} key @returns {(e: Event) => void} */
  const set = (key) => (e) => {
    const value = /** @type {HTMLInputElement} */ (e.target).value.trim();
    onFilter({ ...filter, [key]: value === '' ? undefined : key === 'premises' ? Number(value) : value });
  };
  return html`<section>
    <h2>Message log <small>request → command → response, alerts, deliveries, events</small></h2>
    <div class="filters">
      <label
        >party
        <select id="filter-party" value=${filter.party ?? ''} onChange=${set('party')}>
          <option value="">any</option>
          ${parties.map((p) => html`<option value=${p.eui}>${p.name}</option>`)}
        </select></label
      >
      <label
        >premises <input id="filter-premises" size="5" value=${filter.premises ?? ''} onChange=${set('premises')}
      /></label>
      <label
        >SR <input id="filter-sr" size="7" placeholder="e.g. 2.2" value=${filter.sr ?? ''} onChange=${set('sr')}
      /></label>
      <label
        >kind
        <select id="filter-kind" value=${filter.kind ?? ''} onChange=${set('kind')}>
          <option value="">any</option>
          ${['request', 'answer', 'command', 'response', 'alert', 'delivery', 'event'].map((k) => html`<option value=${k}>${k}</option>`)}
        </select></label
      >
    </div>
    <${LogTable} entries=${entries} />
  </section>`;
}
