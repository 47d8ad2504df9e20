import { gbcsIv } from '../../crypto/gbcs-kdf.js';
import type { CryptoProvider } from '../../crypto/provider.js';
import type { GroupingHeader } from '../envelope/types.js';
import { gcmOpen, gcmSeal, GBCS_TAG_LENGTH } from './gcm.js';
import { agreeKey, type DerivedKey } from './key-agreement.js';
import type { GbcsKeyResolver } from './keys.js';

/** Security control `31` (suite 1, authenticated and encrypted) and invocation counter 0 (GBCS-FACTS §6.5). */
export const ENCRYPTED_HEADER = Uint8Array.of(0x31, 0, 0, 0, 0);

/** The encrypted-payload AAD is the security-control byte alone (§6.5). */
const AAD = Uint8Array.of(0x31);

/**
 * The payload-encryption key (GBCS-FACTS §6.5): KDF type 04 between the device (the header
 * originator: only responses and alerts are encrypted) and the supplementary remote party when the
 * other-information names one, else the header recipient. The counter is the supplementary
 * originator counter when present (URP responses), else the header counter.
 */
export function payloadKey(crypto: CryptoProvider, keys: GbcsKeyResolver, header: GroupingHeader): DerivedKey {
  const info = header.otherInformation;
  const party = info.form === 'plain' ? header.recipient : info.remoteParty;
  const counter = info.form === 'urp-response' ? info.originatorCounter : header.counter;
  return agreeKey(crypto, keys, header.originator, party, {
    originator: header.originator,
    recipient: party,
    counter,
    messageType: 'encryption',
  });
}

/** `31 00 00 00 00` ‖ ciphertext ‖ 12-byte tag → plaintext, or null when it does not authenticate. */
export function openEncrypted(
  crypto: CryptoProvider,
  key: Uint8Array,
  header: GroupingHeader,
  blob: Uint8Array,
): Uint8Array | null {
  if (!isEncryptedBlob(blob)) return null;
  const ciphertext = blob.subarray(ENCRYPTED_HEADER.length, blob.length - GBCS_TAG_LENGTH);
  const tag = blob.subarray(blob.length - GBCS_TAG_LENGTH);
  return gcmOpen(crypto, key, gbcsIv(header.originator), ciphertext, tag, AAD);
}

/** The inverse of openEncrypted. The IV never changes within a message (§6.5: GCS15b reuses it). */
export function sealEncrypted(
  crypto: CryptoProvider,
  key: Uint8Array,
  header: GroupingHeader,
  plaintext: Uint8Array,
): Uint8Array {
  const { ciphertext, tag } = gcmSeal(crypto, key, gbcsIv(header.originator), plaintext, AAD);
  const blob = new Uint8Array(ENCRYPTED_HEADER.length + ciphertext.length + tag.length);
  blob.set(ENCRYPTED_HEADER);
  blob.set(ciphertext, ENCRYPTED_HEADER.length);
  blob.set(tag, ENCRYPTED_HEADER.length + ciphertext.length);
  return blob;
}

export function isEncryptedBlob(blob: Uint8Array): boolean {
  return (
    blob.length >= ENCRYPTED_HEADER.length + GBCS_TAG_LENGTH && ENCRYPTED_HEADER.every((byte, i) => blob[i] === byte)
  );
}
