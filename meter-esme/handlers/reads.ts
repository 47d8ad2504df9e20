import { body, ok, type HandlerTable } from '../../device-core/handlers.js';
import { optNum } from '../../device-core/payload.js';
import { HALF_HOUR_MS, HALF_HOURS_PER_DAY, halfHourIndex } from '../../meter-core/consumption-model.js';
import { halfHoursIn, rangeOf } from '../../meter-core/handlers/reads.js';
import { round } from '../../meter-core/prepayment.js';
import type { Esme } from '../esme.js';

const DAY_MS = HALF_HOURS_PER_DAY * HALF_HOUR_MS;
const HOUR_MS = 3600_000;
/** GBCS's ESME TOU matrix has 48 registers (ECS17d) and 8 × 8 with blocks (ECS17e). */
const TOU_REGISTERS = 48;

/**
 * SR family 4, the electricity reads: registers in Wh, export, power, logs. Emulator choices the
 * facts leave open, each said where it is made:
 * - reactive energy is not modelled (the load is taken as purely resistive), so the varh
 *   registers and the reactive profile GBCS carries next to the Wh ones read 0;
 * - the meter has no block tariff: all of a TOU register's energy is in its first block;
 * - register history (the daily read log) is the register now less what the model says was
 *   used since, and TOU history is not kept: a past day's TOU registers read 0;
 * - the voltage is 240 V less a drop of 1 V per kW of the hour's average load; no sag or swell
 *   is ever counted; load limiting is never active (4.15), with a 15 kW threshold.
 */
