import { body, ok, type HandlerTable } from '../../device-core/handlers.js';
import { optNum, PayloadError, str, type PayloadMap } from '../../device-core/payload.js';
import type { MeterFirmware } from '../meter-firmware.js';

const MINUTE_MS = 60_000;
/** ZSE: a display duration of 0xFFFF minutes means "until replaced". */
const UNTIL_REPLACED = 0xffff;
/** ZSE Log Ids the meter's one event log answers for: 0 all logs, 3 the general event log. */
const EVENT_LOG_IDS = [0, 3];

function text(b: PayloadMap, key: string, max: number): string {
  const value = str(b, key);
  if (value.length > max) throw new PayloadError(`${key} must be at most ${max} characters`, key);
  return value;
}

/**
 * SR families 3 (messages, event logs, supplier details, privacy PIN), 9.1 and 1.7, as both meters
 * execute them; 3.2 (tenancy) is in configuration.ts, 14.1 is the GSME's own.
 */
export const TENANCY_HANDLERS: HandlerTable<MeterFirmware> = {
  // 1.7 Reset Tariff Block Counter Matrix: block counters count from now
  '1.7': (m) => {
    m.accrue();
    m.settings.blockCountersResetAt = m.now();
    m.settings.blockCounterBaseUnits = m.registerUnits;
    m.events.record(m.now(), 'block counters reset');
    return ok({ blockCountersResetAt: m.now() });
  },
  // 3.1 Display Message: shown on the meter (and its IHD) until replaced or its duration ends
  '3.1': (m, c) => {
    const b = body(c);
    const minutes = optNum(b, 'durationMinutes', 1, UNTIL_REPLACED) ?? UNTIL_REPLACED;
    m.settings.displayMessage = {
      text: text(b, 'message', 255),
      shownAt: m.now(),
      until: minutes === UNTIL_REPLACED ? undefined : m.now() + minutes * MINUTE_MS,
    };
    return ok({ message: m.settings.displayMessage.text });
  },
  // 3.3 Clear Event Log: the ESME's event log (ECS15a) or ALCS log (ECS15c, none kept); the GSME's by ZSE log id
  '3.3': (m, c) => {
    const b = body(c);
    const logId = optNum(b, 'logId', 0, 7);
    const alcs = b.log === 'alcs';
    const clearsEvents = logId === undefined ? !alcs : EVENT_LOG_IDS.includes(logId);
    const cleared = clearsEvents ? m.events.clear() : 0;
    return ok({ log: alcs ? 'alcs' : 'event', cleared });
  },
  // 3.4 Update Supplier Name: the name and telephone the meter shows the consumer
  '3.4': (m, c) => {
    const b = body(c);
    m.settings.supplierName = text(b, 'supplierName', 64);
    m.settings.supplierTelephone = text(b, 'supplierTelephone', 64);
    return ok({ supplierName: m.settings.supplierName, supplierTelephone: m.settings.supplierTelephone });
  },
  // 3.5 Disable Privacy PIN
  '3.5': (m) => {
    m.settings.privacyPinEnabled = false;
    m.events.record(m.now(), 'privacy PIN disabled');
    return ok({ privacyPinEnabled: false });
  },
  // 9.1 Request Customer Identification Number: the meter shows the CIN the DCC chose
  '9.1': (m, c) => {
    m.settings.cin = text(body(c), 'cin', 16);
    return ok({ cin: m.settings.cin });
  },
};
