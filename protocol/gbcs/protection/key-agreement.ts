import { deriveMessageKey, type KdfParams } from '../../crypto/gbcs-kdf.js';
import type { CryptoProvider } from '../../crypto/provider.js';
import type { Eui64 } from '../../eui.js';
import type { GbcsKeyResolver } from './keys.js';

/** A derived AES key, or why none could be derived. */
export type DerivedKey = { readonly key: Uint8Array } | { readonly missing: string };

/**
 * ECDH between two parties' KA keys, then the GBCS KDF (GBCS-FACTS §6.1). ECDH is symmetric, so
 * either side's private key will do (§6.6): the party side when checking as a head-end, the
 * device side when checking as a device.
 */
export function agreeKey(
  crypto: CryptoProvider,
  keys: GbcsKeyResolver,
  a: Eui64,
  b: Eui64,
  kdf: KdfParams,
): DerivedKey {
  for (const [own, peer] of [
    [a, b],
    [b, a],
  ] as const) {
    const ownKey = keys.privateKey(own, 'ka');
    const peerKey = keys.publicKey(peer, 'ka');
    if (ownKey && peerKey) return { key: deriveMessageKey(crypto, ownKey, peerKey, kdf) };
  }
  return { missing: `needs the KA private key of ${a} or ${b} and the other's KA certificate` };
}
