import { ok, type HandlerTable } from '../../device-core/handlers.js';
import type { MeterFirmware } from '../meter-firmware.js';

/**
 * Emulator choice for GCS33's Remaining Battery Life in Days (ZSE 0x0205): a full battery is
 * taken to last 15 years, and the days left are that share of it.
 */
const BATTERY_LIFE_DAYS = 15 * 365;

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
  // 7.3 Arm Supply: only a disabled (or armed) switch can be armed; an enabled one is refused
  // INVALID_STATE by the switch machine, as the RTDS ERROR variants answer.
  '7.3': (m) => {
    m.accrue();
    return ok({ supply: m.switchSupply('arm') });
  },
  // 7.4 Read Supply Status; a battery-powered meter (the GSME) also says its battery days (GCS33).
  '7.4': (m) => {
    const battery = (m as { batteryPercent?: unknown }).batteryPercent;
    return typeof battery === 'number'
      ? ok({ supply: m.supply, batteryDays: Math.round((battery / 100) * BATTERY_LIFE_DAYS) })
      : ok({ supply: m.supply });
  },
};
