import { body, ok, type Handler } from '../device-core/handlers.js';
import { asMap, euiArg, PayloadError } from '../device-core/payload.js';
import type { Eui64, PlainValue } from '../protocol/index.js';
import type { GasProxy } from './gas-proxy.js';

/**
 * The GPF's own device log (GBCS: the devices the GPF will talk to), restored from the DCC's copy
 * by SR 8.12.2 (GCS59) after a GPF replacement. Kept beside the GPF (one map per GPF); restoring
 * replaces the whole log, and every entry answers 0 (restored).
 */
const LOGS = new WeakMap<GasProxy, Map<Eui64, string>>();

export function gpfDeviceLog(gpf: GasProxy): ReadonlyMap<Eui64, string> {
  return LOGS.get(gpf) ?? new Map();
}

export const restoreGpfDeviceLog: Handler<GasProxy> = (gpf, c) => {
  const entries = body(c).entries;
  if (!Array.isArray(entries) || entries.length === 0)
    throw new PayloadError('entries must be a non-empty list', 'entries');
  const log = new Map<Eui64, string>();
  for (const [i, item] of (entries as readonly PlainValue[]).entries()) {
    const entry = asMap(item, `entries[${i}]`);
    const type = entry.type;
    if (typeof type !== 'string') throw new PayloadError('each entry needs a type', `entries[${i}].type`);
    log.set(euiArg(entry, 'device'), type);
  }
  LOGS.set(gpf, log);
  return ok({ restored: [...log].map(([device, type]) => ({ device, type, result: 0 })) });
};
