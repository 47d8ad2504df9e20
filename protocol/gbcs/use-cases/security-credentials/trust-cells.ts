import type { DerNode } from '../../asn1/index.js';
import { UseCaseError } from '../use-case-codec.js';
import { integer, int, seq, sequence } from './der-fields.js';

/**
 * GBCS remote party roles (GBCS-FACTS §10) and the trust anchor cells a device keeps per role:
 * RemotePartyRole, KeyUsage (a BIT STRING: bit 0 digitalSignature, bit 4 keyAgreement) and
 * CellUsage (0 management, the DEFAULT and so absent; 1 prepayment top-up).
 */
export const REMOTE_PARTY_ROLE = {
  root: 0,
  recovery: 1,
  supplier: 2,
  networkOperator: 3,
  accessControlBroker: 4,
  transitionalCoS: 5,
  wanProvider: 6,
  issuingAuthority: 7,
  other: 127,
} as const;
export type RemotePartyRoleName = keyof typeof REMOTE_PARTY_ROLE;
const ROLE_NAMES = Object.keys(REMOTE_PARTY_ROLE) as RemotePartyRoleName[];

export function roleName(code: bigint, field: string): RemotePartyRoleName {
  const name = ROLE_NAMES.find((n) => BigInt(REMOTE_PARTY_ROLE[n]) === code);
  if (name === undefined) throw new UseCaseError(`${field} ${code} is not a remote party role`, field);
  return name;
}

/**
 * Which of a party's keys a cell holds, in the names the trust store and the SR bodies use: `ds`
 * (digital signing), `ka` (key agreement, management) and `prepaymentKa` (key agreement, cell
 * usage prepayment top-up: the supplier's UTRN key).
 */
export type CellKey = 'ds' | 'ka' | 'prepaymentKa';
export const CELL_KEYS: readonly CellKey[] = ['ds', 'ka', 'prepaymentKa'];

export interface TrustCell {
  readonly role: RemotePartyRoleName;
  readonly key: CellKey;
}

const DS_BITS = { unusedBits: 7, byte: 0x80 };
const KA_BITS = { unusedBits: 3, byte: 0x08 };

export function keyUsageNode(key: CellKey): DerNode {
  const b = key === 'ds' ? DS_BITS : KA_BITS;
  return { type: 'bitString', unusedBits: b.unusedBits, bytes: Uint8Array.of(b.byte) };
}

export function readKeyUsage(n: DerNode | undefined, field: string): 'ds' | 'ka' {
  if (n?.type !== 'bitString' || n.bytes.length !== 1)
    throw new UseCaseError(`${field} must be a 1-byte KeyUsage`, field);
  if (n.bytes[0] === DS_BITS.byte && n.unusedBits === DS_BITS.unusedBits) return 'ds';
  if (n.bytes[0] === KA_BITS.byte && n.unusedBits === KA_BITS.unusedBits) return 'ka';
  throw new UseCaseError(`${field} must be digitalSignature or keyAgreement alone`, field);
}

/** TrustAnchorCellIdentifier ::= SEQUENCE { role, keyUsage, cellUsage DEFAULT management }. */
export function cellNode(cell: TrustCell): DerNode {
  const items = [integer(REMOTE_PARTY_ROLE[cell.role]), keyUsageNode(cell.key)];
  if (cell.key === 'prepaymentKa') items.push(integer(1));
  return sequence(...items);
}

export function readCellItems(items: readonly DerNode[], field: string): TrustCell {
  const role = roleName(int(items[0], `${field}.role`, 127n), `${field}.role`);
  const usage = readKeyUsage(items[1], `${field}.keyUsage`);
  const cellUsage = items[2] === undefined ? 0n : int(items[2], `${field}.cellUsage`, 1n);
  if (cellUsage === 1n && usage !== 'ka')
    throw new UseCaseError(`${field}: a prepayment cell holds a key agreement key`, field);
  return { role, key: cellUsage === 1n ? 'prepaymentKa' : usage };
}

export function readCell(n: DerNode | undefined, field: string): TrustCell {
  return readCellItems(seq(n, field, 2, 3), field);
}
