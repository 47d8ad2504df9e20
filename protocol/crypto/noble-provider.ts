import { gcm } from '@noble/ciphers/aes.js';
import { p256 } from '@noble/curves/nist.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { randomBytes } from '@noble/hashes/utils.js';
import type { CryptoProvider, EcPrivateKey } from './provider.js';
import { privateKeyFromScalar, scalarFromSeed } from './ec-keys.js';

/**
 * The portable provider: pure JavaScript (@noble). Much slower than OpenSSL, but it runs wherever
 * JavaScript does and gives an independent implementation to check the default one against.
 */
export const nobleCrypto: CryptoProvider = {
  name: 'noble',

  sign(key, message) {
    // prehash: ECDSA with SHA-256 over the message, as OpenSSL does. lowS off: GBCS does not
    // require low-S, and signatures must match what OpenSSL produces and accepts.
    return p256.sign(message, key.scalar, { prehash: true, lowS: false });
  },

  verify(key, message, signature) {
    if (signature.length !== 64) return false;
    try {
      // lowS: false, or half of OpenSSL's valid signatures would be refused.
      return p256.verify(signature, message, key.point, { prehash: true, lowS: false });
    } catch {
      return false;
    }
  },

  ecdh(ownKey, peerKey) {
    // noble returns the compressed shared point (33 bytes); Z is its x coordinate.
    return p256.getSharedSecret(ownKey.scalar, peerKey.point, true).subarray(1);
  },

  sha256(data) {
    return sha256(data);
  },

  gcmEncrypt(key, iv, plaintext, aad) {
    const sealed = gcm(key, iv, aad).encrypt(plaintext);
    return { ciphertext: sealed.subarray(0, sealed.length - 16), tag: sealed.subarray(sealed.length - 16) };
  },

  gcmDecrypt(key, iv, ciphertext, tag, aad) {
    const sealed = new Uint8Array(ciphertext.length + tag.length);
    sealed.set(ciphertext);
    sealed.set(tag, ciphertext.length);
    try {
      return gcm(key, iv, aad).decrypt(sealed);
    } catch {
      return null;
    }
  },

  generateKeyPair(): EcPrivateKey {
    return privateKeyFromScalar(scalarFromSeed(randomBytes(48), sha256));
  },

  keyPairFromSeed(seed) {
    return privateKeyFromScalar(scalarFromSeed(seed, sha256));
  },
};
