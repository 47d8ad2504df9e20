import { publicKeyFromPoint, type DeviceTrustRole, type EcPublicKey, type PlainValue } from '../../protocol/index.js';
import { body, type HandlerTable, type ServiceCommand } from '../../device-core/handlers.js';
import type { Execution } from '../../device-core/firmware.js';
import { asMap, bytes, euiArg, PayloadError, str } from '../../device-core/payload.js';
import type { PartyCredential } from '../../device-core/trust-store.js';
import {
  REPLACEMENT_STATUS,
  replacementReport,
} from '../../protocol/gbcs/use-cases/security-credentials/update-credentials.js';
import type { MeterFirmware } from '../meter-firmware.js';

const CELLS = ['ds', 'ka', 'prepaymentKa'] as const;

/** A P-256 point from the body, or undefined when it is not on the curve (the cell's "bad certificate"). */
function keyOrBad(raw: Uint8Array): EcPublicKey | undefined {
  try {
    return publicKeyFromPoint(raw);
  } catch {
    return undefined;
  }
}

/**
 * CS02b on a meter (SRs 6.15.1, 6.21, 6.23; GBCS-FACTS §10): replace the cells the command names
 * in one role's trust anchor (`Supplier` from body.supplier, `NetworkOperator` from
 * body.networkOperator), set the new party's counter floor, and report per cell the subject and key
 * ids before and after. A cell whose key is not a P-256 point gets status 5 (bad certificate) and
 * the device answers BAD_PAYLOAD naming it. The RTDS ERROR variant of 6.15.1 shows a failed cell
 * beside replaced ones; smetsim keeps the replacement all-or-nothing instead (the other cells get
 * 127 "other" and stay as they were), so that a role never holds keys of two parties. What the
 * device trusts changes at once: the command guard reads the trust store for every later command.
 */
export function replaceCredentials(
  m: MeterFirmware,
  role: Extract<DeviceTrustRole, 'Supplier' | 'NetworkOperator'>,
  field: 'supplier' | 'networkOperator',
  requireDs: boolean,
  event: string,
): (c: ServiceCommand) => Execution {
  return (c) => {
    const b = body(c);
    const entry = asMap(b[field] ?? null, field);
    const eui = euiArg(entry, 'eui');
    const floor = str(b, 'counterFloor', /^\d{1,20}$/);
    if (requireDs && entry.ds === undefined) throw new PayloadError(`${field}.ds is required`, `${field}.ds`);
    if (!CELLS.some((k) => entry[k] !== undefined))
      throw new PayloadError(`${field} must carry ds, ka or prepaymentKa`, field);
    const old = m.trust.get(role);
    const next: { ds?: EcPublicKey; ka?: EcPublicKey; prepaymentKa?: EcPublicKey } = {
      ...(old ? { ds: old.ds } : {}),
      ...(old?.ka ? { ka: old.ka } : {}),
      ...(old?.prepaymentKa ? { prepaymentKa: old.prepaymentKa } : {}),
    };
    const cells = CELLS.filter((cell) => entry[cell] !== undefined);
    const keys = cells.map((cell) => ({ cell, raw: bytes(entry, cell), key: keyOrBad(bytes(entry, cell)) }));
    const bad = keys.find((k) => k.key === undefined);
    const replacements: PlainValue[] = keys.map(({ cell, raw, key }) => {
      const before = old?.[cell] ? { eui: old.eui, point: old[cell].point } : undefined;
      const status = bad === undefined ? 'success' : key === undefined ? 'badCertificate' : 'other';
      return { ...replacementReport(cell, REPLACEMENT_STATUS[status], before, { eui, point: key?.point ?? raw }) };
    });
    if (bad !== undefined) {
      const refusal: Execution = {
        status: 'BAD_PAYLOAD',
        payload: { field: `${field}.${bad.cell}`, reason: `${field}.${bad.cell} is not a P-256 point`, replacements },
      };
      return refusal;
    }
    for (const { cell, key } of keys) if (key !== undefined) next[cell] = key;
    if (next.ds === undefined)
      throw new PayloadError(`${field}.ds: the device holds no signing key for this role`, `${field}.ds`);
    const credential: PartyCredential = { eui, ...next, ds: next.ds };
    m.trust.install(role, credential);
    m.counters.setFloor(eui, BigInt(floor));
    if (role === 'Supplier') m.prepayment.resetUtrnCounters();
    m.events.record(m.now(), event, eui);
    const done: Execution = { status: 'OK', payload: { [field]: eui, counterFloor: floor, replacements } };
    return done;
  };
}

/** The security-credential SRs both meters execute (CS02: GBCS-FACTS §10). */
export const SECURITY_HANDLERS: HandlerTable<MeterFirmware> = {
  // 6.15.1 Update Security Credentials (KRP): the supplier or network operator replaces its own cells.
  '6.15.1': (m, c) => {
    const b = body(c);
    return b.networkOperator !== undefined
      ? replaceCredentials(m, 'NetworkOperator', 'networkOperator', false, 'network operator credentials replaced')(c)
      : replaceCredentials(m, 'Supplier', 'supplier', false, 'supplier credentials replaced')(c);
  },
  // 6.23 Update Security Credentials (CoS): the Transitional CoS party installs the incoming supplier.
  '6.23': (m, c) => replaceCredentials(m, 'Supplier', 'supplier', true, 'change of supplier')(c),
};
