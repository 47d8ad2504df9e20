import type { PlainValue } from '../../../protocol/index.js';
import { behaviourOf } from '../../service-request-table.js';
import { payloadToJson } from '../../transform.js';
import type { UpStep } from './up-step.js';

/** Device statuses that mean the command ran (or was accepted to run later). */
const SUCCESS = new Set(['OK', 'SCHEDULED']);

/**
 * Deliver the response: stop the request's timer, then in one transaction close the request, put
 * the answer in the requester's inbox (the webhook, if the party has one, follows from the
 * inbox: webhooks.ts), and do what the SR's table entry says the answer updates or records.
 * A late answer (the party already has E20/E21) is delivered the same way with `late: true` in
 * its body, and still updates what the SR's entry says: it is what the device did.
 */
export const deliverResponse: UpStep = {
  name: 'deliver to the inbox',
  run(ctx, deps) {
    const frame = ctx.frame!;
    const request = ctx.request;
    if (frame.kind !== 'response' || !request) return undefined;
    const { now } = ctx;
    deps.dispatch.settled(request.party, request.counter);
    deps.requests.atomically(() => {
      deps.requests.update(request.party, request.counter, { state: 'answered' });
      deps.inbox.append(
        request.deliverTo ?? request.party,
        {
          kind: 'response',
          requestId: request.requestId,
          code: SUCCESS.has(frame.status) ? 'I0' : frame.status,
          serviceReferenceVariant: frame.serviceRequest,
          body: {
            deviceStatus: frame.status,
            ...(ctx.late ? { late: true } : {}),
            ...(payloadToJson(frame.payload) ?? {}),
          },
        },
        now,
      );
      const entry = behaviourOf(frame.serviceRequest);
      if (!entry.afterSuccess && !entry.afterAnswer) return;
      const answer = {
        request,
        response: frame,
        payload: (frame.payload ?? {}) as Record<string, PlainValue>,
        now,
      };
      if (frame.status === 'OK') entry.afterSuccess?.(answer, deps);
      entry.afterAnswer?.(answer, deps);
    });
    return 'done';
  },
};
