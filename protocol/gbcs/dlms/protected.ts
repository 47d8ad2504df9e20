import type { DlmsApdu, DlmsData } from './types.js';

/**
 * Protected data inside a DLMS payload (GBCS-FACTS §6.5, §8.5): a Data Protection block is two
 * neighbouring items of a structure, an array of protection parameters and an octet string
 * `31 ‖ invocation counter (4) ‖ ciphertext ‖ 12-byte GCM tag`. It is the whole data item of a
 * get-protected-attributes response (ECS17b/d/e, ECS19, ECS20b/c, ECS21a/b, ECS22b, ECS66) and the
 * items after the timestamp of the ECS68 alert. The codec keeps the block as plain Data, so the
 * payload re-encodes unchanged; this view gives the envelope layer what it needs to decrypt, and
 * the plaintext is then one Data value (decodeDlmsData).
 */
export interface ProtectionParameters {
  /** enum: 2 = authentication and encryption, the only value in RTDS. */
  readonly protectionType: number;
  /** `04` ‖ the 8-byte counter, in RTDS. */
  readonly transactionId: Uint8Array;
  readonly originatorSystemTitle: Uint8Array;
  readonly recipientSystemTitle: Uint8Array;
  readonly otherInformation: Uint8Array;
  /** enum: 2 = agreed key. */
  readonly keyInfoType: number;
  /** `02` = C(0e, 2s ECC CDH) in RTDS. */
  readonly keyParameters: Uint8Array;
  readonly keyCipheredData: Uint8Array;
}

export interface ProtectedData {
  /** Where the block sits: indexes from the APDU's data list (or alert body) down to its structure. */
  readonly path: readonly number[];
  /** Index of the parameters array in that structure; the octet string is the next item. */
  readonly index: number;
  readonly parameters: readonly ProtectionParameters[];
  /** The security-control byte: 0x31 = suite 1, authenticated and encrypted. */
  readonly securityControl: number;
  readonly invocationCounter: number;
  /** Ciphertext followed by the 12-byte tag, as a GCM decrypt takes them. */
  readonly ciphertextAndTag: Uint8Array;
}

export const PROTECTED_SECURITY_CONTROL = 0x31;
const HEADER_BYTES = 5;
const TAG_BYTES = 12;

/** Every protected-data block in an APDU, outermost first; none for a plain payload. */
export function findProtectedData(apdu: DlmsApdu): ProtectedData[] {
  const roots = apdu.type === 'data-notification' ? [apdu.body] : apdu.data;
  const found: ProtectedData[] = [];
  roots.forEach((root, i) => walk(root, [i], found));
  return found;
}

function walk(d: DlmsData, path: number[], found: ProtectedData[]): void {
  if (d.type !== 'structure' && d.type !== 'array') return;
  if (d.type === 'structure')
    for (let i = 0; i + 1 < d.items.length; i++) {
      const block = asProtected(d.items[i]!, d.items[i + 1]!, path, i);
      if (block) found.push(block);
    }
  d.items.forEach((item, i) => walk(item, [...path, i], found));
}

function asProtected(params: DlmsData, blob: DlmsData, path: number[], index: number): ProtectedData | undefined {
  if (params.type !== 'array' || blob.type !== 'octet-string') return undefined;
  const bytes = blob.bytes;
  if (bytes.length < HEADER_BYTES + TAG_BYTES || bytes[0] !== PROTECTED_SECURITY_CONTROL) return undefined;
  const parameters: ProtectionParameters[] = [];
  for (const p of params.items) {
    const parsed = asParameters(p);
    if (!parsed) return undefined;
    parameters.push(parsed);
  }
  if (parameters.length === 0) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    path,
    index,
    parameters,
    securityControl: PROTECTED_SECURITY_CONTROL,
    invocationCounter: view.getUint32(1),
    ciphertextAndTag: bytes.subarray(HEADER_BYTES),
  };
}

/** structure {enum type, structure {txn id, originator, recipient, other info, structure {enum, structure {octets, octets}}}}. */
function asParameters(d: DlmsData): ProtectionParameters | undefined {
  const [type, options] = items(d, 2) ?? [];
  const fields = options && items(options, 5);
  if (type?.type !== 'enum' || !fields) return undefined;
  const [txn, orig, recip, other] = fields.slice(0, 4).map(octets);
  const [keyType, agreed] = (fields[4] && items(fields[4], 2)) ?? [];
  const keyFields = agreed && items(agreed, 2);
  if (!txn || !orig || !recip || !other || keyType?.type !== 'enum' || !keyFields) return undefined;
  const [keyParameters, keyCipheredData] = keyFields.map(octets);
  if (!keyParameters || !keyCipheredData) return undefined;
  return {
    protectionType: type.value,
    transactionId: txn,
    originatorSystemTitle: orig,
    recipientSystemTitle: recip,
    otherInformation: other,
    keyInfoType: keyType.value,
    keyParameters,
    keyCipheredData,
  };
}

function items(d: DlmsData, n: number): readonly DlmsData[] | undefined {
  return d.type === 'structure' && d.items.length === n ? d.items : undefined;
}

function octets(d: DlmsData): Uint8Array | undefined {
  return d.type === 'octet-string' ? d.bytes : undefined;
}
