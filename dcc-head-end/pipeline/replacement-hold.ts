import { signedContent } from '../../protocol/index.js';
import { DuisError } from '../duis-error.js';
import { buildFrame } from './build.js';
import { pendingRecord } from './store.js';
import type { PipelineStep } from './step.js';

/**
 * SEC §148: a request for a device being replaced waits (acknowledged, stored) and goes to the
 * new device once it is commissioned (replacements.ts re-addresses it). Ends here with I99.
 * Emulator choice: a critical command cannot be re-addressed (the supplier's signature names
 * the old device), so anything but a non-critical WAN request (variant 1) gets E5.
 */
export const holdForReplacement: PipelineStep = {
  name: 'replacement hold (SEC §148)',
  run(ctx, deps) {
    if (!ctx.target || ctx.request.serviceRequest.nonDevice) return;
    const replacement = deps.replacements.inProgress(ctx.target.eui);
    if (!replacement) return;
    if (ctx.request.commandVariant !== 1) {
      throw new DuisError(
        'E5',
        `${ctx.target.eui} is being replaced by ${replacement}: only non-critical WAN requests are held; send this one to ${replacement} once it is commissioned`,
        'requestId.target',
      );
    }
    const unsigned = signedContent(buildFrame(ctx, deps));
    deps.requests.insert(pendingRecord(ctx, 'held', unsigned));
    deps.events.record(ctx.now, 'request-held', {
      requestId: ctx.request.requestIdText,
      device: ctx.target.eui,
      replacement,
    });
    return { requestId: ctx.request.requestIdText, code: 'I99' };
  },
};
