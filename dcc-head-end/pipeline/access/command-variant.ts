import { COMMAND_VARIANTS, type CommandVariant } from '../../../protocol/index.js';
import { DuisError } from '../../duis-error.js';
import type { RequestedService } from '../request.js';
import type { AccessStep } from '../step.js';

/**
 * The command variants a request may use (FACTS: Command variants): a non-device request is
 * answered by the DCC (8); a critical one goes through the pre-command round trip (4, then the
 * signed pre-command back as 5, 6 or 7); the rest 1 to 3. The same rule as the catalogue's
 * `allowedCommandVariants`, written on the shape the SEC processes share.
 */
export function commandVariantsFor(sr: RequestedService): readonly CommandVariant[] {
  if (sr.nonDevice) return [8];
  if (sr.critical) return [4, 5, 6, 7];
  return [1, 2, 3];
}

/** Variants 5, 6 and 7 carry a signed pre-command. */
export function carriesSignedPreCommand(variant: CommandVariant): boolean {
  return COMMAND_VARIANTS[variant].critical && variant !== 4;
}

/** The request matches its command variant (DUIS E12). */
export const checkCommandVariant: AccessStep = {
  name: 'command variant (E12)',
  run({ request }) {
    const allowed = commandVariantsFor(request.serviceRequest);
    if (!allowed.includes(request.commandVariant)) {
      throw new DuisError(
        'E12',
        `SR ${request.serviceRequest.variant} takes command variant ${allowed.join(' or ')}, not ${request.commandVariant}`,
        'commandVariant',
      );
    }
    if (carriesSignedPreCommand(request.commandVariant) && (!request.preCommand || !request.signature)) {
      throw new DuisError(
        'E12',
        `command variant ${request.commandVariant} carries "preCommand" and "signature"`,
        'preCommand',
      );
    }
  },
};
