/**
 * Device alert codes (2 bytes), the representative set of FACTS: Alerts. `to` lists who the DCC
 * routes each one to; `requester` means the party whose command caused it.
 */
export const DEVICE_ALERTS = {
  0x8f35: { name: 'SupplyRestored', to: ['supplier', 'networkOperator'] },
  0x8f36: { name: 'SupplyRestoredAfterLongOutage', to: ['supplier', 'networkOperator'] },
  0x8f57: { name: 'SupplyInterruptedPhase1', to: ['networkOperator'] },
  0x8f58: { name: 'SupplyInterruptedPhase2', to: ['networkOperator'] },
  0x8f59: { name: 'SupplyInterruptedPhase3', to: ['networkOperator'] },
  0x8f5a: { name: 'SupplyInterrupted', to: ['networkOperator'] },
  0x810d: { name: 'LowCredit', to: ['supplier'] },
  0x8f0f: { name: 'CreditBelowDisablementThreshold', to: ['supplier'] },
  0x81aa: { name: 'EmergencyCreditExhausted', to: ['supplier'] },
  0x81ab: { name: 'EmergencyCreditActivated', to: ['supplier'] },
  0x8f1f: { name: 'LowBattery', to: ['supplier'] },
  0x8f1d: { name: 'GsmePowerSupplyLoss', to: ['supplier'] },
  0x8f3f: { name: 'Tamper', to: ['supplier'] },
  0x8f74: { name: 'CoverRemoved', to: ['supplier'] },
  0x8f75: { name: 'TamperDetected', to: ['supplier'] },
  0x8f76: { name: 'MagneticFieldDetected', to: ['supplier'] },
  0x8f77: { name: 'MagneticFieldCleared', to: ['supplier'] },
  0x8f78: { name: 'TamperCleared', to: ['supplier'] },
  0x8f72: { name: 'FirmwareVerified', to: ['supplier'] },
  0x8f43: { name: 'FirmwareVersionChanged', to: ['supplier'] },
  0x8f1c: { name: 'FirmwareVerificationFailed', to: ['supplier'] },
  0x8f66: { name: 'FutureDatedCommandActioned', to: ['requester'] },
  0x8f67: { name: 'FutureDatedCommandNotActioned', to: ['requester'] },
  0x8f69: { name: 'DeviceCommissioned', to: ['supplier'] },
  0x8f12: { name: 'ChfDeviceLogChanged', to: ['supplier'] },
  0x8071: { name: 'GpfDeviceLogChanged', to: ['supplier'] },
  0x8f51: { name: 'UtrnDuplicate', to: ['supplier'] },
  0x8f63: { name: 'UtrnNotAuthentic', to: ['supplier'] },
  0x8f64: { name: 'UtrnNotForThisDevice', to: ['supplier'] },
  0x8f5b: { name: 'UtrnExceedsMaximumCredit', to: ['supplier'] },
  0x81c4: { name: 'UtrnEntrySuspended', to: ['supplier'] },
  0x81c5: { name: 'UtrnEntryLockedOut', to: ['supplier'] },
  0x8f30: { name: 'CommandFromUnauthorisedSource', to: ['supplier'] },
  // Emulator choice: the facts give no code for "a UTRN typed at the meter or PPMID was
  // accepted" (BPM 02.03 local top-up: the meter tells the DCC, which tells the supplier).
  0x81a0: { name: 'UtrnAcceptedLocally', to: ['supplier'] },
  0x8f3d: { name: 'TrustedSourceAuthenticationFailed', to: ['supplier'] },
} as const satisfies Record<number, { name: string; to: readonly AlertRecipient[] }>;

export type AlertRecipient = 'supplier' | 'networkOperator' | 'meterOperator' | 'requester';
export type DeviceAlertCode = keyof typeof DEVICE_ALERTS;

export function isDeviceAlertCode(value: unknown): value is DeviceAlertCode {
  return typeof value === 'number' && Object.hasOwn(DEVICE_ALERTS, value);
}

/** `0x8F51` style, as the facts and DUIS write alert codes. */
export function formatAlertCode(code: number): string {
  return `0x${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * DCC alerts: the DCC's own notices. FACTS confirms only N24; every other meaning here is an
 * emulator choice (FACTS marks them unconfirmed), kept in this one table and documented in
 * docs/ARCHITECTURE.md.
 */
export const DCC_ALERTS = {
  N24: { meaning: 'result of an Update HAN Device Log (SR 8.11)', confirmed: true },
  N1: { meaning: 'power outage detected at a premises (hub, start time, MPxN)', confirmed: false },
  N2: { meaning: 'power restored at a premises', confirmed: false },
  N10: { meaning: 'meter point enrolled and available', confirmed: false },
  N11: { meaning: 'smart metering system can communicate', confirmed: false },
  N20: { meaning: 'change of supplier credentials update result', confirmed: false },
  N30: {
    meaning: 'webhook delivery of an inbox item gave up after 2 days (the item stays in the inbox)',
    confirmed: false,
  },
  N40: { meaning: 'smart metering system withdrawn', confirmed: false },
  AD1: { meaning: 'device alert delivered on behalf of the DCC', confirmed: false },
} as const;

export type DccAlertCode = keyof typeof DCC_ALERTS;
