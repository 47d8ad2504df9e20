import type { DerNode } from '../../asn1/index.js';
import type { GbcsPayload } from '../../payload.js';
import { UseCaseError } from '../use-case-codec.js';

/**
 * Strict readers over a decoded DER tree (GBCS-FACTS §10) for the security-credential use cases:
 * each takes the node a field should be and returns its value, or throws UseCaseError naming the
 * field. The tree itself was already checked as DER by protocol/gbcs/asn1; these check the shape a
 * use case gives it.
 */
export function derRoot(payload: GbcsPayload, field: string): DerNode {
  if (payload.kind !== 'der') throw new UseCaseError(`${field} must be a DER payload, got ${payload.kind}`, field);
  return payload.der.root;
}

export const der = (root: DerNode): GbcsPayload => ({ kind: 'der', der: { root } });

export function seq(n: DerNode | undefined, field: string, min = 0, max = Infinity): readonly DerNode[] {
  if (n?.type !== 'sequence') throw new UseCaseError(`${field} must be a SEQUENCE`, field);
  if (n.children.length < min || n.children.length > max)
    throw new UseCaseError(`${field} must have ${min} to ${max} items, has ${n.children.length}`, field);
  return n.children;
}

export function int(n: DerNode | undefined, field: string, max = 0xffff_ffff_ffff_ffffn): bigint {
  if (n?.type !== 'integer' && n?.type !== 'enumerated') throw new UseCaseError(`${field} must be an INTEGER`, field);
  if (n.value < 0n || n.value > max) throw new UseCaseError(`${field} ${n.value} is out of range`, field);
  return n.value;
}

export function small(n: DerNode | undefined, field: string, allowed: readonly number[]): number {
  const v = Number(int(n, field, 0xffffn));
  if (!allowed.includes(v)) throw new UseCaseError(`${field} ${v} is not one of ${allowed.join(', ')}`, field);
  return v;
}

export function octets(n: DerNode | undefined, field: string, length?: number): Uint8Array {
  if (n?.type !== 'octetString') throw new UseCaseError(`${field} must be an OCTET STRING`, field);
  if (length !== undefined && n.value.length !== length)
    throw new UseCaseError(`${field} must be ${length} bytes`, field);
  return n.value;
}

export function isNull(n: DerNode | undefined): boolean {
  return n?.type === 'null';
}

/** A context-tagged field `[tag]`: its node if present, else undefined. */
export function tagged(n: DerNode | undefined, tag: number): DerNode | undefined {
  return n?.type === 'tagged' && n.tagClass === 'context' && n.tagNumber === tag ? n : undefined;
}

/** `[tag] IMPLICIT INTEGER` (GBCS SeqNumber): the content bytes read as an unsigned integer. */
export function implicitInt(n: DerNode, field: string): bigint {
  if (n.type !== 'tagged' || n.constructed) throw new UseCaseError(`${field} must be a primitive [tag]`, field);
  if (n.content.length === 0 || n.content.length > 9)
    throw new UseCaseError(`${field} must be 1 to 9 content bytes`, field);
  if ((n.content[0]! & 0x80) !== 0) throw new UseCaseError(`${field} must not be negative`, field);
  let v = 0n;
  for (const b of n.content) v = (v << 8n) | BigInt(b);
  return v;
}

/** The minimal two's-complement content of a non-negative integer (X.690 §8.3). */
export function intContent(v: bigint): Uint8Array {
  const out: number[] = [];
  let x = v;
  do {
    out.unshift(Number(x & 0xffn));
    x >>= 8n;
  } while (x > 0n);
  if ((out[0]! & 0x80) !== 0) out.unshift(0);
  return Uint8Array.from(out);
}

export const integer = (v: bigint | number): DerNode => ({ type: 'integer', value: BigInt(v) });
export const enumerated = (v: number): DerNode => ({ type: 'enumerated', value: BigInt(v) });
export const sequence = (...children: DerNode[]): DerNode => ({ type: 'sequence', children });
export const octetString = (value: Uint8Array): DerNode => ({ type: 'octetString', value });
export const NULL: DerNode = { type: 'null' };
export const implicitTag = (tagNumber: number, v: bigint): DerNode => ({
  type: 'tagged',
  tagClass: 'context',
  tagNumber,
  constructed: false,
  content: intContent(v),
});
export const explicitTag = (tagNumber: number, children: DerNode[]): DerNode => ({
  type: 'tagged',
  tagClass: 'context',
  tagNumber,
  constructed: true,
  children,
});

/** GBCS execution date-times are GeneralizedTime `YYYYMMDDhhmmssZ` (GBCS-FACTS §10). */
export function generalizedTime(ms: number): DerNode {
  const iso = new Date(ms).toISOString();
  const value =
    iso.slice(0, 4) +
    iso.slice(5, 7) +
    iso.slice(8, 10) +
    iso.slice(11, 13) +
    iso.slice(14, 16) +
    iso.slice(17, 19) +
    'Z';
  return { type: 'generalizedTime', value };
}

export function timeOf(n: DerNode | undefined, field: string): number {
  if (n?.type !== 'generalizedTime' || !/^\d{14}Z$/.test(n.value))
    throw new UseCaseError(`${field} must be a GeneralizedTime YYYYMMDDhhmmssZ`, field);
  const v = n.value;
  const ms = Date.UTC(
    +v.slice(0, 4),
    +v.slice(4, 6) - 1,
    +v.slice(6, 8),
    +v.slice(8, 10),
    +v.slice(10, 12),
    +v.slice(12, 14),
  );
  if (Number.isNaN(ms)) throw new UseCaseError(`${field} is not a date`, field);
  return ms;
}
