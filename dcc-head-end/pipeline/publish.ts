import { COMMAND_VARIANTS } from '../../protocol/index.js';
import type { PipelineStep } from './step.js';

/** Publish: a command for the WAN (variants 1, 3, 5, 7) goes to the hub's down topic. */
export const publish: PipelineStep = {
  name: 'publish to the hub',
  async run(ctx, { dispatch, timeoutFor }) {
    const record = ctx.stored;
    if (!record || COMMAND_VARIANTS[ctx.request.commandVariant].delivery === 'local') return;
    await dispatch.publish(record, timeoutFor(record.serviceRequest, record.target));
  },
};
