import { publicKeyFromPoint } from '../../protocol/index.js';
import { body, ok, type HandlerTable } from '../../device-core/handlers.js';
import { asMap, bytes, euiArg, PayloadError, str, type PayloadMap } from '../../device-core/payload.js';
import type { PartyCredential } from '../../device-core/trust-store.js';
import type { MeterFirmware } from '../meter-firmware.js';

function credential(map: PayloadMap, field: string): PartyCredential {
  const entry = asMap(map[field] ?? null, field);
  const eui = euiArg(entry, 'eui');
  const key = (name: string) => {
    try {
      return publicKeyFromPoint(bytes(entry, name));
    } catch (error) {
      if (error instanceof PayloadError) throw error;
      throw new PayloadError(`${field}.${name} is not a P-256 point`, `${field}.${name}`);
    }
  };
  return {
    eui,
    ds: key('ds'),
    ...(entry.ka !== undefined ? { ka: key('ka') } : {}),
    ...(entry.prepaymentKa !== undefined ? { prepaymentKa: key('prepaymentKa') } : {}),
  };
}

/** SR 6.23 (security credentials): the meters' part of a change of supplier. */
export const SECURITY_HANDLERS: HandlerTable<MeterFirmware> = {
  // 6.23 Update Security Credentials (CoS): new supplier credentials and counter floors
  '6.23': (m, c) => {
    const b = body(c);
    const supplier = credential(b, 'supplier');
    const floor = str(b, 'counterFloor', /^\d{1,20}$/);
    m.trust.install('Supplier', supplier);
    m.counters.setFloor(supplier.eui, BigInt(floor));
    m.prepayment.resetUtrnCounters();
    m.events.record(m.now(), 'change of supplier', supplier.eui);
    return ok({ supplier: supplier.eui, counterFloor: floor });
  },
};
