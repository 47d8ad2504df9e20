import type { CryptoProvider } from '../../crypto/provider.js';

/** GBCS GCM tags are 12 bytes (GBCS-FACTS §6.2, §6.5). */
export const GBCS_TAG_LENGTH = 12;

/** The truncated tag of AES-128-GCM over `plaintext` (empty for a MAC). */
export function gcmSeal(
  crypto: CryptoProvider,
  key: Uint8Array,
  iv: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array,
): { readonly ciphertext: Uint8Array; readonly tag: Uint8Array } {
  const { ciphertext, tag } = crypto.gcmEncrypt(key, iv, plaintext, aad);
  return { ciphertext, tag: tag.subarray(0, GBCS_TAG_LENGTH) };
}

/**
 * GCM decryption with a 12-byte tag, through any provider. A provider's decrypt takes the full
 * 16-byte tag (Node needs authTagLength to accept a short one, GBCS-FACTS §14.5), so this runs
 * the cipher forwards instead: GCM is CTR mode, so encrypting the ciphertext yields the
 * plaintext; encrypting that plaintext again gives the tag to compare. Null when it differs.
 */
export function gcmOpen(
  crypto: CryptoProvider,
  key: Uint8Array,
  iv: Uint8Array,
  ciphertext: Uint8Array,
  tag: Uint8Array,
  aad: Uint8Array,
): Uint8Array | null {
  if (tag.length !== GBCS_TAG_LENGTH) return null;
  const plaintext = crypto.gcmEncrypt(key, iv, ciphertext, new Uint8Array(0)).ciphertext;
  const expected = gcmSeal(crypto, key, iv, plaintext, aad).tag;
  return sameBytes(expected, tag) ? plaintext : null;
}

/** Compares without an early exit, so the time taken says nothing about where a tag differs. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}
