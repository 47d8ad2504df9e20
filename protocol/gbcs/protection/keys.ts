import type { EcPrivateKey, EcPublicKey } from '../../crypto/provider.js';
import { privateKeyFromPem, publicKeyFromPem } from '../../crypto/pem.js';
import { parseEui, type Eui64 } from '../../eui.js';

/** GBCS certificates come in two usages (GBCS-FACTS §6.6): digital signing and key agreement. */
export type KeyUsage = 'ds' | 'ka';

/**
 * Where protection finds keys: by system title and usage. A party's private key serves as its
 * public key too. Returns undefined when the key is not known: the check then says "not checked".
 */
export interface GbcsKeyResolver {
  publicKey(systemTitle: Eui64, usage: KeyUsage): EcPublicKey | undefined;
  privateKey(systemTitle: Eui64, usage: KeyUsage): EcPrivateKey | undefined;
}

/** One file of a keystore folder: its name (`00db1234567890a0-ka.pem`) and its PEM text. */
export interface KeystoreEntry {
  readonly name: string;
  readonly pem: string;
}

// `<eui>-ds|ka.pem` (certificate) or `.key` (private key), as in the RTDS keystore. `-pp-ka` is the
// prepayment (UTRN) key, which no GBCS MAC uses; it and any other name are skipped.
const ENTRY_NAME = /^([0-9a-fA-F]{16})-(ds|ka)\.(pem|key)$/;

/** An in-memory resolver. Files are read elsewhere (world/gbcs-keystore-files.ts): protocol touches no files. */
export class GbcsKeyStore implements GbcsKeyResolver {
  private readonly publics = new Map<string, EcPublicKey>();
  private readonly privates = new Map<string, EcPrivateKey>();

  /** Entries whose name is not a keystore name are ignored; a bad PEM under a good name throws ValidationError. */
  static fromEntries(entries: Iterable<KeystoreEntry>): GbcsKeyStore {
    const store = new GbcsKeyStore();
    for (const entry of entries) {
      const match = ENTRY_NAME.exec(entry.name);
      if (!match) continue;
      const eui = parseEui(match[1]!);
      const usage = match[2] as KeyUsage;
      if (match[3] === 'key') store.addPrivate(eui, usage, privateKeyFromPem(entry.pem, entry.name));
      else store.addPublic(eui, usage, publicKeyFromPem(entry.pem, entry.name));
    }
    return store;
  }

  addPublic(eui: Eui64, usage: KeyUsage, key: EcPublicKey): this {
    this.publics.set(`${eui}/${usage}`, key);
    return this;
  }

  addPrivate(eui: Eui64, usage: KeyUsage, key: EcPrivateKey): this {
    this.privates.set(`${eui}/${usage}`, key);
    return this;
  }

  publicKey(eui: Eui64, usage: KeyUsage): EcPublicKey | undefined {
    return this.publics.get(`${eui}/${usage}`) ?? this.privates.get(`${eui}/${usage}`)?.publicKey;
  }

  privateKey(eui: Eui64, usage: KeyUsage): EcPrivateKey | undefined {
    return this.privates.get(`${eui}/${usage}`);
  }

  get size(): number {
    return new Set([...this.publics.keys(), ...this.privates.keys()]).size;
  }
}

/** A resolver that knows no keys: every check is "not checked". */
export const NO_KEYS: GbcsKeyResolver = { publicKey: () => undefined, privateKey: () => undefined };
