import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  euiToFileStem,
  parseEui,
  Prng,
  type CryptoProvider,
  type EcPrivateKey,
  type Eui64,
  type PartyCategory,
} from '../protocol/index.js';
import { readPrivateKeyFile } from './key-files.js';

/** A party the built-in world plays, with its private keys (the stub acts for it). */
export interface PartyIdentity {
  readonly name: string;
  readonly eui: Eui64;
  readonly categories: readonly PartyCategory[];
  readonly ds: EcPrivateKey;
  readonly ka: EcPrivateKey;
  readonly prepaymentKa: EcPrivateKey;
  /** Where each key came from: a file of --party-keys, or generated from the seed. */
  readonly keySources: { readonly ds: string; readonly ka: string; readonly prepaymentKa: string };
}

/**
 * The default parties, with EUIs from the DCC test environment (supplier, second supplier,
 * network operator), plus an Other User and a meter operator. The ACB and the CoS party are the
 * DCC's own identities.
 */
export const DEFAULT_PARTIES = [
  { name: 'supplier', eui: '90-B3-D5-1F-30-01-00-00', categories: ['ImportSupplier', 'GasSupplier'] },
  { name: 'supplier2', eui: '90-B3-D5-1F-30-03-00-00', categories: ['ImportSupplier', 'GasSupplier'] },
  { name: 'networkOperator', eui: '90-B3-D5-1F-30-02-00-00', categories: ['ElectricityDistributor', 'GasTransporter'] },
  { name: 'otherUser', eui: '90-B3-D5-1F-30-04-00-00', categories: ['OtherUser'] },
  { name: 'meterOperator', eui: '90-B3-D5-1F-30-05-00-00', categories: ['MeterOperator'] },
  { name: 'exportSupplier', eui: '90-B3-D5-1F-30-06-00-00', categories: ['ExportSupplier'] },
] as const satisfies readonly { name: string; eui: string; categories: readonly PartyCategory[] }[];

/**
 * The DCC's own parties in the DCC test environment, as the test PKI's certificates name them
 * (reference/test-pki/<eui>-ds.pem: the subject's x500UniqueIdentifier is the EUI and its OU the
 * GBCS remote party role, 01 Recovery, 04 Access Control Broker, 05 Transitional CoS).
 */
export const DCC_PARTIES = {
  acb: '90-B3-D5-1F-30-00-00-02', // 90b3d51f30000002-ds.pem, OU 04
  transCoS: '90-B3-D5-1F-30-00-00-04', // 90b3d51f30000004-ds.pem, OU 05
  recovery: '90-B3-D5-1F-30-00-00-01', // 90b3d51f30000001-ds.pem, OU 01
} as const;

export type DefaultPartyName = (typeof DEFAULT_PARTIES)[number]['name'];

/**
 * Keys for a party: `<eui-hex>-ds.key`, `-ka.key` and `-pp-ka.key` from `keyDir` where present
 * (a team's own keys, or the DCC test PKI), otherwise generated from the seed.
 */
export function partyIdentity(
  crypto: CryptoProvider,
  seed: string | number,
  spec: { name: string; eui: string; categories: readonly PartyCategory[] },
  keyDir?: string,
): PartyIdentity {
  const eui = parseEui(spec.eui);
  const rng = new Prng(seed).stream(`party/${eui}`);
  const load = (suffix: string, label: string): [EcPrivateKey, string] => {
    const file = keyDir ? join(keyDir, `${euiToFileStem(eui)}-${suffix}.key`) : undefined;
    if (file && existsSync(file)) return [readPrivateKeyFile(file, file), file];
    return [crypto.keyPairFromSeed(rng.stream(label).bytes(32)), 'generated from the seed'];
  };
  const [ds, dsSource] = load('ds', 'ds');
  const [ka, kaSource] = load('ka', 'ka');
  const [prepaymentKa, ppSource] = load('pp-ka', 'pp-ka');
  return {
    name: spec.name,
    eui,
    categories: spec.categories,
    ds,
    ka,
    prepaymentKa,
    keySources: { ds: dsSource, ka: kaSource, prepaymentKa: ppSource },
  };
}