export const ESME_READ_HANDLERS: HandlerTable<Esme> = {
  // 4.1.1 Read Instantaneous Import Registers: total and per TOU register, in Wh
  '4.1.1': (m) => {
    m.accrue();
    return ok({ importWh: round(m.registerUnits), importVarh: 0, touWh: m.touUnits.map(round) });
  },
  // 4.1.2 Read Instantaneous Import TOU Matrices (ECS17d)
  '4.1.2': (m) => {
    m.accrue();
    return ok({ touWh: padded(m.touUnits.map(Math.round), TOU_REGISTERS) });
  },
  // 4.1.3 Read Instantaneous Import TOU With Blocks Matrices (ECS17e): tier by tier, 8 blocks each
  '4.1.3': (m) => {
    m.accrue();
    const cells = Array.from({ length: 64 }, (_, i) => (i % 8 === 0 ? Math.round(m.touUnits[i / 8] ?? 0) : 0));
    return ok({ touBlockWh: cells });
  },
  // 4.2 Read Instantaneous Export Registers
  '4.2': (m) => ok({ exportWh: round(m.exportWh()), exportVarh: 0 }),
  // 4.4.4 Retrieve Billing Data Log (payment-based debt payments): none are taken by this meter
  '4.4.4': () => ok({ entries: [] }),
  // 4.4.5 Retrieve Billing Data Log (prepayment credits): the top-ups accepted, from the event log
  '4.4.5': (m, c) => {
    const since = m.dataStartFor(c.header.originator);
    const entries = m.events
      .read(undefined, since)
      .filter((e) => e.event === 'utrn accepted')
      .map((e) => ({ at: e.at, units: Number.parseInt(e.detail ?? '0', 10) || 0 }));
    return ok({ entries });
  },
  // 4.6.1 Retrieve Import Daily Read Log (ECS21a): the registers at the end of each day
  '4.6.1': (m, c) => {
    m.accrue();
    const b = c.payload === null ? {} : body(c);
    const r = rangeOf(m, b, DAY_MS, optNum(b, 'days', 1, 31) ?? 7, 731);
    const now = halfHourIndex(m.now());
    const since = m.dataStartFor(c.header.originator);
    const days = [];
    for (let d = r.first; d < r.end; d++) {
      if (d * DAY_MS < since) continue;
      const end = (d + 1) * HALF_HOURS_PER_DAY;
      days.push({
        day: (d + 1) * DAY_MS,
        importWh: Math.max(0, Math.round(m.registerUnits - m.model.sum(end, now))),
        touWh: padded([], TOU_REGISTERS),
      });
    }
    return ok({ days });
  },
  // 4.6.2 Retrieve Export Daily Read Log (ECS21c): the export register at the end of each day
  '4.6.2': (m, c) => {
    const b = c.payload === null ? {} : body(c);
    const r = rangeOf(m, b, DAY_MS, optNum(b, 'days', 1, 31) ?? 7, 731);
    const since = m.dataStartFor(c.header.originator);
    const days = [];
    for (let d = r.first; d < r.end; d++)
      if (d * DAY_MS >= since)
        days.push({ day: (d + 1) * DAY_MS, units: Math.round(m.exportUnitsIn(0, (d + 1) * HALF_HOURS_PER_DAY)) });
    return ok({ days });
  },
  // 4.8.2 Read Active Export Profile Data (ECS22c)
  '4.8.2': (m, c) => {
    const b = c.payload === null ? {} : body(c);
    const r = rangeOf(m, b, HALF_HOUR_MS, optNum(b, 'count', 1, 1440) ?? 48, 20_000);
    const since = m.dataStartFor(c.header.originator);
    const halfHours = [];
    for (let i = r.first; i < r.end; i++)
      if (i * HALF_HOUR_MS >= since)
        halfHours.push({ start: i * HALF_HOUR_MS, units: Math.round(m.exportUnitsIn(i, i + 1)) });
    return ok({ halfHours });
  },
  // 4.8.3 Read Reactive Import Profile Data (ECS22a): reactive energy is not modelled
  '4.8.3': (m, c) => {
    const b = c.payload === null ? {} : body(c);
    const r = rangeOf(m, b, HALF_HOUR_MS, optNum(b, 'count', 1, 1440) ?? 48, 20_000);
    const rows = halfHoursIn(m, r, c.header.originator).map((h) => ({ start: h.start, importVarh: 0, exportVarh: 0 }));
    return ok({ halfHours: rows });
  },
  // 4.10 Read Voltage (ECS23): hourly average RMS voltage, sag and swell counters
  '4.10': (m, c) => {
    const b = c.payload === null ? {} : body(c);
    const r = rangeOf(m, b, HOUR_MS, optNum(b, 'hours', 1, 744) ?? 24, 24 * 62);
    const voltage = [];
    for (let h = r.first; h < r.end; h++) {
      const wh = m.model.halfHour(2 * h) + m.model.halfHour(2 * h + 1);
      voltage.push({ start: h * HOUR_MS, volts: Math.round(240 - wh / 1000) });
    }
    return ok({ sags: 0, swells: 0, voltage, capturePeriodS: 3600 });
  },
  // 4.12.2 Read Export Maximum Demand Registers (ECS18a): the largest half-hour export since the meter started
  '4.12.2': (m) => {
    const end = halfHourIndex(m.now());
    let best = 0;
    let at = end;
    for (let i = Math.max(0, end - 31 * HALF_HOURS_PER_DAY); i < end; i++) {
      const wh = m.exportUnitsIn(i, i + 1);
      if (wh > best) [best, at] = [wh, i];
    }
    return ok({
      since: (end - 31 * HALF_HOURS_PER_DAY) * HALF_HOUR_MS,
      maxDemandW: Math.round(best * 2),
      at: at * HALF_HOUR_MS,
    });
  },
  // 4.15 Read Network Data (ECS27, load limiting): never limiting
  '4.15': () => ok({ limiting: false, limitingEvents: 0, thresholdW: 15_000, overThresholdS: 30, underThresholdS: 30 }),
  // 4.16 Read Active Power Import: the current half-hour's average power
  '4.16': (m) => ok({ powerW: m.instantaneousPowerW() }),
};

function padded(values: readonly number[], length: number): number[] {
  return Array.from({ length }, (_, i) => values[i] ?? 0);
}
