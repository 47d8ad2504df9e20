import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ValidationError } from '../protocol/errors.js';
import { GbcsKeyStore } from '../protocol/gbcs/protection/keys.js';

/**
 * Load a keystore folder of `<eui>-ds|ka.pem` certificates and `.key` private keys, as in the RTDS
 * keystore (GBCS-FACTS §6.6). Other files are ignored. A folder that cannot be read is a typed
 * error naming it.
 */
export function loadKeystoreDir(dir: string, field = '--keys'): GbcsKeyStore {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch (error) {
    throw new ValidationError(
      'BAD_ARGUMENT',
      `${field}: cannot read ${dir}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      field,
    );
  }
  const entries = names
    .filter((name) => name.endsWith('.pem') || name.endsWith('.key'))
    .map((name) => ({ name, pem: readFileSync(join(dir, name), 'utf8') }));
  return GbcsKeyStore.fromEntries(entries);
}
