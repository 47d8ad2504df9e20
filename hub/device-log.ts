import { parseEui, type Eui64 } from '../protocol/index.js';
import { DEVICE_TYPES, isDeviceType, type DeviceType } from '../protocol/device-type.js';
import { asMap, PayloadError, type PayloadMap } from '../device-core/payload.js';
import type { PlainValue } from '../protocol/index.js';

/** The CHF device log (whitelist): only devices in it may use the HAN (FACTS: the hub). */
export class DeviceLog {
  private readonly entries = new Map<Eui64, DeviceType>();

  has(eui: Eui64): boolean {
    return this.entries.has(eui);
  }

  typeOf(eui: Eui64): DeviceType | undefined {
    return this.entries.get(eui);
  }

  add(eui: Eui64, type: DeviceType): void {
    this.entries.set(eui, type);
  }

  remove(eui: Eui64): boolean {
    return this.entries.delete(eui);
  }

  list(): { device: Eui64; type: DeviceType }[] {
    return [...this.entries].map(([device, type]) => ({ device, type }));
  }
}

export interface DeviceLogChange {
  readonly add: readonly { readonly device: Eui64; readonly type: DeviceType }[];
  readonly remove: readonly Eui64[];
}

/** An SR 8.11 body: `{add: [{device, type}], remove: [device]}`, either list optional. */
export function deviceLogChange(payload: PlainValue): DeviceLogChange {
  const body = asMap(payload);
  const list = (key: string): readonly PlainValue[] => {
    const value = body[key] ?? [];
    if (!Array.isArray(value) || value.length > 16)
      throw new PayloadError(`${key} must be a list of at most 16 entries`, key);
    return value as readonly PlainValue[];
  };
  const add = list('add').map((entry, i) => {
    const map: PayloadMap = asMap(entry, `add[${i}]`);
    const type = map.type;
    if (!isDeviceType(type) || type === 'CHF') {
      throw new PayloadError(
        `add[${i}].type must be one of ${DEVICE_TYPES.filter((t) => t !== 'CHF').join(', ')}`,
        `add[${i}].type`,
      );
    }
    return { device: euiField(map.device, `add[${i}].device`), type };
  });
  const remove = list('remove').map((value, i) => euiField(value, `remove[${i}]`));
  return { add, remove };
}

function euiField(value: PlainValue | undefined, field: string): Eui64 {
  if (typeof value !== 'string') throw new PayloadError(`${field} must be an EUI-64`, field);
  try {
    return parseEui(value, field);
  } catch {
    throw new PayloadError(`${field} must be an EUI-64`, field);
  }
}
