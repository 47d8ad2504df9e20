import { nodeCrypto, Prng } from '../protocol/index.js';
import type { CommissioningAnchors, ManufactureAnchors, PartyCredential } from '../device-core/trust-store.js';
import { premisesEui } from '../world/premises.js';

function party(label: string, name: string, n: number): PartyCredential {
  const rng = new Prng(`${label}/${name}`);
  return {
    eui: premisesEui(0xffff0000 + n, 'CHF'),
    ds: nodeCrypto.keyPairFromSeed(rng.bytes(32)).publicKey,
    ka: nodeCrypto.keyPairFromSeed(rng.bytes(32)).publicKey,
    prepaymentKa: nodeCrypto.keyPairFromSeed(rng.bytes(32)).publicKey,
  };
}

/** Trust anchors for benchmark fleets: seeded party keys, shared by every device (as in the field). */
export function benchAnchors(label: string): { manufacture: ManufactureAnchors; commissioning: CommissioningAnchors } {
  return {
    manufacture: {
      AccessControlBroker: party(label, 'acb', 1),
      TransitionalCoS: party(label, 'cos', 2),
      Recovery: party(label, 'recovery', 3),
    },
    commissioning: { Supplier: party(label, 'supplier', 4), NetworkOperator: party(label, 'network', 5) },
  };
}
