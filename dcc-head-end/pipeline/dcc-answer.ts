import { notImplemented } from '../non-device-services.js';
import { behaviourOf } from '../service-request-table.js';
import type { PipelineStep } from './step.js';

/** Command variant 8: the DCC answers itself, from the SR table; the request ends here with I0. */
export const answerByDcc: PipelineStep = {
  name: 'DCC answers (variant 8)',
  run(ctx, deps) {
    if (ctx.request.commandVariant !== 8) return;
    const answer = behaviourOf(ctx.request.serviceRequest.variant).answer;
    const body = answer ? answer(ctx, deps) : notImplemented(ctx);
    return { requestId: ctx.request.requestIdText, code: 'I0', body };
  },
};
