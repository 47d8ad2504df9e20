import type { CryptoProvider, EcPrivateKey, EcPublicKey, Eui64 } from '../protocol/index.js';
import type { DeviceKeys } from './device-keys.js';

/**
 * What a device does with its own keys (GBCS-FACTS §6): agree a secret with a remote party for a
 * MAC or an encrypted payload, and sign. The device never hands out a private key, so that a
 * store can hold keys it cannot show: the test-PKI mode (issue 13 §2) holds only the counterpart's
 * published private key and the device's certificate, which give the same ECDH secret.
 */
export interface DeviceKeyStore {
  /** `generated`: the device's own key pairs (the default for fleets). Other modes are named. */
  readonly mode: string;
  /** The public halves, as the device's certificates carry them (§6.6). */
  readonly dsPublic: EcPublicKey;
  readonly kaPublic: EcPublicKey;
  /**
   * ECDH Z (the 32-byte x coordinate, §6.1) with a remote party's KA key. It is fixed per party
   * pair, so a store caches it: a message then costs one SHA-256 and one GCM, not an ECDH.
   */
  sharedSecret(counterpart: Eui64, counterpartKa: EcPublicKey): Uint8Array;
  /** ECDSA P-256 / SHA-256, 64-byte r‖s (§6.4). */
  sign(content: Uint8Array): Uint8Array;
}

/** The default: the device's own key pairs, with the ECDH secret cached per counterpart key. */
export function generatedKeyStore(crypto: CryptoProvider, keys: DeviceKeys): DeviceKeyStore {
  return new GeneratedKeyStore(crypto, keys.ds, keys.ka);
}

class GeneratedKeyStore implements DeviceKeyStore {
  readonly mode = 'generated';
  private readonly secrets = new Map<string, { readonly point: Uint8Array; readonly z: Uint8Array }>();

  constructor(
    private readonly crypto: CryptoProvider,
    private readonly ds: EcPrivateKey,
    private readonly ka: EcPrivateKey,
  ) {}

  get dsPublic(): EcPublicKey {
    return this.ds.publicKey;
  }

  get kaPublic(): EcPublicKey {
    return this.ka.publicKey;
  }

  sharedSecret(counterpart: Eui64, counterpartKa: EcPublicKey): Uint8Array {
    const cached = this.secrets.get(counterpart);
    // A party's KA key can be replaced (SR 6.15, 6.23): the cache is keyed by the key, not the EUI alone.
    if (cached && sameBytes(cached.point, counterpartKa.point)) return cached.z;
    const z = this.crypto.ecdh(this.ka, counterpartKa);
    this.secrets.set(counterpart, { point: counterpartKa.point, z });
    return z;
  }

  sign(content: Uint8Array): Uint8Array {
    return this.crypto.sign(this.ds, content);
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
