import { p256 } from '@noble/curves/nist.js';
import type { EcPrivateKey, EcPublicKey } from './provider.js';

const ORDER = p256.Point.CURVE().n;

/** The uncompressed public point of a scalar; a provider may pass a faster one. */
export type PointOf = (scalar: Uint8Array) => Uint8Array;
const noblePointOf: PointOf = (d) => p256.getPublicKey(d, false);

/** Build a key pair from its scalar; the public point is computed once here. */
export function privateKeyFromScalar(scalar: Uint8Array, pointOf: PointOf = noblePointOf): EcPrivateKey {
  const d = Uint8Array.from(scalar.length === 32 ? scalar : leftPad(scalar, 32));
  return { scalar: d, publicKey: { point: pointOf(d) } };
}

export function publicKeyFromPoint(point: Uint8Array): EcPublicKey {
  // Validates that the point is on the curve and normalises compressed input.
  return { point: p256.Point.fromBytes(point).toBytes(false) };
}

/**
 * A scalar in [1, n-1] from seed material: hash, and re-hash in the (astronomically rare) case the
 * value falls outside the range. Deterministic, so that seeded runs have the same keys.
 */
export function scalarFromSeed(seed: Uint8Array, sha256: (data: Uint8Array) => Uint8Array): Uint8Array {
  let candidate = sha256(seed);
  for (;;) {
    const value = BigInt(`0x${Buffer.from(candidate).toString('hex')}`);
    if (value > 0n && value < ORDER) return candidate;
    candidate = sha256(candidate);
  }
}

function leftPad(bytes: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(length);
  out.set(bytes.subarray(Math.max(0, bytes.length - length)), Math.max(0, length - bytes.length));
  return out;
}
