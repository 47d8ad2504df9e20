import { readFileSync } from 'node:fs';
import { ValidationError, type EcPrivateKey, type EcPublicKey } from '../protocol/index.js';
import { privateKeyFromPem, publicKeyFromPem } from '../protocol/crypto/pem.js';

/** Key files (PEM) for the CLI and the world; a missing or unreadable file is a typed error naming it. */
export function readPrivateKeyFile(path: string, field = 'key'): EcPrivateKey {
  return privateKeyFromPem(readPem(path, field), field);
}

export function readPublicKeyFile(path: string, field = 'key'): EcPublicKey {
  return publicKeyFromPem(readPem(path, field), field);
}

function readPem(path: string, field: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new ValidationError(
      'BAD_ARGUMENT',
      `${field}: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      field,
    );
  }
}
