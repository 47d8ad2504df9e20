import {
  DEVICE_ALERTS,
  isDeviceAlertCode,
  isEui,
  type AlertRecipient,
  type Eui64,
  type PlainValue,
} from '../protocol/index.js';
import type { DeviceRecord, Inventory } from './inventory.js';
import type { Registration } from './registration.js';

/**
 * Who receives a device alert (FACTS: Alerts; SEC §174): one table, `DEVICE_ALERTS[code].to`,
 * resolved against the registration on the date. An alert code outside the table goes to the
 * supplier (emulator choice: the supplier is responsible for the meter).
 */
export function alertRecipients(
  code: number,
  device: DeviceRecord,
  payload: PlainValue,
  registration: Registration,
  inventory: Inventory,
  at: number,
): Eui64[] {
  const to: readonly AlertRecipient[] = isDeviceAlertCode(code) ? DEVICE_ALERTS[code].to : ['supplier'];
  const points = pointsOf(device, inventory);
  const out = new Set<Eui64>();
  for (const recipient of to) {
    if (recipient === 'requester') {
      const requester = (payload as { requester?: unknown } | null)?.requester;
      if (isEui(requester)) out.add(requester);
      continue;
    }
    for (const { mpxn, fuel } of points) {
      const role =
        recipient === 'supplier'
          ? fuel === 'electricity'
            ? 'importSupplier'
            : 'gasSupplier'
          : recipient === 'networkOperator'
            ? fuel === 'electricity'
              ? 'electricityDistributor'
              : 'gasTransporter'
            : 'meterOperator';
      const party = registration.partyAt(mpxn, role, at);
      if (party) out.add(party);
    }
  }
  return [...out];
}

/** A meter's own point; for a hub, GPF or display, every point on its hub. */
function pointsOf(device: DeviceRecord, inventory: Inventory): { mpxn: string; fuel: 'electricity' | 'gas' }[] {
  if (device.type === 'ESME' && device.mpxn) return [{ mpxn: device.mpxn, fuel: 'electricity' }];
  if (device.type === 'GSME' && device.mpxn) return [{ mpxn: device.mpxn, fuel: 'gas' }];
  if (!device.hub) return [];
  const points = inventory.pointsOfHub(device.hub);
  return [
    ...(points.electricity ? [{ mpxn: points.electricity, fuel: 'electricity' as const }] : []),
    ...(points.gas ? [{ mpxn: points.gas, fuel: 'gas' as const }] : []),
  ];
}
