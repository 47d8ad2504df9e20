/**
 * Device alert codes (2 bytes, GBCS). The key is the wire value; `name` is the code's name in
 * our source (`ALERT.SupplyInterrupted`), after GBCS's; `meaning` is GBCS's meaning as FACTS:
 * Alerts words it. Who the DCC routes each one to is head-end data, in dcc-head-end/alert-routing.ts
 * (one routing table).
 *
 * Sources, cited on every line:
 *   [F] ../shared/reference/FACTS.md, "Alerts" (code, GBCS meaning, recipients);
 *   [P] SmartDCC gbcs-parser src/util.ts, table `alertCodes` (the GBCS names), read for facts only.
 * FACTS calls its list "a representative set": a code not in both is not added here.
 */
export const DEVICE_ALERTS = {
  // Power (FACTS: Alerts; 0x8F57 is the supply as a whole, 0x8F58..0x8F5A phases 1..3) [F][P]
  0x8f35: { name: 'SupplyOutageRestored', meaning: 'supply outage restored' }, // [F][P]
  0x8f36: {
    name: 'SupplyOutageRestoredLongOutage',
    meaning: 'supply outage restored after an outage of 3 min or more',
  }, // [F][P]
  0x8f57: { name: 'SupplyInterrupted', meaning: 'supply interrupted' }, // [F][P]
  0x8f58: { name: 'SupplyInterruptedPhase1', meaning: 'supply interrupted on phase 1' }, // [F][P]
  0x8f59: { name: 'SupplyInterruptedPhase2', meaning: 'supply interrupted on phase 2' }, // [F][P]
  0x8f5a: { name: 'SupplyInterruptedPhase3', meaning: 'supply interrupted on phase 3' }, // [F][P]
  0x8f1f: { name: 'LowBatteryCapacity', meaning: 'low battery capacity' }, // [F][P]
  0x8f1d: { name: 'GsmePowerSupplyLoss', meaning: 'GSME power supply loss' }, // [F][P]

  // Prepayment
  0x810d: {
    name: 'LowCredit',
    meaning: 'combined credit below low credit threshold (prepayment mode)',
  }, // [F][P]
  0x810e: { name: 'CreditAddedLocally', meaning: 'credit added locally' }, // [F][P]
  0x8f0f: {
    name: 'CreditBelowDisablementThreshold',
    meaning: 'credit below disablement threshold (prepayment mode)',
  }, // [F][P]
  0x81aa: { name: 'EmergencyCreditExhausted', meaning: 'emergency credit exhausted' }, // [F][P]
  0x81ab: { name: 'EmergencyCreditActivated', meaning: 'emergency credit activated' }, // [F][P]
  0x8f51: { name: 'DuplicateUtrn', meaning: 'duplicate UTRN entered' }, // [F][P]
  0x8f63: { name: 'UtrnNotAuthentic', meaning: 'UTRN not authentic' }, // [F][P]
  0x8f64: { name: 'UtrnNotForThisDevice', meaning: 'UTRN not for this device' }, // [F][P]
  0x8f5b: {
    name: 'UtrnExceedsMaximumCredit',
    meaning: 'UTRN exceeds maximum credit threshold',
  }, // [F][P]
  0x81c4: { name: 'UtrnManualEntrySuspended', meaning: 'UTRN manual entry suspended' }, // [F][P]
  0x81c5: { name: 'UtrnLockedOut', meaning: 'UTRN rejected as locked out' }, // [F][P]

  // Unauthorised physical access (0x8F74..0x8F78 in this order; 0x81BC ends 0x8F75)
  0x8f3f: { name: 'TamperDetect', meaning: 'unauthorised physical access: tamper detect' }, // [F][P]
  0x8f74: {
    name: 'MeterCoverRemoved',
    meaning: 'unauthorised physical access: meter cover removed',
  }, // [F][P]
  0x8f75: {
    name: 'StrongMagneticField',
    meaning: 'unauthorised physical access: strong magnetic field',
  }, // [F][P]
  0x8f76: {
    name: 'TerminalCoverRemoved',
    meaning: 'unauthorised physical access: terminal cover removed',
  }, // [F][P]
  0x8f77: {
    name: 'SecondTerminalCoverRemoved',
    meaning: 'unauthorised physical access: second terminal cover removed',
  }, // [F][P]
  0x8f78: {
    name: 'OtherUnauthorisedPhysicalAccess',
    meaning: 'unauthorised physical access: other',
  }, // [F][P]
  0x81bc: { name: 'StrongMagneticFieldRemoved', meaning: 'strong magnetic field removed' }, // [F][P]

  // Integrity and firmware (0x81A0 is a meter integrity warning, not a UTRN event)
  0x81a0: {
    name: 'SmartMeterIntegrityIssueWarning',
    meaning: 'smart meter integrity issue, warning',
  }, // [F][P]
  0x8f1e: {
    name: 'CommandIntegrityCheckFailed',
    meaning: 'integrity check of content or format of command failed',
  }, // [F][P]
  0x8f72: { name: 'FirmwareVerificationSuccessful', meaning: 'firmware verification successful' }, // [F][P]
  0x8f43: {
    name: 'FirmwareVersionChanged',
    meaning: 'change in the executing firmware version',
  }, // [F][P]
  0x8f1c: { name: 'FirmwareVerificationFailed', meaning: 'firmware verification failed' }, // [F][P]

  // Commands and the device's own state
  0x8f66: { name: 'FutureDatedCommandActioned', meaning: 'future-dated command actioned' }, // [F][P]
  0x8f67: {
    name: 'FutureDatedCommandNotActioned',
    meaning: 'future-dated command not actioned',
  }, // [F][P]
  0x8f69: { name: 'DeviceCommissioned', meaning: 'device commissioned' }, // [F][P]
  0x8f12: { name: 'ChfDeviceLogChanged', meaning: 'CHF device log changed' }, // [F][P]
  0x8071: { name: 'GpfDeviceLogChanged', meaning: 'GPF device log changed' }, // [F][P]
  0x8f30: {
    name: 'SourceHasNoAuthority',
    meaning: 'source does not have authority for command',
  }, // [F][P]
  0x8f3d: {
    name: 'TrustedSourceAuthenticationFailure',
    meaning: 'trusted source authentication failure',
  }, // [F][P]
} as const satisfies Record<number, { name: string; meaning: string }>;

