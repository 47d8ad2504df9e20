import type { Eui64 } from '../../protocol/index.js';
import { GatewayError } from '../duis-error.js';
import type { Party, PartyRegistry } from '../parties.js';

/**
 * Step 2: who is calling. The User Gateway has already checked the call's signature against the
 * party's registered key (gateway/authenticate.ts, before the body is even parsed); here the
 * caller must still be a party this DCC knows. A signed pre-command (variants 5 to 7) is checked
 * against the same key at the sign step.
 */
export function authenticateParty(parties: Pick<PartyRegistry, 'get'>, caller: Eui64): Party {
  const party = parties.get(caller);
  if (!party) throw new GatewayError('UNKNOWN_PARTY', `no party ${caller}`, 401, 'X-Smetsim-Party');
  return party;
}
