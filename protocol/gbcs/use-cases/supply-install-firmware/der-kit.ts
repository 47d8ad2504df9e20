import type { DerNode } from '../../asn1/index.js';
import type { GbcsPayload } from '../../payload.js';
import { fail } from './kit.js';

/** Builders and strict readers of the DER values GBCS's CS03/CS04/CS06/CS08/GCS28/GCS59 carry (GBCS-FACTS §10). */

export const derInt = (value: number | bigint): DerNode => ({ type: 'integer', value: BigInt(value) });
export const derOctets = (value: Uint8Array): DerNode => ({ type: 'octetString', value });
export const derTime = (value: string): DerNode => ({ type: 'generalizedTime', value });
export const derSeq = (children: readonly DerNode[]): DerNode => ({ type: 'sequence', children });
export const DER_NULL: DerNode = { type: 'null' };

export const der = (root: DerNode): GbcsPayload => ({ kind: 'der', der: { root } });

export function derRoot(useCase: string, payload: GbcsPayload): DerNode {
  if (payload.kind !== 'der') fail(useCase, 'payload', 'must be DER');
  return payload.der.root;
}

export function derChildren(
  useCase: string,
  node: DerNode | undefined,
  field: string,
  min: number,
  max = min,
): readonly DerNode[] {
  if (!node || node.type !== 'sequence' || node.children.length < min || node.children.length > max)
    fail(useCase, field, min === max ? `must be a SEQUENCE of ${min}` : `must be a SEQUENCE of ${min} to ${max}`);
  return node.children;
}

/** An INTEGER that fits a safe JavaScript number, within [min, max]. */
export function derNumber(
  useCase: string,
  node: DerNode | undefined,
  field: string,
  min = 0,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (!node || node.type !== 'integer' || node.value < BigInt(min) || node.value > BigInt(max))
    fail(useCase, field, `must be an INTEGER from ${min} to ${max}`);
  return Number(node.value);
}

export function derBytes(useCase: string, node: DerNode | undefined, field: string, length?: number): Uint8Array {
  if (!node || node.type !== 'octetString' || (length !== undefined && node.value.length !== length))
    fail(useCase, field, `must be an OCTET STRING${length === undefined ? '' : ` of ${length} bytes`}`);
  return node.value;
}

export function derTimeText(useCase: string, node: DerNode | undefined, field: string): string {
  if (!node || node.type !== 'generalizedTime') fail(useCase, field, 'must be a GeneralizedTime');
  return node.value;
}

export function isDerNull(node: DerNode): boolean {
  return node.type === 'null';
}
