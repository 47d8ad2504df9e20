import type { CryptoProvider } from '../../crypto/provider.js';
import { decodeDlmsData, type DlmsData } from '../dlms/index.js';
import { decodeZclPayload, type GbzComponent, type PlainZclPayload, type ZclHeader } from '../zcl/index.js';
import type { GroupingHeader } from '../envelope/types.js';
import type { GbcsPayload } from '../payload.js';
import type { GbcsKeyResolver } from './keys.js';
import { INVALID, notChecked, VALID, type CheckOutcome } from './outcome.js';
import { isEncryptedBlob, openEncrypted, payloadKey } from './payload-encryption.js';

/** One encrypted blob inside a payload (GBCS-FACTS §6.5) and where it sits, e.g. `data[0][1]`. */
export interface EncryptedPart {
  readonly path: string;
  readonly blob: Uint8Array;
  /** What the plaintext is: one DLMS Data value, or the ZCL payload of a GBZ component. */
  readonly plaintextFormat:
    { readonly format: 'dlms' } | { readonly format: 'gbz'; readonly clusterId: number; readonly header: ZclHeader };
}

export interface DecryptedPart extends EncryptedPart {
  /** valid: the inner tag verified; invalid: it did not; not-checked: no key. */
  readonly outcome: CheckOutcome;
  readonly plaintext: Uint8Array | null;
}

/**
 * The encrypted blobs of a payload: in DLMS, the octet strings that open with the `31 00 00 00 00`
 * security header (the protected data of §8.5); in GBZ, the encrypted components (§9.1), the one
 * of a GCS53 alert included. DER payloads are never encrypted.
 */
export function encryptedParts(payload: GbcsPayload): EncryptedPart[] {
  const found: EncryptedPart[] = [];
  if (payload.kind === 'dlms') {
    const apdu = payload.apdu;
    if (apdu.type === 'data-notification') walkDlms(apdu.body, 'body', found);
    else apdu.data.forEach((d, i) => walkDlms(d, `data[${i}]`, found));
  } else if (payload.kind === 'gbz') {
    const gbz = payload.gbz;
    if (gbz.form === 'frame') gbz.components.forEach((c, i) => gbzComponent(c, `components[${i}]`, found));
    else if (gbz.body.kind === 'component') gbzComponent(gbz.body.component, 'body.component', found);
  }
  return found;
}

function gbzComponent(c: GbzComponent, path: string, found: EncryptedPart[]): void {
  if (c.encrypted)
    found.push({
      path,
      blob: c.payload.ciphered,
      plaintextFormat: { format: 'gbz', clusterId: c.clusterId, header: c.header },
    });
}

/** Read a decrypted part: throws GbcsError (offsets within the plaintext) when it is not what it should be. */
export function readPlaintext(part: EncryptedPart, plaintext: Uint8Array): DlmsData | PlainZclPayload {
  const f = part.plaintextFormat;
  return f.format === 'dlms'
    ? decodeDlmsData(plaintext, 0, 'plaintext')
    : decodeZclPayload(plaintext, f.clusterId, f.header, 0);
}

function walkDlms(d: DlmsData, path: string, found: EncryptedPart[]): void {
  if (d.type === 'octet-string' && isEncryptedBlob(d.bytes))
    found.push({ path, blob: d.bytes, plaintextFormat: { format: 'dlms' } });
  else if (d.type === 'structure' || d.type === 'array')
    d.items.forEach((item, i) => walkDlms(item, `${path}[${i}]`, found));
}

/** Decrypt every encrypted part with the type-04 key of the message (§6.5); one key serves them all. */
export function decryptParts(
  crypto: CryptoProvider,
  keys: GbcsKeyResolver,
  header: GroupingHeader,
  payload: GbcsPayload,
): DecryptedPart[] {
  const parts = encryptedParts(payload);
  if (parts.length === 0) return [];
  const key = payloadKey(crypto, keys, header);
  return parts.map((part) => {
    if ('missing' in key) return { ...part, outcome: notChecked(key.missing), plaintext: null };
    const plaintext = openEncrypted(crypto, key.key, header, part.blob);
    return { ...part, outcome: plaintext ? VALID : INVALID, plaintext };
  });
}
