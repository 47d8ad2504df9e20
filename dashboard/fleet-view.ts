import type { DeviceFirmware } from '../device-core/firmware.js';
import { MeterFirmware } from '../meter-core/meter-firmware.js';
import { Ihd } from '../ihd/ihd.js';
import { Esme } from '../meter-esme/esme.js';
import { Gsme } from '../meter-gsme/gsme.js';
import type { Premises } from '../world/premises.js';
import type { DeviceView, PremisesView } from './api-types.js';

const round3 = (n: number) => Math.round(n * 1000) / 1000;

/**
 * A premises as it is now, read from the device models. Reading a meter accrues its registers
 * first (device-core/meter-firmware.ts: accrual is lazy), exactly as a read over the HAN would.
 */
export function premisesView(home: Premises): PremisesView {
  return {
    index: home.index,
    mpan: home.mpan,
    mprn: home.mprn,
    hub: { eui: home.hub.eui, online: home.hub.isOnline },
    devices: home.devices.map(deviceView),
  };
}

export function deviceView(device: DeviceFirmware): DeviceView {
  const base = {
    eui: device.eui,
    type: device.identity.type,
    lifecycle: device.lifecycle,
    firmwareVersion: device.identity.firmwareVersion,
  };
  if (device instanceof MeterFirmware) {
    device.accrue();
    return {
      ...base,
      powered: device.isPowered,
      ...(device.pendingFirmware ? { pendingFirmware: device.pendingFirmware.version } : {}),
      supply: device.supply,
      paymentMode: device.paymentMode,
      balancePence: Math.round(device.prepayment.balance * 100) / 100,
      emergencyCreditActive: device.prepayment.emergencyCreditActive,
      ...(device.mpxn !== undefined ? { mpxn: device.mpxn } : {}),
      registers: registersOf(device),
      joined: [...device.joined],
    };
  }
  if (device instanceof Ihd) return { ...base, screen: device.screen(), joined: device.joinedMeters };
  return base;
}

/** The registers a person reads off the meter, with the unit in the name. */
function registersOf(meter: MeterFirmware): Record<string, number | readonly number[]> {
  const cost = { accruedCostPence: round3(meter.accruedCostPence) };
  if (meter instanceof Esme)
    return {
      importKwh: round3(meter.registerUnits / 1000),
      touKwh: meter.touUnits.map((wh) => round3(wh / 1000)),
      exportKwh: round3(meter.exportWh() / 1000),
      powerW: meter.instantaneousPowerW(),
      ...cost,
    };
  if (meter instanceof Gsme)
    return {
      volumeM3: round3(meter.registerUnits / 1000),
      touM3: meter.touUnits.map((litres) => round3(litres / 1000)),
      batteryPercent: round3(meter.batteryPercent),
      ...cost,
    };
  return { units: meter.registerUnits, ...cost };
}

/** Does a premises match a search: any part of its MPAN, MPRN, or a device EUI (with or without hyphens). */
export function premisesMatches(home: Premises, query: string): boolean {
  const q = query.trim().toUpperCase().replace(/[-\s]/g, '');
  if (q === '') return true;
  if (home.mpan.includes(q) || home.mprn.includes(q) || String(home.index) === q) return true;
  return home.devices.some((device) => device.eui.replace(/-/g, '').includes(q));
}
