/**
 * The one seam for cryptography. Keys travel as raw bytes, so that a key loaded once works with
 * either provider; each provider caches its own native handle for a key.
 *
 * GBCS cryptography (FACTS): ECDSA P-256 / SHA-256 with 64-byte r||s, ECDH P-256 whose secret Z
 * is the 32-byte x coordinate, AES-128-GCM.
 */
export interface EcPublicKey {
  /** The uncompressed SEC1 point: 0x04 || X (32) || Y (32). */
  readonly point: Uint8Array;
}

export interface EcPrivateKey {
  /** The 32-byte big-endian scalar. */
  readonly scalar: Uint8Array;
  readonly publicKey: EcPublicKey;
}

export interface GcmResult {
  readonly ciphertext: Uint8Array;
  /** The full 16-byte tag; GBCS truncates it per use (12 bytes on commands, last 4 in a UTRN). */
  readonly tag: Uint8Array;
}

export interface CryptoProvider {
  readonly name: string;
  sign(key: EcPrivateKey, message: Uint8Array): Uint8Array;
  verify(key: EcPublicKey, message: Uint8Array, signature: Uint8Array): boolean;
  /** ECDH P-256: the 32-byte x coordinate of the shared point. */
  ecdh(ownKey: EcPrivateKey, peerKey: EcPublicKey): Uint8Array;
  sha256(data: Uint8Array): Uint8Array;
  /** AES-128-GCM encrypt (an empty plaintext gives a GMAC). */
  gcmEncrypt(key: Uint8Array, iv: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): GcmResult;
  /** AES-128-GCM decrypt; returns null when the tag does not verify. */
  gcmDecrypt(
    key: Uint8Array,
    iv: Uint8Array,
    ciphertext: Uint8Array,
    tag: Uint8Array,
    aad: Uint8Array,
  ): Uint8Array | null;
  /** A new P-256 key pair from the provider's own entropy. */
  generateKeyPair(): EcPrivateKey;
  /** A P-256 key pair derived from 32+ bytes of seed material (deterministic, for seeded runs). */
  keyPairFromSeed(seed: Uint8Array): EcPrivateKey;
}
