import type { ServiceCommand } from '../../device-core/handlers.js';
import { optNum } from '../../device-core/payload.js';
import type { PlainValue } from '../../protocol/index.js';
import type { MeterFirmware } from '../meter-firmware.js';
import { fieldsOf } from './stored-configuration.js';

/**
 * The event codes a meter logs its own events under (emulator choice where GBCS's event table is
 * not in the facts: the alert codes the same happenings raise, else 0x8F01 "other").
 */
const EVENT_CODES: Readonly<Record<string, number>> = {
  commissioned: 0x8f69,
  'clock synchronised': 0x8f6a,
  'change of tenancy': 0x8f6b,
  'power restored': 0x8f35,
  tamper: 0x8f1c,
  'emergency credit': 0x8f4b,
};
const codeOf = (event: string): number => EVENT_CODES[event] ?? 0x8f01;

/**
 * SR 6.13: the log rows between `from` and `to` (ms, the GBCS range of ECS35a-g and CS10a/b), at
 * most `count` (default 50, the log's size), newest last. Each row carries every member any of
 * the use cases' rows has (`at`, `code`, `data`, `value`, `state`, `logId`), so that each codec
 * takes its own; `event` and `detail` keep the meter's own words for the JSON gateway.
 */
export function eventLogAnswer(m: MeterFirmware, c: ServiceCommand): PlainValue {
  const b = fieldsOf(c);
  const count = Math.floor(optNum(b, 'count', 1, 50) ?? 50);
  const from = Math.max(optNum(b, 'from', 0) ?? -Infinity, m.dataStartFor(c.header.originator));
  const to = optNum(b, 'to', 0) ?? Infinity;
  const security = b['useCase'] === 'ECS35b' || b['useCase'] === 'CS10b';
  const events = m.events
    .read(count, from)
    .filter((e) => e.at <= to)
    .map((e) => ({
      ...e,
      code: codeOf(e.event),
      data: '',
      value: 0,
      state: 0,
      logId: security ? 4 : 3,
    }));
  return {
    events,
    totalNumberOfEvents: events.length,
    commandIndex: 0,
    totalNumberOfCommands: 1,
    logPayloadControl: 0,
  };
}
