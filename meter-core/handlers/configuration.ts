import { body, ok, type HandlerTable } from '../../device-core/handlers.js';
import { num, optNum, PayloadError } from '../../device-core/payload.js';
import { str } from '../../device-core/payload.js';
import type { MeterFirmware } from '../meter-firmware.js';
import { configurationOf, storedValue } from '../configuration-store.js';
import { fieldsOf, stored, storedConfiguration } from './stored-configuration.js';

/**
 * SR families 3 and 6 (identity, clock, meter point, alerts, thresholds, tenancy), as both meters
 * execute them. The use cases' bodies are what protocol/gbcs/use-cases/configuration/ decodes; a
 * set whose object a read answers is stored (configuration-store.ts) and read back.
 */
export const CONFIGURATION_HANDLERS: HandlerTable<MeterFirmware> = {
  // 3.2 Restrict Access For Change Of Tenancy
  '3.2': (m, c) => {
    m.tenancyStart = num(body(c), 'tenancyStart', 0);
    m.events.record(m.now(), 'change of tenancy');
    return ok({ tenancyStart: m.tenancyStart });
  },
  // 6.2.1 voltage, 6.2.2 randomisation, 6.2.3 billing calendar, 6.2.5 power thresholds, 6.2.9
  // payment mode, 6.2.10 event and alert behaviours: the stored objects (or the factory's)
  '6.2.1': stored,
  '6.2.2': stored,
  '6.2.3': stored,
  // 6.2.4 Read Device Configuration (Identity Exc MPxN): the identity is the device's own
  '6.2.4': (m, c) =>
    storedConfiguration(m, c, {
      eui: m.eui,
      type: m.identity.type,
      firmwareVersion: m.identity.firmwareVersion,
      lifecycle: m.lifecycle,
      model: `smetsim ${m.identity.type}`,
      manufacturerName: 'smetsim',
      modelIdentifier: `smetsim ${m.identity.type}`,
      supplyTamper: storedValue(m, 'supplyTamper') ?? false,
    }),
  '6.2.5': stored,
  // 6.2.7 Read Device Configuration (MPxN)
  '6.2.7': (m) => ok(m.mpxnConfig()),
  '6.2.9': stored,
  '6.2.10': stored,
  // 6.4.1 load limiting settings, 6.4.2 its counter reset, 6.5 voltage, 6.7 gas flow, 6.8 billing
  // calendar, 6.12 power thresholds, 6.18.1/6.18.2 maximum demand, 6.25 supply tamper state,
  // 6.26 block counter reset, 6.27 RMS voltage counter reset: stored, read back by 6.2.x
  '6.4.1': stored,
  '6.4.2': stored,
  '6.5': stored,
  '6.7': stored,
  '6.8': stored,
  '6.12': stored,
  '6.18.1': stored,
  '6.18.2': stored,
  '6.25': stored,
  '6.26': stored,
  '6.27': stored,
  // 6.11 Synchronise Clock: the emulated meter keeps DCC time; GBCS lets the clock be set only
  // inside the command's validity window (ECS70 preset-adjusting-time, GCS28), so a command whose
  // window does not hold the meter's time is refused INVALID_STATE; otherwise it is logged.
  '6.11': (m, c) => {
    const b = fieldsOf(c);
    const from = optNum(b, 'validityStart', 0);
    const to = optNum(b, 'validityEnd', 0);
    const now = m.now();
    if ((from !== undefined && now < from) || (to !== undefined && now > to)) {
      return {
        status: 'INVALID_STATE',
        payload: { reason: 'the meter time is outside the validity window', time: now },
      };
    }
    m.events.record(now, 'clock synchronised');
    return ok({ time: now });
  },
  // 6.20.1 Set Device Configuration (Import MPxN)
  '6.20.1': (m, c) => {
    m.setMpxn(str(body(c), 'mpxn'));
    return ok(m.mpxnConfig());
  },
  // 6.22 Configure Alert Behaviour: codes to switch off and on (ECS25a's filter decodes to both
  // lists); the other filters and the GSME's event configuration (GCS20) are stored as sent
  '6.22': (m, c) => {
    const b = fieldsOf(c);
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
    const store = configurationOf(m);
    for (const [field, value] of Object.entries(b)) {
      if (!['useCase', 'disable', 'enable'].includes(field)) store.set(field, value);
    }
    return ok({ disabled: [...m.disabledAlerts].sort((a, b2) => a - b2) });
  },
};
