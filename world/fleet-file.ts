import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { euiToFileStem } from '../protocol/index.js';
import { privateKeyToPem, publicKeyToPem } from '../protocol/crypto/pem.js';
import type { World } from './dcc-world.js';

/**
 * `<data-dir>/fleet.json`: what an external head-end needs to drive the harness: the premises
 * with their MPxNs and device EUIs, the registration, and each party's roles and key files.
 * Generated party keys are written beside it (keys/<eui-hex>-ds.key ...) so a client can sign.
 */
export function writeFleetFile(world: World, dataDir: string): string {
  const keyDir = join(dataDir, 'keys');
  mkdirSync(keyDir, { recursive: true });
  const parties = Object.values(world.parties).map((party) => {
    const files: Record<string, string> = {};
    for (const [kind, key, suffix] of [
      ['ds', party.ds, 'ds'],
      ['ka', party.ka, 'ka'],
      ['prepaymentKa', party.prepaymentKa, 'pp-ka'],
    ] as const) {
      const source = party.keySources[kind];
      if (source !== 'generated from the seed') {
        files[kind] = source;
        continue;
      }
      const file = join(keyDir, `${euiToFileStem(party.eui)}-${suffix}.key`);
      writeFileSync(file, privateKeyToPem(key), { mode: 0o600 });
      files[kind] = file;
    }
    return {
      name: party.name,
      eui: party.eui,
      categories: party.categories,
      status: world.headEnd.admin.party(party.eui)?.status,
      keyFiles: files,
    };
  });
  const premises = world.premises.map((p) => ({
    index: p.index,
    mpan: p.mpan,
    mprn: p.mprn,
    devices: Object.fromEntries(p.devices.map((d) => [d.identity.type, d.eui])),
    registration: world.headEnd.admin
      .registrationHistory(p.mpan)
      .concat(world.headEnd.admin.registrationHistory(p.mprn)),
  }));
  const fleet = {
    gatewayUrl: world.gatewayUrl,
    brokerUrl: world.brokerUrl,
    dcc: {
      acb: world.headEnd.dcc.acb.eui,
      // SPKI PEM of the ACB signing key, so a party can verify the DCC's webhook POSTs (docs/api.md).
      acbPublicKey: publicKeyToPem(world.headEnd.dcc.acb.ds.publicKey),
      transCoS: world.headEnd.dcc.transCoS.eui,
    },
    parties,
    premises,
  };
  const file = join(dataDir, 'fleet.json');
  writeFileSync(file, `${JSON.stringify(fleet, null, 2)}\n`);
  return file;
}
