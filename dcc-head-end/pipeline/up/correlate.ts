import type { UpStep } from './up-step.js';

/**
 * Correlate a response with the open request it answers, by (requester, command counter). It
 * must come from the request's target, or (mirrored gas reads) its hub's GPF, or the hub itself.
 * An answer to a command the DCC relayed as the ACB (device replacement) belongs to the party's
 * request. An answer to a request that has already timed out (E20/E21) is not dropped: it goes
 * on marked late, so that the party learns what the device did (issue 17 #1). Anything else is
 * logged as unmatched.
 */
export const correlate: UpStep = {
  name: 'correlate with the request',
  run(ctx, { requests, inventory, events, acb }) {
    const frame = ctx.frame!;
    if (frame.kind !== 'response') return undefined;
    const relayed = frame.header.recipient === acb ? requests.relayed(frame.inResponseTo) : undefined;
    const party = relayed?.party ?? frame.header.recipient;
    const counter = relayed?.counter ?? frame.inResponseTo;
    const request = requests.get(party, counter);
    const from = inventory.get(frame.header.originator);
    const fromTarget =
      request &&
      (frame.header.originator === request.target ||
        (from?.type === 'GPF' && from.hub === ctx.hub) ||
        (from?.type === 'CHF' && request.hub === ctx.hub));
    const open = request?.state === 'sent' || request?.state === 'timedOut';
    if (!request || !open || !fromTarget) {
      events.record(ctx.now, 'unmatched-response', {
        party,
        counter,
        device: frame.header.originator,
        status: frame.status,
      });
      return 'done';
    }
    ctx.request = request;
    if (request.state === 'timedOut') {
      ctx.late = true;
      events.record(ctx.now, 'late-response', { requestId: request.requestId, status: frame.status });
    }
    return undefined;
  },
};
