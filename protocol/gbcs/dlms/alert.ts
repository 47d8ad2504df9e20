import type { CosemDateTime } from './date-time.js';
import { COSEM_DATE_TIME_LENGTH, decodeCosemDateTime, encodeCosemDateTime } from './date-time.js';
import { obisFromBytes } from './obis-code.js';
import type { ObisCode } from './obis-code.js';
import type { DataNotification, DlmsData } from './types.js';

/**
 * The GBCS shape of a DLMS alert (GBCS-FACTS §8.7): the data-notification body is a structure
 * {long-unsigned alert code, octet-string(12) COSEM date-time, …use-case items}. `readGbcsAlert`
 * gives that view of a decoded notification, or undefined when the body has another shape (the
 * generic codec accepts any Data there; this is the use-case reading on top of it).
 */
export interface GbcsAlert {
  readonly alertCode: number;
  readonly timestamp: CosemDateTime;
  /** The items after the timestamp (none for a bare alert such as 8F30). */
  readonly items: readonly DlmsData[];
}

/**
 * The 19-byte third item of a future-dated alert (message code 00CC, §8.7): which command's
 * scheduled change the alert reports on.
 */
export interface FutureDatedReference {
  readonly messageCode: number;
  readonly originatorCounter: bigint;
  readonly classId: number;
  readonly instance: ObisCode;
  readonly attributeId: number;
}

const FUTURE_DATED_REFERENCE_LENGTH = 19;

/** Long-invoke-id-and-priority as GBCS sets it: 0x20 ‖ the low 24 bits of the counter (§8.1, §14.9). */
export function gbcsInvokeId(counter: bigint): number {
  return 0x2000_0000 | Number(BigInt.asUintN(24, counter));
}

export function readGbcsAlert(notification: DataNotification): GbcsAlert | undefined {
  const body = notification.body;
  if (body.type !== 'structure') return undefined;
  const [code, stamp, ...items] = body.items;
  if (code?.type !== 'long-unsigned' || stamp?.type !== 'octet-string') return undefined;
  if (stamp.bytes.length !== COSEM_DATE_TIME_LENGTH) return undefined;
  return { alertCode: code.value, timestamp: decodeCosemDateTime(stamp.bytes), items };
}

/** The data-notification for an alert raised with the device's counter `counter`. */
export function gbcsAlertNotification(counter: bigint, alert: GbcsAlert): DataNotification {
  return {
    type: 'data-notification',
    invokeId: gbcsInvokeId(counter),
    dateTime: null, // §14.9: the APDU date-time is always empty in GBCS
    body: {
      type: 'structure',
      items: [
        { type: 'long-unsigned', value: alert.alertCode },
        { type: 'octet-string', bytes: encodeCosemDateTime(alert.timestamp) },
        ...alert.items,
      ],
    },
  };
}

/** The original-command reference of a future-dated alert, or undefined if `item` is not one. */
export function readFutureDatedReference(item: DlmsData | undefined): FutureDatedReference | undefined {
  if (item?.type !== 'octet-string' || item.bytes.length !== FUTURE_DATED_REFERENCE_LENGTH) return undefined;
  const b = item.bytes;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return {
    messageCode: view.getUint16(0),
    originatorCounter: view.getBigUint64(2),
    classId: view.getUint16(10),
    instance: obisFromBytes(b.subarray(12, 18)),
    attributeId: view.getUint8(18),
  };
}
