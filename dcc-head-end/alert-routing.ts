import { ALERT, isEui, type Eui64, type PlainValue } from '../protocol/index.js';
import type { DeviceRecord, Inventory } from './inventory.js';
import type { Registration } from './registration.js';

/** Who a device alert goes to; `requester` is the party whose command caused it (SEC §174 via FACTS: Alerts). */
export type AlertRecipient = 'supplier' | 'networkOperator' | 'meterOperator' | 'requester';

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
 * The routing table, keyed by the GBCS alert code (the wire value, named from protocol/alert-codes.ts). The recipients follow the
 * "goes to" column of FACTS: Alerts unless a comment says otherwise.
 */
export const ALERT_ROUTES: Readonly<Record<number, readonly AlertRecipient[]>> = {
  [ALERT.SupplyOutageRestored]: ['supplier', 'networkOperator'], // supply outage restored (FACTS)
  [ALERT.SupplyOutageRestoredLongOutage]: ['supplier', 'networkOperator'], // supply outage restored, outage of 3 min or more (FACTS)
  [ALERT.SupplyInterrupted]: NETWORK, // supply interrupted (FACTS)
  [ALERT.SupplyInterruptedPhase1]: NETWORK, // supply interrupted on phase 1 (FACTS)
  [ALERT.SupplyInterruptedPhase2]: NETWORK, // supply interrupted on phase 2 (FACTS)
  [ALERT.SupplyInterruptedPhase3]: NETWORK, // supply interrupted on phase 3 (FACTS)
  [ALERT.LowCredit]: SUPPLIER, // combined credit below low credit threshold (FACTS)
  [ALERT.CreditBelowDisablementThreshold]: SUPPLIER, // credit below disablement threshold (FACTS)
  [ALERT.CreditAddedLocally]: SUPPLIER, // credit added locally (FACTS)
  [ALERT.EmergencyCreditExhausted]: SUPPLIER, // emergency credit exhausted (FACTS)
  [ALERT.EmergencyCreditActivated]: SUPPLIER, // emergency credit activated (FACTS)
  [ALERT.LowBatteryCapacity]: FAULT, // low battery capacity (FACTS: supplier; battery fault: meter operator too)
  [ALERT.GsmePowerSupplyLoss]: FAULT, // GSME power supply loss (FACTS: supplier; battery fault: meter operator too)
  [ALERT.TamperDetect]: FAULT, // unauthorised physical access: tamper detect (FACTS: supplier; tamper: meter operator too)
  [ALERT.MeterCoverRemoved]: FAULT, // unauthorised physical access: meter cover removed (FACTS: supplier; tamper)
  [ALERT.StrongMagneticField]: FAULT, // unauthorised physical access: strong magnetic field (FACTS: supplier; tamper)
  [ALERT.TerminalCoverRemoved]: FAULT, // unauthorised physical access: terminal cover removed (FACTS: supplier; tamper)
  [ALERT.SecondTerminalCoverRemoved]: FAULT, // unauthorised physical access: second terminal cover removed (FACTS: supplier; tamper)
  [ALERT.OtherUnauthorisedPhysicalAccess]: FAULT, // unauthorised physical access: other (FACTS: supplier; tamper)
  [ALERT.StrongMagneticFieldRemoved]: FAULT, // strong magnetic field removed (FACTS: supplier; the tamper's end, meter operator too)
  [ALERT.SmartMeterIntegrityIssueWarning]: FAULT, // smart meter integrity issue, warning (FACTS: supplier; integrity: meter operator too)
  [ALERT.FirmwareVerificationSuccessful]: SUPPLIER, // firmware verification successful (FACTS)
  [ALERT.FirmwareVersionChanged]: SUPPLIER, // change in the executing firmware version (FACTS)
  [ALERT.FirmwareVerificationFailed]: FAULT, // firmware verification failed (FACTS: supplier; firmware failure: meter operator too)
  [ALERT.FutureDatedCommandActioned]: ['requester'], // future-dated command actioned (FACTS)
  [ALERT.FutureDatedCommandNotActioned]: ['requester'], // future-dated command not actioned (FACTS)
  [ALERT.DeviceCommissioned]: SUPPLIER, // device commissioned (FACTS)
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
