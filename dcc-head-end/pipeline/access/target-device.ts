import { DuisError } from '../../duis-error.js';
import { INSTALL_PHASE_SRS, NO_TARGET_SRS, targetTypes } from '../../sr-targets.js';
import type { AccessStep } from '../step.js';

/** The target exists (DUIS E19), its status allows the SR (E5), and the SR fits its type (E11). */
export const resolveTarget: AccessStep = {
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
