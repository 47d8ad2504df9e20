import type { UpStep } from './up-step.js';

/**
 * Correlate a response with the open request it answers, by (requester, command counter). It
 * must come from the request's target, or (mirrored gas reads) its hub's GPF, or the hub itself.
 * An answer to a command the DCC relayed as the ACB (device replacement) belongs to the party's
 * request. Anything else is logged as unmatched.
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
    if (!request || request.state !== 'sent' || !fromTarget) {
      events.record(ctx.now, 'unmatched-response', {
        party,
        counter,
        device: frame.header.originator,
        status: frame.status,
      });
      return 'done';
    }
    ctx.request = request;
    return undefined;
  },
};
