import { DuisError } from '../../duis-error.js';
import type { AccessStep } from '../step.js';

/**
 * The party's status allows it (DUIS E3). A suspension (SEC M8) covers its listed services; the
 * suspended supplier may keep top-up (SR 2.2) open so that prepayment customers are not cut off.
 */
export const checkPartyStatus: AccessStep = {
  name: 'party status (E3)',
  run({ party, request }) {
    if (party.status === 'Active') return;
    if (party.status === 'Suspended' && party.suspension) {
      const sr = request.serviceRequest.variant;
      const covered = party.suspension.services === 'all' || party.suspension.services.includes(sr);
      if (!covered || (sr === '2.2' && party.suspension.keepTopUp)) return;
      throw new DuisError('E3', `${party.eui} is suspended for ${request.serviceRequest.name} (${sr})`, 'party');
    }
    throw new DuisError('E3', `${party.eui} is ${party.status}, not Active: no services`, 'party');
  },
};
