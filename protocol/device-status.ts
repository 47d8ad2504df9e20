/**
 * The status a device puts in a response (`c` on the wire). Not DUIS codes: the head-end maps
 * them to what a party sees. Each refusal that GBCS pairs with an alert says which. The devices
 * write it and the head-end reads it, so it is protocol: a response frame carries one of these
 * and decoding refuses any other.
 */
export const DEVICE_STATUS = {
  OK: { meaning: 'executed' },
  SCHEDULED: { meaning: 'future-dated: held until its execution time, then alert 0x8F66 or 0x8F67' },
  REFUSED_AUTHORITY: {
    meaning: 'a required signature is missing or from a party the device does not trust (alert 0x8F30)',
  },
  REFUSED_AUTHENTICATION: { meaning: 'a signature from a trusted party does not verify (alert 0x8F3D)' },
  REFUSED_REPLAY: { meaning: 'counter not above the last accepted from that originator (alert 0x8F3D)' },
  REFUSED_EXPIRED: {
    meaning:
      'the command reached the device after its expiry (the DCC had already answered E20/E21); not run, no alert',
  },
  NOT_FOR_THIS_DEVICE: { meaning: 'addressed to another device' },
  NOT_SUPPORTED: { meaning: 'this device type does not implement the service request' },
  BAD_PAYLOAD: { meaning: 'the command body is missing a field or has a wrong value' },
  INVALID_STATE: { meaning: 'the command is not allowed in the device state (e.g. decommissioned)' },
  NOT_IN_DEVICE_LOG: { meaning: 'the hub refused: the target device is not in its device log (SR 8.11)' },
  COMMAND_EXPIRED: { meaning: 'the hub refused: the command reached it, or waited for its device, past its expiry' },
  HAN_BUFFER_FULL: { meaning: 'the hub refused: the device is away and its buffer is full' },
  UTRN_REJECTED: { meaning: 'the UTRN was refused; the alert says why' },
  INTERNAL_ERROR: { meaning: 'the emulator failed while executing; reported, never crashes the device' },
} as const;

export type DeviceStatus = keyof typeof DEVICE_STATUS;

export const DEVICE_STATUSES = Object.keys(DEVICE_STATUS) as readonly DeviceStatus[];

export function isDeviceStatus(value: unknown): value is DeviceStatus {
  return typeof value === 'string' && Object.hasOwn(DEVICE_STATUS, value);
}
