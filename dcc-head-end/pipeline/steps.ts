import { accessFor, allowedCommandVariants, isEligible, type Eui64, type UserRole } from '../../protocol/index.js';
import { DuisError } from '../duis-error.js';
import type { Consents } from '../consents.js';
import type { Inventory, DeviceRecord } from '../inventory.js';
import { ROLE_CATEGORY } from '../parties.js';
import type { Registration, RegistrationRole } from '../registration.js';
import { INSTALL_PHASE_SRS, NO_TARGET_SRS, targetTypes } from '../sr-targets.js';
import type { RequestContext } from './request.js';

export interface PipelineDeps {
  readonly inventory: Inventory;
  readonly registration: Registration;
  readonly consents: Consents;
  /** Is the system on this hub withdrawn at this time (SEC §144)? */
  readonly withdrawn?: (hub: Eui64 | undefined, at: number) => boolean;
}

export interface PipelineStep {
  readonly name: string;
  run(ctx: RequestContext, deps: PipelineDeps): void;
}

/** 3. The party's status allows it (E3). A suspension covers its listed services; top-up may stay open. */
export const checkPartyStatus: PipelineStep = {
  name: 'party status (E3)',
  run({ party, request }) {
    if (party.status === 'Active') return;
    if (party.status === 'Suspended' && party.suspension) {
      const sr = request.serviceRequest.variant;
      const covered = party.suspension.services === 'all' || party.suspension.services.includes(sr);
      if (!covered || (sr === '2.2' && party.suspension.keepTopUp)) return;
      throw new DuisError('E3', `${party.eui} is suspended for SR ${sr}`, 'party');
    }
    throw new DuisError('E3', `${party.eui} is ${party.status}, not Active: no services`, 'party');
  },
};

/** 4. The user id and role go together (E1): the party holds the SEC category the role needs. */
export const checkUserRole: PipelineStep = {
  name: 'user and role (E1)',
  run({ party, request }) {
    const category = ROLE_CATEGORY[request.role];
    if (!party.categories.includes(category)) {
      throw new DuisError('E1', `${party.eui} does not hold ${category}, which role ${request.role} needs`, 'role');
    }
  },
};

/** 5. The role may use this SR at all (E2), from the catalogue's eligible roles. */
export const checkRoleForServiceRequest: PipelineStep = {
  name: 'role against the SR catalogue (E2)',
  run({ request }) {
    const sr = request.serviceRequest;
    if (!isEligible(sr, request.role)) {
      throw new DuisError(
        'E2',
        `role ${request.role} may not use SR ${sr.variant} (${sr.name}); eligible: ${sr.eligibleRoles.join(' ') || 'none'}`,
        'role',
      );
    }
  },
};

/** 6. The target exists (E19), its status allows the SR (E5), and the SR fits its type (E11). */
export const resolveTarget: PipelineStep = {
  name: 'target device (E19, E5, E11)',
  run(ctx, { inventory, withdrawn }) {
    const sr = ctx.request.serviceRequest;
    if (sr.nonDevice && NO_TARGET_SRS.has(sr.variant)) return;
    const target = inventory.get(ctx.request.requestId.target);
    if (!target)
      throw new DuisError('E19', `device ${ctx.request.requestId.target} does not exist`, 'requestId.target');
    ctx.target = target;
    // SEC §144: once a system is withdrawn, every party gets E5 for every device on it.
    if (withdrawn?.(target.type === 'CHF' ? target.eui : target.hub, ctx.now)) {
      throw new DuisError(
        'E5',
        `the smart metering system on hub ${target.hub ?? target.eui} is withdrawn`,
        'requestId.target',
      );
    }
    if (sr.nonDevice) return; // the DCC answers about the device; its status and type do not matter
    if (target.status === 'Commissioned') {
      // fine
    } else if (target.status === 'Installed' && INSTALL_PHASE_SRS.has(sr.variant)) {
      // installers' SRs work before commissioning
    } else {
      throw new DuisError(
        'E5',
        `device ${target.eui} is ${target.status}: SR ${sr.variant} is not allowed`,
        'requestId.target',
      );
    }
    if (!targetTypes(sr).includes(target.type)) {
      throw new DuisError(
        'E11',
        `SR ${sr.variant} is not valid for a ${target.type}; it applies to ${targetTypes(sr).join(', ')}`,
        'requestId.target',
      );
    }
  },
};

/** 7. The request matches its command variant (E12). */
export const checkCommandVariant: PipelineStep = {
  name: 'command variant (E12)',
  run({ request }) {
    const allowed = allowedCommandVariants(request.serviceRequest);
    if (!allowed.includes(request.commandVariant)) {
      throw new DuisError(
        'E12',
        `SR ${request.serviceRequest.variant} takes command variant ${allowed.join(' or ')}, not ${request.commandVariant}`,
        'commandVariant',
      );
    }
    if (request.commandVariant === 5 && (!request.preCommand || !request.signature)) {
      throw new DuisError('E12', 'command variant 5 carries "preCommand" and "signature"', 'preCommand');
    }
  },
};

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

/** 8. Registration on the date (E4): Type A supplier, Type B network operator, RSA meter operator, Type C consent. */
export const checkRegistration: PipelineStep = {
  name: 'registration on the date (E4)',
  run(ctx, { inventory, registration, consents }) {
    const { request, party, now, target } = ctx;
    if (!target) return; // a non-device request about no device: nothing to be registered for
    const access = accessFor(request.serviceRequest, request.role);
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

/** Steps 3 to 8 in order (1, format, and 2, the party's signature, happen at the gateway). */
export const ACCESS_CONTROL: readonly PipelineStep[] = [
  checkPartyStatus,
  checkUserRole,
  checkRoleForServiceRequest,
  resolveTarget,
  checkCommandVariant,
  checkRegistration,
];

export function runAccessControl(
  ctx: RequestContext,
  deps: PipelineDeps,
  steps: readonly PipelineStep[] = ACCESS_CONTROL,
): void {
  for (const step of steps) step.run(ctx, deps);
}