export type DeviceAlertCode = keyof typeof DEVICE_ALERTS;
export type DeviceAlertName = (typeof DEVICE_ALERTS)[DeviceAlertCode]['name'];

/**
 * The codes by name, derived from DEVICE_ALERTS: devices raise `ALERT.CreditAddedLocally`, never
 * a bare number, so a code lives in one place.
 */
export const ALERT = Object.freeze(
  Object.fromEntries(Object.entries(DEVICE_ALERTS).map(([code, alert]) => [alert.name, Number(code)])),
) as { readonly [C in DeviceAlertCode as (typeof DEVICE_ALERTS)[C]['name']]: C };

export function isDeviceAlertCode(value: unknown): value is DeviceAlertCode {
  return typeof value === 'number' && Object.hasOwn(DEVICE_ALERTS, value);
}

/** `0x8F51` style, as the facts and DUIS write alert codes. */
export function formatAlertCode(code: number): string {
  return `0x${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * DCC alerts: the DCC's own notices. FACTS: Alerts confirms N24 and AD1; every other meaning
 * here is an emulator choice (`confirmed: false`: FACTS says the other N-codes' meanings are not
 * public), kept in this one table and documented in docs/ARCHITECTURE.md.
 */
export const DCC_ALERTS = {
  // FACTS: Alerts, "N24 is the result of an Update HAN Device Log".
  N24: { meaning: 'result of an Update HAN Device Log (SR 8.11)', confirmed: true },
  // Emulator choices, each: FACTS gives no meaning for these N-codes.
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
  // FACTS: Alerts (SEC MP102A/B): AD1 is the hub's Power Outage Alert (> 3 min without power),
  // sent to the electricity network operator. The head-end still reports outages as N1 (its own
  // choice above); moving it onto AD1 is head-end work.
  AD1: { meaning: 'power outage alert: the hub has been without power for more than 3 minutes', confirmed: true },
} as const;

export type DccAlertCode = keyof typeof DCC_ALERTS;
