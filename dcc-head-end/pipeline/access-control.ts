import type { RequestContext } from './request.js';
import { checkCommandVariant } from './access/command-variant.js';
import { checkPartyStatus } from './access/party-status.js';
import { checkRegistration } from './access/registration-on-date.js';
import { checkRoleForServiceRequest } from './access/role-for-service.js';
import { resolveTarget } from './access/target-device.js';
import { checkUserRole } from './access/user-role.js';
import type { AccessDeps, AccessStep } from './step.js';

/**
 * Access control, in the order DUIS checks it. Every request runs it: device SRs, the DCC's own
 * (variant 8), the SEC processes (withdrawal, replacement) and each run of a DCC schedule.
 */
export const ACCESS_CONTROL: readonly AccessStep[] = [
  checkPartyStatus, // E3
  checkUserRole, // E1
  checkRoleForServiceRequest, // E2
  resolveTarget, // E19, E5, E11
  checkCommandVariant, // E12
  checkRegistration, // E4
];

/** Run the access-control steps alone (schedules re-check a stored request with them). */
export function runAccessControl(
  ctx: RequestContext,
  deps: AccessDeps,
  steps: readonly AccessStep[] = ACCESS_CONTROL,
): void {
  for (const step of steps) step.run(ctx, deps);
}
