import { body, ok, type HandlerTable } from '../../device-core/handlers.js';
import { num, PayloadError, str } from '../../device-core/payload.js';
import type { MeterFirmware } from '../meter-firmware.js';

/** SR families 3 and 6 (identity, clock, meter point, alerts, tenancy), as both meters execute them. */
export const CONFIGURATION_HANDLERS: HandlerTable<MeterFirmware> = {
  // 3.2 Restrict Access For Change Of Tenancy
  '3.2': (m, c) => {
    m.tenancyStart = num(body(c), 'tenancyStart', 0);
    m.events.record(m.now(), 'change of tenancy');
    return ok({ tenancyStart: m.tenancyStart });
  },
  // 6.2.4 Read Device Configuration (Identity Exc MPxN)
  '6.2.4': (m) =>
    ok({ eui: m.eui, type: m.identity.type, firmwareVersion: m.identity.firmwareVersion, lifecycle: m.lifecycle }),
  // 6.2.7 Read Device Configuration (MPxN)
  '6.2.7': (m) => ok(m.mpxnConfig()),
  // 6.11 Synchronise Clock: the emulated meter keeps DCC time; the request is logged and confirmed
  '6.11': (m) => {
    m.events.record(m.now(), 'clock synchronised');
    return ok({ time: m.now() });
  },
  // 6.20.1 Set Device Configuration (Import MPxN)
  '6.20.1': (m, c) => {
    m.setMpxn(str(body(c), 'mpxn'));
    return ok(m.mpxnConfig());
  },
  // 6.22 Configure Alert Behaviour: codes to switch off and on
  '6.22': (m, c) => {
    const b = body(c);
    const codes = (key: string): number[] => {
      const list = b[key] ?? [];
      if (
        !Array.isArray(list) ||
        !list.every((x) => typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= 0xffff)
      ) {
        throw new PayloadError(`${key} must be a list of 2-byte alert codes`, key);
      }
      return list as number[];
    };
    for (const code of codes('disable')) m.disabledAlerts.add(code);
    for (const code of codes('enable')) m.disabledAlerts.delete(code);
    return ok({ disabled: [...m.disabledAlerts].sort((a, b2) => a - b2) });
  },
};
