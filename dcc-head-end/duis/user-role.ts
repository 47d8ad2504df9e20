import { isEligible, USER_ROLE_CODES, USER_ROLES, type ServiceRequest, type UserRole } from '../../protocol/index.js';
import type { PartyCategory } from '../../protocol/index.js';
import type { DeviceType } from '../../protocol/device-type.js';
import { ROLE_CATEGORY } from '../parties.js';

/**
 * DUIS has no role field: the User ID (the party's EUI) and its registration decide it
 * (FACTS.md, DUIS). smetsim lets one party hold several SEC categories under one EUI, so the
 * role is chosen, in this order, among those the party holds:
 * 1. the roles eligible for the SR (none eligible: the first held, so the pipeline says E2);
 * 2. those of the target device's fuel (an ESME: IS, ES, ED; a GSME: GS, GT);
 * 3. those the party is registered in for the target's meter points now;
 * 4. the first left, in the catalogue's order (IS, ES, GS, ED, GT, OU, RSA).
 * Emulator choice: the DCC gives each User Role its own User ID, so it never has to choose.
 */
export interface RoleChoice {
  readonly categories: readonly PartyCategory[];
  readonly serviceRequest: ServiceRequest;
  readonly targetType: DeviceType | undefined;
  readonly registeredAs: (role: UserRole) => boolean;
}

/** undefined when the party holds no category any DUIS user role needs (then E1). */
export function chooseRole({ categories, serviceRequest, targetType, registeredAs }: RoleChoice): UserRole | undefined {
  const held = USER_ROLE_CODES.filter((role) => categories.includes(ROLE_CATEGORY[role]));
  if (held.length === 0) return undefined;
  const eligible = held.filter((role) => isEligible(serviceRequest, role));
  if (eligible.length === 0) return held[0];
  const fuel = targetType === 'ESME' ? 'electricity' : targetType === 'GSME' ? 'gas' : undefined;
  const ofFuel = narrow(eligible, (role) => fuel === undefined || [fuel, 'any'].includes(USER_ROLES[role].fuel));
  return narrow(ofFuel, registeredAs)[0];
}

/** Keep those that pass, unless none do. */
function narrow(roles: readonly UserRole[], keep: (role: UserRole) => boolean): readonly UserRole[] {
  const kept = roles.filter(keep);
  return kept.length > 0 ? kept : roles;
}
