import type { PlainValue } from '../protocol/index.js';
import { decodePayload } from '../protocol/gbcs/payload.js';
import { CONFIGURATION, CONFIGURATION_DEFINITIONS } from '../protocol/gbcs/use-cases/configuration.js';
import type { TemplateDefinition } from '../protocol/gbcs/use-cases/configuration.js';
import type { DeviceType } from '../protocol/device-type.js';

/**
 * The configuration objects a meter holds (SR 6.x): what a set stores, a read answers. Keyed by
 * the body field the use-case codecs name an object by (its OBIS code or ZCL name), so that 6.5
 * and 6.2.1, 6.12 and 6.2.5, 6.8 and 6.2.3, 6.7 and 6.2.8, 6.25 and 6.2.4 meet. Allocated at the
 * first set: most meters at rest keep the factory configuration and cost nothing for it.
 */
const STORES = new WeakMap<object, Map<string, PlainValue>>();

export function configurationOf(meter: object): Map<string, PlainValue> {
  let store = STORES.get(meter);
  if (!store) STORES.set(meter, (store = new Map<string, PlainValue>()));
  return store;
}

export function storedValue(meter: object, field: string): PlainValue | undefined {
  return STORES.get(meter)?.get(field);
}

/** The use case a body names, or the first one of the variant on this device type. */
export function definitionFor(variant: string, device: DeviceType, useCase?: string): TemplateDefinition | undefined {
  if (useCase !== undefined) {
    const def = CONFIGURATION_DEFINITIONS.get(useCase);
    return def && def.variant === variant && def.device === device ? def : undefined;
  }
  return [...CONFIGURATION_DEFINITIONS.values()].find((d) => d.variant === variant && d.device === device);
}

const FACTORY = new Map<string, Readonly<Record<string, PlainValue>>>();

/**
 * A use case's response values on a meter that was never configured. Emulator choice: the factory
 * configuration is the RTDS example device's (its SUCCESS RESPONSE), read through the codec, so
 * a fresh meter answers every read with values the DCC's own test data shows.
 */
export function factoryValues(def: TemplateDefinition): Readonly<Record<string, PlainValue>> {
  let values = FACTORY.get(def.useCase);
  if (!values) {
    const codec = CONFIGURATION.find((c) => c.useCase === def.useCase);
    const template = decodePayload(def.messageCode, Uint8Array.from(Buffer.from(def.response, 'hex')), 0, 2);
    const payload = codec?.decodeResponse(template).payload;
    values =
      payload && typeof payload === 'object' && !Array.isArray(payload) ? (payload as Record<string, PlainValue>) : {};
    FACTORY.set(def.useCase, values);
  }
  return values;
}
