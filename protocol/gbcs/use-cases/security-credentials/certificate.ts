import { sha256 } from '@noble/hashes/sha2.js';
import type { DerNode } from '../../asn1/index.js';
import { isCertificate } from '../../asn1/index.js';
import { UseCaseError } from '../use-case-codec.js';
import { integer, octetString, sequence } from './der-fields.js';

/**
 * The part of an X.509 certificate (RFC 5280 §4.1) a device reads when it installs one into a
 * trust anchor cell or is given its own (CS02b, CS02d): the subject's entity id (GBCS puts the
 * EUI-64 in the subject's x500UniqueIdentifier, OID 2.5.4.45, as a BIT STRING: RTDS CS02b), the
 * P-256 public key of its SubjectPublicKeyInfo, and the subject key identifier extension
 * (2.5.29.14), which CS02a/CS02b responses report per cell.
 */
export interface CertifiedKey {
  readonly entityId: Uint8Array;
  readonly point: Uint8Array;
  readonly keyId: Uint8Array;
}

const OID = {
  uniqueId: '2.5.4.45',
  commonName: '2.5.4.3',
  orgUnit: '2.5.4.11',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  ecPublicKey: '1.2.840.10045.2.1',
  prime256v1: '1.2.840.10045.3.1.7',
  keyUsage: '2.5.29.15',
  subjectKeyId: '2.5.29.14',
} as const;

/**
 * The 8-byte key id of a public key. The facts leave the method open (RTDS ids are the issuer's
 * choice); smetsim uses the first 8 bytes of SHA-256 over the uncompressed point, so that the
 * head-end and the device agree without sending it.
 */
export function keyIdOf(point: Uint8Array): Uint8Array {
  return sha256(point).slice(0, 8);
}

const oid = (value: string): DerNode => ({ type: 'oid', value });
const bits = (bytes: Uint8Array, unusedBits = 0): DerNode => ({ type: 'bitString', unusedBits, bytes });
const rdn = (type: string, value: DerNode): DerNode => ({ type: 'set', children: [sequence(oid(type), value)] });

/**
 * A certificate for a key smetsim's DCC hands to a device: the RTDS layout (v3, ecdsa-with-SHA256,
 * issuer OU/CN, validity, subject OU + unique id, P-256 SPKI, key usage and subject key id). The
 * head-end holds no Organisation CA key, so the signature value is an ECDSA-Sig-Value of r = s = 0,
 * which verifies for no key: a device here trusts the credential because the command installing it
 * carries the authorising party's signature (checked by the guard), not through the path to Root.
 */
export function buildCertificate(entityId: Uint8Array, point: Uint8Array, usage: 'ds' | 'ka', serial: bigint): DerNode {
  const keyUsage = usage === 'ds' ? Uint8Array.of(0x03, 0x02, 0x07, 0x80) : Uint8Array.of(0x03, 0x02, 0x03, 0x08);
  const skiContent = Uint8Array.of(0x04, 0x08, ...keyIdOf(point));
  const tbs = sequence(
    { type: 'tagged', tagClass: 'context', tagNumber: 0, constructed: true, children: [integer(2)] },
    integer(serial),
    sequence(oid(OID.ecdsaWithSha256)),
    sequence(
      rdn(OID.orgUnit, { type: 'printableString', value: '07' }),
      rdn(OID.commonName, { type: 'printableString', value: 'smetsim' }),
    ),
    sequence({ type: 'utcTime', value: '150101000000Z' }, { type: 'utcTime', value: '491231235959Z' }),
    sequence(rdn(OID.orgUnit, { type: 'utf8String', value: '02' }), rdn(OID.uniqueId, bits(entityId))),
    sequence(sequence(oid(OID.ecPublicKey), oid(OID.prime256v1)), bits(point)),
    {
      type: 'tagged',
      tagClass: 'context',
      tagNumber: 3,
      constructed: true,
      children: [
        sequence(
          sequence(oid(OID.keyUsage), { type: 'boolean', value: true }, octetString(keyUsage)),
          sequence(oid(OID.subjectKeyId), octetString(skiContent)),
        ),
      ],
    },
  );
  const zeroSig = Uint8Array.of(0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00);
  return sequence(tbs, sequence(oid(OID.ecdsaWithSha256)), bits(zeroSig));
}

function children(n: DerNode | undefined): readonly DerNode[] {
  return n?.type === 'sequence' || n?.type === 'set' || (n?.type === 'tagged' && n.constructed) ? n.children : [];
}

/** Read a certificate's subject id, public key and key id; UseCaseError naming `field` otherwise. */
export function readCertificate(cert: DerNode | undefined, field: string): CertifiedKey {
  if (cert === undefined || !isCertificate(cert))
    throw new UseCaseError(`${field} must be an X.509 certificate`, field);
  const tbs = children(children(cert)[0]);
  // With the [0] version present (v3, as every GBCS certificate is), the subject is item 5.
  const offset = tbs[0]?.type === 'tagged' ? 1 : 0;
  const subject = tbs[4 + offset];
  const spki = children(tbs[5 + offset]);
  let entityId: Uint8Array | undefined;
  for (const set of children(subject)) {
    const [type, value] = children(children(set)[0]);
    if (type?.type === 'oid' && type.value === OID.uniqueId && value?.type === 'bitString' && value.bytes.length === 8)
      entityId = value.bytes;
  }
  if (entityId === undefined)
    throw new UseCaseError(`${field} has no 8-byte subject unique id (2.5.4.45)`, `${field}.subject`);
  const key = spki[1];
  if (key?.type !== 'bitString' || key.bytes.length !== 65 || key.bytes[0] !== 0x04)
    throw new UseCaseError(`${field} must carry an uncompressed P-256 public key`, `${field}.subjectPublicKeyInfo`);
  let keyId: Uint8Array = keyIdOf(key.bytes);
  for (const ext of children(children(tbs[7 + offset])[0])) {
    const [type, , value] = children(ext);
    const content = children(ext).length === 2 ? children(ext)[1] : value;
    if (type?.type === 'oid' && type.value === OID.subjectKeyId && content?.type === 'octetString') {
      const v = content.value;
      if (v.length === 10 && v[0] === 0x04 && v[1] === 0x08) keyId = v.slice(2);
    }
  }
  return { entityId, point: key.bytes, keyId };
}
