import { body, ok, type HandlerTable } from '../../device-core/handlers.js';
import { optNum } from '../../device-core/payload.js';
import { HALF_HOUR_MS, HALF_HOURS_PER_DAY, halfHourIndex } from '../../meter-core/consumption-model.js';
import { rangeOf } from '../../meter-core/handlers/reads.js';
import type { Esme } from '../esme.js';

const DAY_MS = HALF_HOURS_PER_DAY * HALF_HOUR_MS;

/**
 * The ESME's billing snapshots (4.4.2, 4.4.3) and prepayment daily read log (4.14). Nothing is
 * stored: a snapshot's import register is the register now less what the model says was used
 * since (emulator choice; a supply-off period is not subtracted). The meter keeps no balance
 * history, so the prepayment registers of every snapshot are those of now.
 */
export const ESME_BILLING_LOG_HANDLERS: HandlerTable<Esme> = {
  // 4.4.2 Change of Mode / Tariff Triggered Billing Data Log: a snapshot at each payment-mode or tariff change
  '4.4.2': (m, c) => {
    const b = c.payload === null ? {} : body(c);
    const r = rangeOf(m, b, DAY_MS, optNum(b, 'days', 1, 366) ?? 31, 3660);
    const since = Math.max(m.dataStartFor(c.header.originator), r.first * DAY_MS);
    const times = m.events
      .read(undefined, since)
      .filter((e) => (e.event === 'payment mode' || e.event.startsWith('tariff')) && e.at < r.end * DAY_MS)
      .map((e) => e.at);
    return ok({ snapshots: times.map((at) => snapshot(m, at)) });
  },
  // 4.4.3 Billing Calendar Triggered Billing Data Log: a snapshot at 00:00 on the first of each month
  '4.4.3': (m, c) => {
    const b = c.payload === null ? {} : body(c);
    const r = rangeOf(m, b, DAY_MS, optNum(b, 'days', 1, 366) ?? 93, 3660);
    const since = m.dataStartFor(c.header.originator);
    const snapshots = [];
    for (let d = r.first; d < r.end; d++) {
      const at = d * DAY_MS;
      if (new Date(at).getUTCDate() === 1 && at >= since) snapshots.push(snapshot(m, at));
    }
    return ok({ snapshots });
  },
  // 4.14 Retrieve Prepayment Daily Read Log: one entry per day at midnight
  '4.14': (m, c) => {
    const b = c.payload === null ? {} : body(c);
    const r = rangeOf(m, b, DAY_MS, optNum(b, 'days', 1, 31) ?? 7, 731);
    const since = m.dataStartFor(c.header.originator);
    const days = [];
    for (let d = r.first; d < r.end; d++) if (d * DAY_MS >= since) days.push({ at: (d + 1) * DAY_MS, ...prepay(m) });
    return ok({ days });
  },
};

function prepay(m: Esme) {
  m.accrue();
  return { ...m.prepayment.snapshot() };
}

function snapshot(m: Esme, at: number) {
  m.accrue();
  const used = m.model.sum(halfHourIndex(at), halfHourIndex(m.now()));
  return { at, importWh: Math.max(0, Math.round(m.registerUnits - used)), touWh: [], ...prepay(m) };
}
