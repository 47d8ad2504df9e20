import { generateUtrn, nodeCrypto, type Eui64, type UtrnValueClass } from '../../protocol/index.js';
import type { PremisesHarness } from './premises-harness.js';
import type { PartyName } from './dcc-fixture.js';

/** A UTRN from a supplier for one of the harness's meters, as the DCC's token service makes it. */
export function utrnFor(
  h: PremisesHarness,
  meter: Eui64,
  n: number,
  value: number,
  valueClass: UtrnValueClass = 'pounds',
  supplier: PartyName = 'supplier',
): string {
  const party = h.parties[supplier];
  return generateUtrn(nodeCrypto, party.prepaymentKa, h.premises.keys.get(meter)!.ka.publicKey, {
    originator: party.eui,
    target: meter,
    counter: BigInt(n) << 32n,
    value,
    valueClass,
  });
}
