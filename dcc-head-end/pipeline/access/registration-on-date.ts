import { accessTypeOf, type UserRole } from '../../../protocol/index.js';
import { DuisError } from '../../duis-error.js';
import type { DeviceRecord, Inventory } from '../../inventory.js';
import type { RegistrationRole } from '../../registration.js';
import type { AccessStep } from '../step.js';

const ROLE_REGISTRATION: Readonly<Partial<Record<UserRole, RegistrationRole>>> = {
  IS: 'importSupplier',
  ES: 'exportSupplier',
  GS: 'gasSupplier',
  ED: 'electricityDistributor',
  GT: 'gasTransporter',
  RSA: 'meterOperator',
};
const ROLE_FUEL: Readonly<Partial<Record<UserRole, 'electricity' | 'gas'>>> = {
  IS: 'electricity',
  ES: 'electricity',
  ED: 'electricity',
  GS: 'gas',
  GT: 'gas',
};

/** The meter points a request for this target concerns, in the role's fuel where it has one. */
function meterPoints(target: DeviceRecord, role: UserRole, inventory: Inventory): string[] {
  const fuel = ROLE_FUEL[role];
  if (target.type === 'ESME' || target.type === 'GSME') {
    const targetFuel = target.type === 'ESME' ? 'electricity' : 'gas';
    return target.mpxn && (!fuel || fuel === targetFuel) ? [target.mpxn] : [];
  }
  if (!target.hub) return [];
  const points = inventory.pointsOfHub(target.hub);
  const all = [points.electricity, points.gas].filter((p): p is string => p !== undefined);
  return fuel ? all.filter((p) => p === points[fuel]) : all;
}

/**
 * Registration on the date (DUIS E4): Type A needs the registered supplier, Type B the network
 * operator, RSA the meter operator, Type C a consent record. Runs after E2, so the role is
 * eligible and its access type is the role's (protocol/roles.ts).
 */
export const checkRegistration: AccessStep = {
  name: 'registration on the date (E4)',
  run(ctx, { inventory, registration, consents }) {
    const { request, party, now, target } = ctx;
    if (!target) return; // a non-device request about no device: nothing to be registered for
    const access = accessTypeOf(request.role);
    const points = meterPoints(target, request.role, inventory);
    // BPM 01.01: before any meter point is known (mid-install), the supplier that pre-notified
    // the device acts for it. Emulator choice: the facts do not say how the DCC checks E4 then.
    if (points.length === 0 && target.installer === party.eui && access === 'A') return;
    const allowed = points.find((point) =>
      access === 'C'
        ? consents.covers(party.eui, point, request.serviceRequest.variant, now)
        : registration.partyAt(point, ROLE_REGISTRATION[request.role]!, now) === party.eui,
    );
    if (allowed === undefined) {
      const why =
        access === 'C'
          ? `no consent from the consumer at ${points.join(' / ') || 'this device'} covers SR ${request.serviceRequest.variant}`
          : `${party.eui} is not the registered ${ROLE_REGISTRATION[request.role]} of ${points.join(' / ') || `a meter point of ${target.eui}`} on ${new Date(now).toISOString()}`;
      throw new DuisError('E4', why, 'requestId.target');
    }
    ctx.meterPoint = allowed;
  },
};
