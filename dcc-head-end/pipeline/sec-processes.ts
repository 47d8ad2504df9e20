import type { Eui64, PlainValue, UserRole } from '../../protocol/index.js';
import { DuisError } from '../duis-error.js';
import type { Party } from '../parties.js';
import type { Replacements } from '../replacements.js';
import type { Withdrawals } from '../withdrawals.js';
import { ACCESS_CONTROL, runAccessControl } from './access-control.js';
import type { RequestContext, RequestedService } from './request.js';
import type { AccessDeps } from './step.js';

/**
 * The SEC processes the User Gateway takes besides DUIS service requests. They are not in the
 * DUIS catalogue, so each is described here in the catalogue's shape: who may ask (the eligible
 * roles), and that the DCC answers itself (non-device, command variant 8). Then they pass the
 * same access-control steps as every request, with the same codes, before their own rules.
 */
export const WITHDRAWAL: RequestedService = {
  variant: 'withdrawal',
  name: 'Withdraw a smart metering system (SEC §144-153, BPM 03)',
  critical: false,
  nonDevice: true,
  // SEC §144: the import supplier, or the gas supplier for a gas-only system.
  eligibleRoles: ['IS', 'GS'],
};

export const REPLACEMENT: RequestedService = {
  variant: 'replacement',
  name: 'Device replacement (SEC §148)',
  critical: false,
  nonDevice: true,
  // The supplier swaps its meter: the import supplier, or the gas supplier for a GSME.
  eligibleRoles: ['IS', 'GS'],
};

export interface ProcessDeps extends AccessDeps {
  readonly withdrawals: Withdrawals;
  readonly replacements: Replacements;
}

/** The request context of a SEC process: the device it concerns takes the place of the request id's target. */
function processContext(
  party: Party,
  role: UserRole,
  service: RequestedService,
  target: Eui64,
  body: PlainValue,
  now: number,
): RequestContext {
  return {
    now,
    party,
    target: undefined,
    meterPoint: undefined,
    request: {
      requestId: { originator: party.eui, target, counter: 0n },
      requestIdText: '',
      role,
      serviceRequest: service,
      commandVariant: 8,
      body,
      executeAt: undefined,
      preCommand: undefined,
      signature: undefined,
    },
  };
}

/** Access control for a process, naming the body's field where the shared steps name the target. */
function admit(ctx: RequestContext, deps: AccessDeps, targetField: string): void {
  try {
    runAccessControl(ctx, deps, ACCESS_CONTROL);
  } catch (error) {
    if (error instanceof DuisError && error.field === 'requestId.target')
      throw new DuisError(error.code, error.message, targetField);
    throw error;
  }
}

/** `POST /v1/withdrawals`: access control, then the withdrawal's own rules (withdrawals.ts). */
export function requestWithdrawal(
  deps: ProcessDeps,
  party: Party,
  role: UserRole,
  hub: Eui64,
  effectiveFrom: number,
  now: number,
): { hub: Eui64; points: string[]; effectiveFrom: number } {
  const ctx = processContext(party, role, WITHDRAWAL, hub, null, now);
  admit(ctx, deps, 'hub');
  return deps.withdrawals.withdraw(ctx, effectiveFrom);
}

/** `POST /v1/replacements`: access control, then the replacement's own rules (replacements.ts). */
export function startReplacement(
  deps: ProcessDeps,
  party: Party,
  role: UserRole,
  old: Eui64,
  replacement: Eui64,
  now: number,
): void {
  const ctx = processContext(party, role, REPLACEMENT, old, null, now);
  admit(ctx, deps, 'oldDevice');
  deps.replacements.start(ctx, replacement);
}
