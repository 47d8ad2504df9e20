import {
  createCipheriv,
  createDecipheriv,
  createECDH,
  diffieHellman,
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign as nodeSign,
  verify as nodeVerify,
  type KeyObject,
} from 'node:crypto';
import type { CryptoProvider, EcPrivateKey, EcPublicKey, GcmResult } from './provider.js';
import { privateKeyFromScalar, scalarFromSeed } from './ec-keys.js';

// KeyObjects are costly to build; build each once per key and keep it as long as the key lives.
const privateHandles = new WeakMap<EcPrivateKey, KeyObject>();
const publicHandles = new WeakMap<EcPublicKey, KeyObject>();

function b64url(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
}

function privateHandle(key: EcPrivateKey): KeyObject {
  let handle = privateHandles.get(key);
  if (!handle) {
    const p = key.publicKey.point;
    handle = createPrivateKey({
      format: 'jwk',
      key: {
        kty: 'EC',
        crv: 'P-256',
        d: b64url(key.scalar),
        x: b64url(p.subarray(1, 33)),
        y: b64url(p.subarray(33, 65)),
      },
    });
    privateHandles.set(key, handle);
  }
  return handle;
}

function publicHandle(key: EcPublicKey): KeyObject {
  let handle = publicHandles.get(key);
  if (!handle) {
    const p = key.point;
    handle = createPublicKey({
      format: 'jwk',
      key: { kty: 'EC', crv: 'P-256', x: b64url(p.subarray(1, 33)), y: b64url(p.subarray(33, 65)) },
    });
    publicHandles.set(key, handle);
  }
  return handle;
}

function opensslPointOf(scalar: Uint8Array): Uint8Array {
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(scalar);
  return ecdh.getPublicKey();
}

/** The default provider: Node's built-in crypto (OpenSSL). */
export const nodeCrypto: CryptoProvider = {
  name: 'node',

  sign(key, message) {
    return nodeSign('sha256', message, { key: privateHandle(key), dsaEncoding: 'ieee-p1363' });
  },

  verify(key, message, signature) {
    if (signature.length !== 64 || key.point.length !== 65) return false;
    try {
      return nodeVerify('sha256', message, { key: publicHandle(key), dsaEncoding: 'ieee-p1363' }, signature);
    } catch {
      // A point that is not on the curve: not a valid signature, never a crash.
      return false;
    }
  },

  ecdh(ownKey, peerKey) {
    // diffieHellman on cached KeyObjects: about a quarter faster than createECDH per call.
    return diffieHellman({ privateKey: privateHandle(ownKey), publicKey: publicHandle(peerKey) });
  },

  sha256(data) {
    return createHash('sha256').update(data).digest();
  },

  gcmEncrypt(key, iv, plaintext, aad): GcmResult {
    const cipher = createCipheriv('aes-128-gcm', key, iv, { authTagLength: 16 });
    cipher.setAAD(aad);
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return { ciphertext, tag: cipher.getAuthTag() };
  },

  gcmDecrypt(key, iv, ciphertext, tag, aad) {
    try {
      const decipher = createDecipheriv('aes-128-gcm', key, iv, { authTagLength: 16 });
      decipher.setAAD(aad);
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
    } catch {
      return null;
    }
  },

  generateKeyPair() {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = privateKey.export({ format: 'jwk' });
    return privateKeyFromScalar(Buffer.from(jwk.d!, 'base64url'), opensslPointOf);
  },

  keyPairFromSeed(seed) {
    // OpenSSL computes the public point about 10x faster than noble: it matters for a fleet of
    // 10,000 premises, each with a dozen key pairs.
    return privateKeyFromScalar(
      scalarFromSeed(seed, (data) => createHash('sha256').update(data).digest()),
      opensslPointOf,
    );
  },
};
