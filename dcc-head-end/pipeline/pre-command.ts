import { signedContent } from '../../protocol/index.js';
import { pendingRecord } from './store.js';
import type { PipelineStep } from './step.js';

/**
 * Command variant 4 (critical): the DCC returns the transformed command as a pre-command for the
 * registered supplier to sign, and keeps it; the signed one comes back as 5, 6 or 7. Ends here.
 */
export const returnPreCommand: PipelineStep = {
  name: 'pre-command (variant 4)',
  run(ctx, { requests }) {
    if (ctx.request.commandVariant !== 4) return;
    const preCommand = signedContent(ctx.frame!);
    requests.insert(pendingRecord(ctx, 'precommand', preCommand));
    return {
      requestId: ctx.request.requestIdText,
      code: 'I0',
      preCommand: Buffer.from(preCommand).toString('base64'),
    };
  },
};
