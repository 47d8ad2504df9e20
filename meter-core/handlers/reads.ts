import { body, ok, type HandlerTable } from '../../device-core/handlers.js';
import { optNum, PayloadError, type PayloadMap } from '../../device-core/payload.js';
import { HALF_HOUR_MS, HALF_HOURS_PER_DAY } from '../consumption-model.js';
import type { MeterFirmware } from '../meter-firmware.js';
import { eventLogAnswer } from './event-log-read.js';
import { round } from '../prepayment.js';

const DAY_MS = HALF_HOURS_PER_DAY * HALF_HOUR_MS;

/**
 * SR family 4 (the reads both meters answer alike) and 6.13 (the event log). The registers
 * themselves (4.1.1) differ by fuel and live with each meter.
 *
 * A log or profile read names its range as GBCS does (ECS22b, ECS66, GCS17, GCS61: `from` and
 * `to`, ms), or, from the JSON gateway's older bodies, a count of the last whole periods. Only
 * completed periods are returned, and none from before the requester's data start (3.2).
 */
export const READ_HANDLERS: HandlerTable<MeterFirmware> = {
  // 4.8.1 Read Active Import Profile Data: half-hours in [from, to), or the last `count` (default 48)
  '4.8.1': (m, c) => {
    const b = c.payload === null ? {} : body(c);
    const range = rangeOf(m, b, HALF_HOUR_MS, optNum(b, 'count', 1, 1440) ?? 48, 20_000);
    return ok({ halfHours: halfHoursIn(m, range, c.header.originator) });
  },
  // 4.17 Retrieve Daily Consumption Log: days in [from, to), or the last `days` (default 7, at most 31)
  '4.17': (m, c) => {
    const b = c.payload === null ? {} : body(c);
    const range = rangeOf(m, b, DAY_MS, optNum(b, 'days', 1, 31) ?? 7, 731);
    return ok({ days: daysIn(m, range, c.header.originator) });
  },
  // 6.13 Read Event Or Security Log: the range and the GBCS event codes (ECS35a-g, CS10a/b),
  // meter-core/handlers/event-log-read.ts
  '6.13': (m, c) => ok(eventLogAnswer(m, c)),
};

interface Range {
  readonly first: number;
  readonly end: number;
}

/** The periods [first, end) a read asks for, as period indexes; refuses a range over `max` periods. */
export function rangeOf(m: MeterFirmware, b: PayloadMap, periodMs: number, count: number, max: number): Range {
  const now = Math.floor(m.now() / periodMs);
  const from = optNum(b, 'from');
  const to = optNum(b, 'to');
  if (from === undefined || to === undefined) return { first: now - Math.floor(count), end: now };
  if (to < from) throw new PayloadError('to must not be before from', 'to');
  const first = Math.ceil(from / periodMs);
  const end = Math.min(now, Math.ceil(to / periodMs));
  if (end - first > max) throw new PayloadError(`the range spans more than ${max} periods`, 'from');
  return { first, end };
}

export function halfHoursIn(m: MeterFirmware, r: Range, requester: Parameters<MeterFirmware['dataStartFor']>[0]) {
  const since = m.dataStartFor(requester);
  const out: { start: number; units: number }[] = [];
  for (let i = r.first; i < r.end; i++) {
    const start = i * HALF_HOUR_MS;
    if (start >= since) out.push({ start, units: round(m.model.halfHour(i)) });
  }
  return out;
}

export function daysIn(m: MeterFirmware, r: Range, requester: Parameters<MeterFirmware['dataStartFor']>[0]) {
  const since = m.dataStartFor(requester);
  const out: { day: number; units: number }[] = [];
  for (let d = r.first; d < r.end; d++) {
    const start = d * DAY_MS;
    if (start >= since)
      out.push({ day: start, units: round(m.model.sum(d * HALF_HOURS_PER_DAY, (d + 1) * HALF_HOURS_PER_DAY)) });
  }
  return out;
}
