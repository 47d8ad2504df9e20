import type { DeviceStatus } from '../../../device-status.js';

/**
 * How a refusal crosses GBCS in the reads (ISSUE13 plan, "Outcomes"). Each status the facts let a
 * code tell apart keeps its own code both ways; the RTDS ERROR variants of the 4.x reads show
 * DLMS hardware-fault (1) and ZCL HARDWARE_FAILURE (0xC0) / FAILURE (0x01), so an internal error
 * is sent as those. Any other status goes as other-reason (250) / FAILURE, and a code this table
 * does not name decodes as BAD_PAYLOAD.
 */
const DLMS: readonly (readonly [DeviceStatus, number])[] = [
  ['INTERNAL_ERROR', 1], // hardware-fault
  ['INVALID_STATE', 2], // temporary-failure
  ['REFUSED_AUTHORITY', 3], // read-write-denied
  ['NOT_SUPPORTED', 11], // object-unavailable
  ['BAD_PAYLOAD', 12], // type-unmatched
];

const ZCL: readonly (readonly [DeviceStatus, number])[] = [
  ['INTERNAL_ERROR', 0xc0], // HARDWARE_FAILURE
  ['NOT_SUPPORTED', 0x81], // UNSUP_CLUSTER_COMMAND
  ['BAD_PAYLOAD', 0x85], // INVALID_FIELD
  ['REFUSED_AUTHORITY', 0x7e], // NOT_AUTHORIZED
];

export const DLMS_OTHER_REASON = 250;
export const ZCL_FAILURE = 0x01;
/** ZCL NOT_FOUND: a log or profile read whose range holds nothing (GCS17/GCS61 NOT_FOUND variants). */
export const ZCL_NOT_FOUND = 0x8b;

export function dlmsResultFor(status: DeviceStatus): number {
  return DLMS.find(([s]) => s === status)?.[1] ?? DLMS_OTHER_REASON;
}

export function statusOfDlmsResult(code: number): DeviceStatus {
  return DLMS.find(([, c]) => c === code)?.[0] ?? 'BAD_PAYLOAD';
}

export function zclStatusFor(status: DeviceStatus): number {
  return ZCL.find(([s]) => s === status)?.[1] ?? ZCL_FAILURE;
}

export function statusOfZclCode(code: number): DeviceStatus {
  return ZCL.find(([, c]) => c === code)?.[0] ?? 'BAD_PAYLOAD';
}
