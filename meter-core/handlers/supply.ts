import { ok, type HandlerTable } from '../../device-core/handlers.js';
import type { MeterFirmware } from '../meter-firmware.js';

/** SR family 7: the ESME's supply switch, the GSME's valve (meter-states.ts SUPPLY_SWITCH). */
export const SUPPLY_HANDLERS: HandlerTable<MeterFirmware> = {
  // 7.1 Enable Supply
  '7.1': (m) => {
    m.accrue();
    return ok({ supply: m.switchSupply('enable') });
  },
  // 7.2 Disable Supply
  '7.2': (m) => {
    m.accrue();
    return ok({ supply: m.switchSupply('disable') });
  },
  // 7.3 Arm Supply
  '7.3': (m) => {
    m.accrue();
    return ok({ supply: m.switchSupply('arm') });
  },
  // 7.4 Read Supply Status
  '7.4': (m) => ok({ supply: m.supply }),
};
