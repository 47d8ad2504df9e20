import { describe, expect, it } from 'vitest';
import { ALERT, DCC_ALERTS, DEVICE_ALERTS, formatAlertCode, isDeviceAlertCode } from '../../protocol/index.js';

/**
 * Each device alert code against its source: FACTS.md "Alerts" (GBCS meanings, as SmartDCC's
 * gbcs-parser `alertCodes` table names them). One row a code: [code, our name, GBCS meaning].
 */
const SOURCE: readonly (readonly [number, string, string])[] = [
  [0x8f35, 'SupplyOutageRestored', 'supply outage restored'],
  [0x8f36, 'SupplyOutageRestoredLongOutage', 'supply outage restored after an outage of 3 min or more'],
  // Issue 11 §6: these four were one off.
  [0x8f57, 'SupplyInterrupted', 'supply interrupted'],
  [0x8f58, 'SupplyInterruptedPhase1', 'supply interrupted on phase 1'],
  [0x8f59, 'SupplyInterruptedPhase2', 'supply interrupted on phase 2'],
  [0x8f5a, 'SupplyInterruptedPhase3', 'supply interrupted on phase 3'],
  [0x810d, 'LowCredit', 'combined credit below low credit threshold (prepayment mode)'],
  [0x8f0f, 'CreditBelowDisablementThreshold', 'credit below disablement threshold (prepayment mode)'],
  // Issue 11 §6: a local top-up is 0x810E, not 0x81A0.
  [0x810e, 'CreditAddedLocally', 'credit added locally'],
  [0x81aa, 'EmergencyCreditExhausted', 'emergency credit exhausted'],
  [0x81ab, 'EmergencyCreditActivated', 'emergency credit activated'],
  [0x8f1f, 'LowBatteryCapacity', 'low battery capacity'],
  [0x8f1d, 'GsmePowerSupplyLoss', 'GSME power supply loss'],
  [0x8f3f, 'TamperDetect', 'unauthorised physical access: tamper detect'],
  [0x8f74, 'MeterCoverRemoved', 'unauthorised physical access: meter cover removed'],
  // Issue 11 §6: 0x8F75..0x8F78 and 0x81BC were wrong.
  [0x8f75, 'StrongMagneticField', 'unauthorised physical access: strong magnetic field'],
  [0x8f76, 'TerminalCoverRemoved', 'unauthorised physical access: terminal cover removed'],
  [0x8f77, 'SecondTerminalCoverRemoved', 'unauthorised physical access: second terminal cover removed'],
  [0x8f78, 'OtherUnauthorisedPhysicalAccess', 'unauthorised physical access: other'],
  [0x81bc, 'StrongMagneticFieldRemoved', 'strong magnetic field removed'],
  // Issue 11 §6: 0x81A0 is an integrity warning, not a UTRN event.
  [0x81a0, 'SmartMeterIntegrityIssueWarning', 'smart meter integrity issue, warning'],
  [0x8f72, 'FirmwareVerificationSuccessful', 'firmware verification successful'],
  [0x8f43, 'FirmwareVersionChanged', 'change in the executing firmware version'],
  [0x8f1c, 'FirmwareVerificationFailed', 'firmware verification failed'],
  [0x8f66, 'FutureDatedCommandActioned', 'future-dated command actioned'],
  [0x8f67, 'FutureDatedCommandNotActioned', 'future-dated command not actioned'],
  [0x8f69, 'DeviceCommissioned', 'device commissioned'],
  [0x8f12, 'ChfDeviceLogChanged', 'CHF device log changed'],
  [0x8071, 'GpfDeviceLogChanged', 'GPF device log changed'],
  [0x8f51, 'DuplicateUtrn', 'duplicate UTRN entered'],
  [0x8f63, 'UtrnNotAuthentic', 'UTRN not authentic'],
  [0x8f64, 'UtrnNotForThisDevice', 'UTRN not for this device'],
  [0x8f5b, 'UtrnExceedsMaximumCredit', 'UTRN exceeds maximum credit threshold'],
  [0x81c4, 'UtrnManualEntrySuspended', 'UTRN manual entry suspended'],
  [0x81c5, 'UtrnLockedOut', 'UTRN rejected as locked out'],
  [0x8f30, 'SourceHasNoAuthority', 'source does not have authority for command'],
  [0x8f3d, 'TrustedSourceAuthenticationFailure', 'trusted source authentication failure'],
  [0x8f1e, 'CommandIntegrityCheckFailed', 'integrity check of content or format of command failed'],
];

describe('device alert codes (FACTS: Alerts; GBCS)', () => {
  it.each(SOURCE.map(([code, name, meaning]) => [formatAlertCode(code), name, code, meaning] as const))(
    '%s is %s',
    (_hex, name, code, meaning) => {
      expect(isDeviceAlertCode(code)).toBe(true);
      const entry = DEVICE_ALERTS[code as keyof typeof DEVICE_ALERTS];
      expect(entry.name).toBe(name);
      expect(entry.meaning).toBe(meaning);
      expect(ALERT[name as keyof typeof ALERT]).toBe(code);
    },
  );

  it('holds no code that the source does not list, and each name once', () => {
    expect(Object.keys(DEVICE_ALERTS).map(Number).sort()).toEqual(SOURCE.map(([code]) => code).sort());
    const names = Object.values(DEVICE_ALERTS).map((a) => a.name);
    expect(new Set(names).size).toBe(names.length);
    expect(Object.keys(ALERT).sort()).toEqual([...names].sort());
  });

  it('the corrected values, by name (issue 11 §6)', () => {
    expect(ALERT.SupplyInterrupted).toBe(0x8f57);
    expect([ALERT.SupplyInterruptedPhase1, ALERT.SupplyInterruptedPhase2, ALERT.SupplyInterruptedPhase3]).toEqual([
      0x8f58, 0x8f59, 0x8f5a,
    ]);
    expect(ALERT.StrongMagneticField).toBe(0x8f75);
    expect(ALERT.TerminalCoverRemoved).toBe(0x8f76);
    expect(ALERT.SecondTerminalCoverRemoved).toBe(0x8f77);
    expect(ALERT.OtherUnauthorisedPhysicalAccess).toBe(0x8f78);
    expect(ALERT.StrongMagneticFieldRemoved).toBe(0x81bc);
    expect(ALERT.SmartMeterIntegrityIssueWarning).toBe(0x81a0);
    expect(ALERT.CreditAddedLocally).toBe(0x810e);
  });

  it('writes codes as DUIS does', () => {
    expect(formatAlertCode(ALERT.CreditAddedLocally)).toBe('0x810E');
    expect(formatAlertCode(0x8071)).toBe('0x8071');
  });
});

describe('DCC alert codes (FACTS: Alerts)', () => {
  it('marks as confirmed only what FACTS confirms: N24 and AD1', () => {
    const confirmed = Object.entries(DCC_ALERTS)
      .filter(([, a]) => a.confirmed)
      .map(([code]) => code);
    expect(confirmed.sort()).toEqual(['AD1', 'N24']);
    expect(DCC_ALERTS.AD1.meaning).toMatch(/power outage/);
  });
});
