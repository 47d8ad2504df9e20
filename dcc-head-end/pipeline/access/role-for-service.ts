import { DuisError } from '../../duis-error.js';
import type { AccessStep } from '../step.js';

/** The role may use this SR at all (DUIS E2), from the catalogue's eligible roles. */
export const checkRoleForServiceRequest: AccessStep = {
  name: 'role against the SR catalogue (E2)',
  run({ request }) {
    const sr = request.serviceRequest;
    if (!sr.eligibleRoles.includes(request.role)) {
      throw new DuisError(
        'E2',
        `role ${request.role} may not use SR ${sr.variant} (${sr.name}); eligible: ${sr.eligibleRoles.join(' ') || 'none'}`,
        'role',
      );
    }
  },
};
