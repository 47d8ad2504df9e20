import { DuisError } from '../../duis-error.js';
import { ROLE_CATEGORY } from '../../parties.js';
import type { AccessStep } from '../step.js';

/** The user id and role go together (DUIS E1): the party holds the SEC category the role needs. */
export const checkUserRole: AccessStep = {
  name: 'user and role (E1)',
  run({ party, request }) {
    const category = ROLE_CATEGORY[request.role];
    if (!party.categories.includes(category)) {
      throw new DuisError('E1', `${party.eui} does not hold ${category}, which role ${request.role} needs`, 'role');
    }
  },
};
