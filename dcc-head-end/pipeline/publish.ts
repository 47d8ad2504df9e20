import { COMMAND_VARIANTS } from '../../protocol/index.js';
import type { PipelineStep } from './step.js';

/**
 * Publish: a command for the WAN (variants 1, 3, 5, 7) goes to the hub's down topic. Not awaited:
 * the request is durable (store), so the party gets I99 at once, whatever the broker is doing;
 * the stored request is the outbox, re-sent until its deadline (command-dispatch.ts).
 */
export const publish: PipelineStep = {
  name: 'publish to the hub',
  run(ctx, { dispatch, timeoutFor }) {
    const record = ctx.stored;
    if (!record || COMMAND_VARIANTS[ctx.request.commandVariant].delivery === 'local') return;
    dispatch.publish(record, timeoutFor(record.serviceRequest, record.target));
  },
};
