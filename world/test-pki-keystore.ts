import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { privateKeyFromPem, publicKeyFromPem } from '../protocol/crypto/pem.js';
import { GbcsKeyStore, type KeystoreEntry } from '../protocol/gbcs/protection/keys.js';
import { parseEui, ValidationError, type EcPrivateKey, type EcPublicKey, type Eui64 } from '../protocol/index.js';

/** A certificate's or key's usage in the test PKI: signing, key agreement, and the supplier's prepayment KA (FACTS: UTRN). */
export type TestPkiUsage = 'ds' | 'ka' | 'pp-ka';

/**
 * The DCC's test PKI as a folder holds it (the RTDS keystore, GBCS-FACTS §6.6; reference/test-pki):
 * `<eui>-<usage>.pem` certificates and `.key` private keys. It publishes the devices' certificates
 * but only the parties' private keys. `resolver` is the same set for `checkProtection`.
 */
export interface TestPki {
  certificate(eui: Eui64, usage: TestPkiUsage): EcPublicKey | undefined;
  privateKey(eui: Eui64, usage: TestPkiUsage): EcPrivateKey | undefined;
  /** Every published KA private key (`-ka.key` and `-pp-ka.key`): what a test-PKI device agrees secrets with. */
  readonly partyKaKeys: readonly EcPrivateKey[];
  readonly resolver: GbcsKeyStore;
}

const NAME = /^([0-9a-fA-F]{16})-(ds|ka|pp-ka)\.(pem|key)$/;

/** The test PKI from keystore entries; names that are not keystore names are skipped. */
export function testPkiFromEntries(entries: readonly KeystoreEntry[]): TestPki {
  const certificates = new Map<string, EcPublicKey>();
  const privates = new Map<string, EcPrivateKey>();
  for (const entry of entries) {
    const match = NAME.exec(entry.name);
    if (!match) continue;
    const key = `${parseEui(match[1]!)}/${match[2]!}`;
    if (match[3] === 'key') privates.set(key, privateKeyFromPem(entry.pem, entry.name));
    else certificates.set(key, publicKeyFromPem(entry.pem, entry.name));
  }
  return {
    certificate: (eui, usage) => certificates.get(`${eui}/${usage}`) ?? privates.get(`${eui}/${usage}`)?.publicKey,
    privateKey: (eui, usage) => privates.get(`${eui}/${usage}`),
    partyKaKeys: [...privates].filter(([key]) => !key.endsWith('/ds')).map(([, value]) => value),
    resolver: GbcsKeyStore.fromEntries(entries),
  };
}

/** Read a keystore folder (`../shared/reference/rtds-4.5.0-keystore`, or the project's reference/test-pki). */
export function loadTestPki(dir: string, field = '--keys'): TestPki {
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
  return testPkiFromEntries(
    names.filter((n) => NAME.test(n)).map((name) => ({ name, pem: readFileSync(join(dir, name), 'utf8') })),
  );
}
