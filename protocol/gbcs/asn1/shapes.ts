import type { DerNode, DerShape } from './types.js';

/** GBCS entity ids are EUI-64s: an 8-byte OCTET STRING (GBCS-FACTS §10, CS04 commands). */
const ENTITY_ID_BYTES = 8;

/**
 * An X.509 certificate at the outline level (RFC 5280 §4.1): SEQUENCE { tbsCertificate SEQUENCE,
 * signatureAlgorithm SEQUENCE, signatureValue BIT STRING }. Enough to say "a certificate" in a
 * CS02/CS03 payload; the fields are in the tree for whoever needs them.
 */
export function isCertificate(n: DerNode): boolean {
  if (n.type !== 'sequence' || n.children.length !== 3) return false;
  const [tbs, alg, sig] = n.children;
  return tbs?.type === 'sequence' && alg?.type === 'sequence' && sig?.type === 'bitString';
}

/** The typed view of a DER payload's root (see DerShape). */
export function derShape(root: DerNode): DerShape {
  switch (root.type) {
    case 'integer':
      return { kind: 'responseCode', code: root.value };
    case 'null':
      return { kind: 'accepted' };
    case 'octetString':
      return root.value.length === ENTITY_ID_BYTES ? { kind: 'entityId', entityId: root.value } : { kind: 'structure' };
    case 'sequence':
      if (isCertificate(root)) return { kind: 'certificate' };
      if (root.children.length > 0 && root.children.every(isCertificate))
        return { kind: 'certificates', count: root.children.length };
      return { kind: 'structure' };
    default:
      return { kind: 'structure' };
  }
}

/** The certificates anywhere in a DER tree, in order (CS02 payloads carry them in options). */
export function findCertificates(root: DerNode): DerNode[] {
  if (isCertificate(root)) return [root];
  if (root.type === 'sequence' || root.type === 'set' || (root.type === 'tagged' && root.constructed))
    return root.children.flatMap(findCertificates);
  return [];
}
