/**
 * The kinds of device on a premises (GBCS device types; FACTS: the hub). The CHF and GPF are the
 * two halves of the Communications Hub. Shared by the device models and the head-end's
 * inventory, so it lives here: the two sides meet only in protocol/.
 */
export const DEVICE_TYPES = ['ESME', 'GSME', 'IHD', 'PPMID', 'CHF', 'GPF'] as const;
export type DeviceType = (typeof DEVICE_TYPES)[number];

export function isDeviceType(value: unknown): value is DeviceType {
  return typeof value === 'string' && (DEVICE_TYPES as readonly string[]).includes(value);
}
