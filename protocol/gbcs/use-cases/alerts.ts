import type { DeviceType } from '../../device-type.js';
import type { Eui64 } from '../../eui.js';
import { cosemDateTimeFromDate, cosemDateTimeToDate, gbcsAlertNotification, readGbcsAlert } from '../dlms/index.js';
import type { GeneralSigning } from '../envelope/types.js';
import type { GbcsPayload } from '../payload.js';
import { WireError } from '../wire/wire-error.js';

/** The generic alert message codes (GBCS-FACTS §5): critical alerts are device-signed, the rest MAC'd (§1). */
export const GENERIC_CRITICAL_ALERT = 0x1000;
export const GENERIC_NON_CRITICAL_ALERT = 0x1001;

/** Seconds from the Unix epoch to 2000-01-01 00:00Z, the GBZ alert timestamp's epoch (GBCS-FACTS §9.3). */
const GBZ_EPOCH_S = 946_684_800;

/** A device alert as the emulator raises it: the 2-byte code and when (ms since the epoch, device clock). */
export interface DeviceAlert {
  readonly alertCode: number;
  readonly at: number;
}

/**
 * Which alerts go critical (message code 0x1000, signed by the device, no MAC) and which
 * non-critical (0x1001, MAC'd device ↔ recipient, KDF type 03): GBCS-FACTS §1. The RTDS shows
 * 0x8F30 (no authority) as critical and 0x810E (credit added locally) as non-critical; the facts
 * give no complete list. Emulator choice: the 0x8Fxx block (security, supply and integrity events)
 * is critical, everything else non-critical.
 */
export function isCriticalAlert(alertCode: number): boolean {
  return alertCode >> 8 === 0x8f;
}

/** DLMS data-notification for ESME and CHF, GBZ alert for GSME and GPF (GBCS-FACTS §7, §8.7, §9.3). */
function usesGbz(device: DeviceType): boolean {
  return device === 'GSME' || device === 'GPF';
}

/** The alert's content: `0F` {code, COSEM date-time} or `01 09 00` code ‖ seconds since 2000 (bare alerts). */
export function encodeAlertPayload(device: DeviceType, counter: bigint, alert: DeviceAlert): GbcsPayload {
  if (usesGbz(device)) {
    const seconds = Math.max(0, Math.floor(alert.at / 1000) - GBZ_EPOCH_S);
    return {
      kind: 'gbz',
      gbz: { form: 'alert', alertCode: alert.alertCode, timestamp: seconds, body: { kind: 'none' } },
    };
  }
  return {
    kind: 'dlms',
    apdu: gbcsAlertNotification(counter, {
      alertCode: alert.alertCode,
      // The RTDS alerts leave the day of the week unspecified (FF).
      timestamp: { ...cosemDateTimeFromDate(new Date(alert.at)), dayOfWeek: 0xff },
      items: [],
    }),
  };
}

/** The alert code and time of an alert's content, DLMS or GBZ; WireError BAD_ALERT for any other shape. */
export function decodeAlertPayload(payload: GbcsPayload): DeviceAlert {
  if (payload.kind === 'gbz' && payload.gbz.form === 'alert')
    return { alertCode: payload.gbz.alertCode, at: (payload.gbz.timestamp + GBZ_EPOCH_S) * 1000 };
  if (payload.kind === 'dlms' && payload.apdu.type === 'data-notification') {
    const alert = readGbcsAlert(payload.apdu);
    if (alert) return { alertCode: alert.alertCode, at: cosemDateTimeToDate(alert.timestamp)?.getTime() ?? 0 };
  }
  throw new WireError('BAD_ALERT', `a ${payload.kind} payload is not a GBCS alert`, 'content');
}

/**
 * The General-Signing APDU of a device alert (GBCS-FACTS §4): CRA 03, the device's own counter,
 * the recipient the device was configured with (the supplier or the ACB). The signature field is
 * `00`: the caller signs a critical one, MACs the rest.
 */
export function buildAlertSigning(
  device: { readonly eui: Eui64; readonly type: DeviceType },
  counter: bigint,
  recipient: Eui64,
  alert: DeviceAlert,
): GeneralSigning {
  return {
    header: {
      cra: 'alert',
      counter,
      originator: device.eui,
      recipient,
      dateTime: null,
      otherInformation: {
        form: 'plain',
        messageCode: isCriticalAlert(alert.alertCode) ? GENERIC_CRITICAL_ALERT : GENERIC_NON_CRITICAL_ALERT,
      },
    },
    payload: encodeAlertPayload(device.type, counter, alert),
    signature: { kind: 'unsigned' },
  };
}
