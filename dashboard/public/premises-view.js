// @ts-check
import { useState } from 'preact/hooks';
import { act } from './api.js';
import { html, money, onlineBadge } from './html.js';
import { LogTable } from './log-view.js';

/** @typedef {import('../api-types.js').PremisesView} PremisesView */
/** @typedef {import('../api-types.js').DeviceView} DeviceView */
/** @typedef {import('../api-types.js').LogEntry} LogEntry */
/** @typedef {import('../api-types.js').ConsumerAction} ConsumerAction */

/** @param {{ device: DeviceView }} props */
function DeviceCard({ device }) {
  const rows = /** @type {[string, string][]} */ ([
    ['lifecycle', device.lifecycle],
    ['firmware', device.firmwareVersion + (device.pendingFirmware ? ` (pending ${device.pendingFirmware})` : '')],
  ]);
  if (device.powered !== undefined) rows.push(['power', device.powered ? 'on' : 'OFF']);
  if (device.mpxn) rows.push(['MPxN', device.mpxn]);
  if (device.supply) rows.push(['supply', device.supply]);
  if (device.paymentMode) rows.push(['credit mode', device.paymentMode]);
  if (device.balancePence !== undefined)
    rows.push(['balance', money(device.balancePence) + (device.emergencyCreditActive ? ' (emergency credit)' : '')]);
  for (const [name, value] of Object.entries(device.registers ?? {}))
    rows.push([name, Array.isArray(value) ? value.join(' / ') : String(value)]);
  if (device.joined && device.joined.length > 0) rows.push(['joined', device.joined.join(', ')]);
  return html`<div class="card" data-device=${device.type}>
    <h3>${device.type} <code>${device.eui}</code></h3>
    <table class="kv">
      ${rows.map(
        ([k, v]) =>
          html`<tr>
            <th>${k}</th>
            <td data-field=${k}>${v}</td>
          </tr>`,
      )}
    </table>
  </div>`;
}

/** @param {{ device: DeviceView }} props */
function Screen({ device }) {
  return html`<div class="display">
    <h3>${device.type} screen</h3>
    <pre class="lcd" data-screen=${device.type}>${(device.screen ?? []).join('\n')}</pre>
  </div>`;
}

/**
 * One premises: its devices and registers, its displays as they show now, the consumer's
 * actions, and its messages.
 * @param {{ home: PremisesView | undefined, log: LogEntry[] }} props
 */
export function PremisesView({ home, log }) {
  const [utrn, setUtrn] = useState('');
  const [fuel, setFuel] = useState(/** @type {'electricity' | 'gas'} */ ('electricity'));
  const [result, setResult] = useState('');
  if (!home) return html`<section><p>Loading premises…</p></section>`;
  const index = home.index;
  /** @param {ConsumerAction} action */
  const run = (action) => {
    act(index, { action, fuel, ...(action === 'enterUtrn' ? { utrn } : {}) })
      .then((answer) => setResult(`${answer.ok ? '✓' : '✗'} ${answer.detail}`))
      .catch((/** @type {Error} */ error) => setResult(`✗ ${error.message}`));
  };
  const displays = home.devices.filter((d) => d.screen);
  return html`<section>
    <h2>
      Premises ${home.index} <small>MPAN ${home.mpan} · MPRN ${home.mprn} · hub <code>${home.hub.eui}</code></small>
      ${onlineBadge(home.hub.online)}
    </h2>
    <div class="row">
      ${displays.map((d) => html`<${Screen} key=${d.eui} device=${d} />`)}
      <div class="actions card">
        <h3>Consumer</h3>
        <label
          >Fuel
          <select
            value=${fuel}
            onChange=${(/** @type {Event} */ e) =>
              setFuel(/** @type {'electricity' | 'gas'} */ (/** @type {HTMLSelectElement} */ (e.target).value))}
          >
            <option value="electricity">electricity</option>
            <option value="gas">gas</option>
          </select>
        </label>
        <form
          onSubmit=${(/** @type {Event} */ e) => {
            e.preventDefault();
            run('enterUtrn');
          }}
        >
          <input
            id="utrn-input"
            placeholder="UTRN (20 digits)"
            value=${utrn}
            onInput=${(/** @type {Event} */ e) => setUtrn(/** @type {HTMLInputElement} */ (e.target).value)}
          />
          <button id="utrn-enter" type="submit">Enter UTRN</button>
        </form>
        <div class="buttons">
          <button id="supply-button" onClick=${() => run('supplyButton')}>Supply button</button>
          <button id="emergency-credit" onClick=${() => run('emergencyCredit')}>Emergency credit</button>
          <button id="power-cut" class="danger" onClick=${() => run('powerCut')}>Power cut</button>
          <button id="power-restore" onClick=${() => run('powerRestore')}>Restore power</button>
        </div>
        <p id="action-result" class="result">${result}</p>
      </div>
    </div>
    <div class="grid">${home.devices.map((d) => html`<${DeviceCard} key=${d.eui} device=${d} />`)}</div>
    <h3>Messages for this premises</h3>
    <${LogTable} entries=${log.filter((e) => e.premises === index)} />
  </section>`;
}
