import { isEui, type AlertRecipient, type Eui64, type PlainValue } from '../protocol/index.js';
import type { DeviceRecord, Inventory } from './inventory.js';
import type { Registration } from './registration.js';

const SUPPLIER: readonly AlertRecipient[] = ['supplier'];
const NETWORK: readonly AlertRecipient[] = ['networkOperator'];
/**
 * Device faults also go to the meter operator registered for the meter point (issue 11 §6, from
 * the seed's §62: the meter services community is told of faults in time; design BRIEF: alerts
 * route to "supplier, network operator, registered meter operator"). Which codes count as faults
 * (tamper, firmware failure, integrity, battery and power supply) is an emulator choice.
 */
const FAULT: readonly AlertRecipient[] = ['supplier', 'meterOperator'];

/**
 * The routing table, keyed by the GBCS alert code (the wire value). The recipients follow the
 * "goes to" column of FACTS: Alerts unless a comment says otherwise.
 */
export const ALERT_ROUTES: Readonly<Record<number, readonly AlertRecipient[]>> = {
  0x8f35: ['supplier', 'networkOperator'], // supply outage restored (FACTS)
  0x8f36: ['supplier', 'networkOperator'], // supply outage restored, outage of 3 min or more (FACTS)
  0x8f57: NETWORK, // supply interrupted (FACTS)
  0x8f58: NETWORK, // supply interrupted on phase 1 (FACTS)
  0x8f59: NETWORK, // supply interrupted on phase 2 (FACTS)
  0x8f5a: NETWORK, // supply interrupted on phase 3 (FACTS)
  0x810d: SUPPLIER, // combined credit below low credit threshold (FACTS)
  0x8f0f: SUPPLIER, // credit below disablement threshold (FACTS)
  0x810e: SUPPLIER, // credit added locally (FACTS)
  0x81aa: SUPPLIER, // emergency credit exhausted (FACTS)
  0x81ab: SUPPLIER, // emergency credit activated (FACTS)
  0x8f1f: FAULT, // low battery capacity (FACTS: supplier; battery fault: meter operator too)
  0x8f1d: FAULT, // GSME power supply loss (FACTS: supplier; battery fault: meter operator too)
  0x8f3f: FAULT, // unauthorised physical access: tamper detect (FACTS: supplier; tamper: meter operator too)
  0x8f74: FAULT, // unauthorised physical access: meter cover removed (FACTS: supplier; tamper)
  0x8f75: FAULT, // unauthorised physical access: strong magnetic field (FACTS: supplier; tamper)
  0x8f76: FAULT, // unauthorised physical access: terminal cover removed (FACTS: supplier; tamper)
  0x8f77: FAULT, // unauthorised physical access: second terminal cover removed (FACTS: supplier; tamper)
  0x8f78: FAULT, // unauthorised physical access: other (FACTS: supplier; tamper)
  0x81bc: FAULT, // strong magnetic field removed (FACTS: supplier; the tamper's end, meter operator too)
  0x81a0: FAULT, // smart meter integrity issue, warning (FACTS: supplier; integrity: meter operator too)
  0x8f72: SUPPLIER, // firmware verification successful (FACTS)
  0x8f43: SUPPLIER, // change in the executing firmware version (FACTS)
  0x8f1c: FAULT, // firmware verification failed (FACTS: supplier; firmware failure: meter operator too)
  0x8f66: ['requester'], // future-dated command actioned (FACTS)
  0x8f67: ['requester'], // future-dated command not actioned (FACTS)
  0x8f69: SUPPLIER, // device commissioned (FACTS)
};

/** An alert code outside the table goes to the supplier (emulator choice: the supplier is responsible for the meter). */
export function routeOf(code: number): readonly AlertRecipient[] {
  return ALERT_ROUTES[code] ?? SUPPLIER;
}

/**
 * Who receives a device alert (FACTS: Alerts; SEC §174): the routing table, resolved against
 * the registration on the date.
 */
export function alertRecipients(
  code: number,
  device: DeviceRecord,
  payload: PlainValue,
  registration: Registration,
  inventory: Inventory,
  at: number,
): Eui64[] {
  const to = routeOf(code);
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
