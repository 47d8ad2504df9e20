import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { ValidationError } from '../errors.js';
import { privateKeyFromScalar, publicKeyFromPoint } from './ec-keys.js';
import type { EcPrivateKey, EcPublicKey } from './provider.js';

/**
 * PEM parsing. ASN.1 is parsed by Node's crypto (OpenSSL), the one mature parser at hand; the
 * result is raw key bytes that either provider uses. Reading key files is not done here:
 * protocol/ touches no files (world/key-files.ts does).
 */
export function privateKeyFromPem(pem: string, field = 'key'): EcPrivateKey {
  let jwk;
  try {
    jwk = createPrivateKey({ key: pem, format: 'pem' }).export({ format: 'jwk' });
  } catch (error) {
    throw new ValidationError('BAD_ARGUMENT', `${field} is not a PEM private key: ${(error as Error).message}`, field);
  }
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.d) {
    throw new ValidationError('BAD_ARGUMENT', `${field} must be an EC P-256 private key (PKCS#8 or SEC1)`, field);
  }
  return privateKeyFromScalar(Buffer.from(jwk.d, 'base64url'));
}

/** A public key from an SPKI "PUBLIC KEY" block or an X.509 "CERTIFICATE". */
export function publicKeyFromPem(pem: string, field = 'key'): EcPublicKey {
  let jwk;
  try {
    const keyObject = pem.includes('BEGIN CERTIFICATE') ? new X509Certificate(pem).publicKey : createPublicKey(pem);
    jwk = keyObject.export({ format: 'jwk' });
  } catch (error) {
    throw new ValidationError(
      'BAD_ARGUMENT',
      `${field} is not a PEM public key or certificate: ${(error as Error).message}`,
      field,
    );
  }
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.x || !jwk.y) {
    throw new ValidationError('BAD_ARGUMENT', `${field} must hold an EC P-256 public key`, field);
  }
  const point = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x, 'base64url'), Buffer.from(jwk.y, 'base64url')]);
  return publicKeyFromPoint(point);
}

export function privateKeyToPem(key: EcPrivateKey): string {
  const p = key.publicKey.point;
  return createPrivateKey({
    format: 'jwk',
    key: {
      kty: 'EC',
      crv: 'P-256',
      d: Buffer.from(key.scalar).toString('base64url'),
      x: Buffer.from(p.subarray(1, 33)).toString('base64url'),
      y: Buffer.from(p.subarray(33, 65)).toString('base64url'),
    },
  })
    .export({ format: 'pem', type: 'pkcs8' })
    .toString();
}

export function publicKeyToPem(key: EcPublicKey): string {
  const p = key.point;
  return createPublicKey({
    format: 'jwk',
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: Buffer.from(p.subarray(1, 33)).toString('base64url'),
      y: Buffer.from(p.subarray(33, 65)).toString('base64url'),
    },
  })
    .export({ format: 'pem', type: 'spki' })
    .toString();
}
