import { body, ok, type HandlerTable } from '../../device-core/handlers.js';
import { optNum } from '../../device-core/payload.js';
import type { MeterFirmware } from '../meter-firmware.js';

/**
 * SR family 4 (the reads both meters answer alike) and 6.13 (the event log). The registers
 * themselves (4.1.1) differ by fuel and live with each meter.
 */
export const READ_HANDLERS: HandlerTable<MeterFirmware> = {
  // 4.8.1 Read Active Import Profile Data: the last `count` half-hours (default 48)
  '4.8.1': (m, c) => {
    const count = c.payload === null ? 48 : (optNum(body(c), 'count', 1, 1440) ?? 48);
    return ok({ halfHours: m.profile(Math.floor(count), c.header.originator) });
  },
  // 4.17 Retrieve Daily Consumption Log: the last `days` days (default 7, at most 31)
  '4.17': (m, c) => {
    const days = c.payload === null ? 7 : (optNum(body(c), 'days', 1, 31) ?? 7);
    return ok({ days: m.dailyLog(Math.floor(days), c.header.originator) });
  },
  // 6.13 Read Event Or Security Log
  '6.13': (m, c) => {
    const count = c.payload === null ? 50 : (optNum(body(c), 'count', 1, 50) ?? 50);
    return ok({ events: m.events.read(Math.floor(count), m.dataStartFor(c.header.originator)).map((e) => ({ ...e })) });
  },
};
