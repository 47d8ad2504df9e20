import { publicKeyFromPoint, type CounterWindow, type EcPublicKey, type PlainValue } from '../protocol/index.js';
import {
  REPLACEMENT_STATUS,
  replacementReport,
} from '../protocol/gbcs/use-cases/security-credentials/update-credentials.js';
import type { Execution } from './firmware.js';
import { body, type ServiceCommand } from './handlers.js';
import { asMap, bytes, euiArg, PayloadError, str } from './payload.js';
import type { PartyCredential, TrustStore } from './trust-store.js';

const CELLS = ['ds', 'ka', 'prepaymentKa'] as const;

function onCurve(raw: Uint8Array): EcPublicKey | undefined {
  try {
    return publicKeyFromPoint(raw);
  } catch {
    return undefined;
  }
}

export interface ReplacementTarget {
  readonly role: 'Supplier' | 'NetworkOperator';
  /** The body's field that carries the party: `supplier` or `networkOperator`. */
  readonly field: 'supplier' | 'networkOperator';
  /** 6.23 always carries the signing key; 6.15.1 and 6.21 may replace any cells. */
  readonly requireDs: boolean;
}

/** Which role a CS02b body replaces, from the field it carries. */
export function targetOf(command: ServiceCommand, requireDs = false): ReplacementTarget {
  return body(command).networkOperator !== undefined
    ? { role: 'NetworkOperator', field: 'networkOperator', requireDs }
    : { role: 'Supplier', field: 'supplier', requireDs };
}

/**
 * CS02b on any device (SRs 6.15.1, 6.21, 6.23; GBCS-FACTS §10): replace the cells the command names
 * in one role's trust anchor, set the new party's counter floor, and report per cell the subject and
 * key ids before and after. A cell whose key is not a P-256 point gets status 5 (bad certificate)
 * and the device answers BAD_PAYLOAD naming it. The RTDS ERROR variant of 6.15.1 shows a failed
 * cell beside replaced ones; smetsim keeps the replacement all-or-nothing instead (the other cells
 * get 127 "other" and stay as they were), so that a role never holds keys of two parties. What the
 * device trusts changes at once: the command guard reads the trust store for every later command.
 */
export function replaceCredentials(
  device: { readonly trust: TrustStore; readonly counters: CounterWindow },
  command: ServiceCommand,
  { role, field, requireDs }: ReplacementTarget,
): { readonly execution: Execution; readonly installed?: PartyCredential } {
  const b = body(command);
  const entry = asMap(b[field] ?? null, field);
  const eui = euiArg(entry, 'eui');
  const floor = str(b, 'counterFloor', /^\d{1,20}$/);
  if (requireDs && entry.ds === undefined) throw new PayloadError(`${field}.ds is required`, `${field}.ds`);
  const cells = CELLS.filter((cell) => entry[cell] !== undefined);
  if (cells.length === 0) throw new PayloadError(`${field} must carry ds, ka or prepaymentKa`, field);
  const old = device.trust.get(role);
  const keys = cells.map((cell) => {
    const raw = bytes(entry, cell);
    return { cell, raw, key: onCurve(raw) };
  });
  const bad = keys.find((k) => k.key === undefined);
  const replacements: PlainValue[] = keys.map(({ cell, raw, key }) => {
    const held = old?.[cell];
    const before = held ? { eui: old.eui, point: held.point } : undefined;
    const status = bad === undefined ? 'success' : key === undefined ? 'badCertificate' : 'other';
    return { ...replacementReport(cell, REPLACEMENT_STATUS[status], before, { eui, point: key?.point ?? raw }) };
  });
  if (bad !== undefined)
    return {
      execution: {
        status: 'BAD_PAYLOAD',
        payload: { field: `${field}.${bad.cell}`, reason: `${field}.${bad.cell} is not a P-256 point`, replacements },
      },
    };
  const next: { ds?: EcPublicKey; ka?: EcPublicKey; prepaymentKa?: EcPublicKey } = {
    ...(old ? { ds: old.ds } : {}),
    ...(old?.ka ? { ka: old.ka } : {}),
    ...(old?.prepaymentKa ? { prepaymentKa: old.prepaymentKa } : {}),
  };
  for (const { cell, key } of keys) if (key !== undefined) next[cell] = key;
  if (next.ds === undefined)
    throw new PayloadError(`${field}.ds: the device holds no signing key for this role`, `${field}.ds`);
  const installed: PartyCredential = { eui, ...next, ds: next.ds };
  device.trust.install(role, installed);
  device.counters.setFloor(eui, BigInt(floor));
  return { execution: { status: 'OK', payload: { [field]: eui, counterFloor: floor, replacements } }, installed };
}
