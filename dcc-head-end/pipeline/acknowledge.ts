import { COMMAND_VARIANTS } from '../../protocol/index.js';
import type { PipelineStep } from './step.js';

/**
 * The synchronous answer: I99 for a command on its way to the device; I0 with the signed command
 * when it is also (3, 7) or only (2, 6) returned for local delivery. SR 2.2's UTRN rides along.
 */
export const acknowledge: PipelineStep = {
  name: 'acknowledge',
  run(ctx) {
    const requestId = ctx.request.requestIdText;
    const records = ctx.records ?? {};
    const delivery = COMMAND_VARIANTS[ctx.request.commandVariant].delivery;
    if (delivery === 'local' || delivery === 'both') {
      const command = Buffer.from(ctx.command!).toString('base64');
      return { requestId, code: 'I0', command, sent: delivery === 'both', ...records };
    }
    return { requestId, code: 'I99', ...records };
  },
};
