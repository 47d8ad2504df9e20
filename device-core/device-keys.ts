import type { CryptoProvider, EcPrivateKey, Prng } from '../protocol/index.js';

/** A device's own key pairs: signing (DS) and key agreement (KA). */
export interface DeviceKeys {
  readonly ds: EcPrivateKey;
  readonly ka: EcPrivateKey;
}

/** Keys derived from a named PRNG stream: a seeded fleet has the same keys every run. */
export function seededDeviceKeys(crypto: CryptoProvider, rng: Prng): DeviceKeys {
  return {
    ds: crypto.keyPairFromSeed(rng.stream('ds').bytes(32)),
    ka: crypto.keyPairFromSeed(rng.stream('ka').bytes(32)),
  };
}
