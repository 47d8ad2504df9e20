import { COMMAND_VARIANTS } from '../../protocol/index.js';
import type { PendingRequest } from '../pending-requests.js';
import { carriesSignedPreCommand } from './access/command-variant.js';
import { releasedCounterName } from './counter.js';
import type { RequestContext } from './request.js';
import type { PipelineStep } from './step.js';

export function pendingRecord(
  ctx: RequestContext,
  state: 'accepted' | 'precommand' | 'held',
  command: Uint8Array,
): PendingRequest {
  const target = ctx.target!;
  return {
    party: ctx.party.eui,
    counter: ctx.request.requestId.counter,
    requestId: ctx.request.requestIdText,
    target: target.eui,
    hub: target.type === 'CHF' ? target.eui : target.hub,
    serviceRequest: ctx.request.serviceRequest.variant,
    variant: ctx.request.commandVariant,
    state,
    command,
    createdAt: ctx.now,
    // The command's expiry is the response deadline (build.ts); the timer is armed at publish.
    deadline: ctx.frame?.header.expiresAt,
  };
}

/**
 * Store: what the answer promises is durable before it is given. A command for the WAN is kept
 * `accepted` until it is published (a restart publishes it again). One only returned for local
 * delivery: variant 2 is not kept (nothing more will happen to it); variant 6 closes the
 * pre-command's record as `returned`.
 */
export const store: PipelineStep = {
  name: 'store',
  run(ctx, { requests, counters }) {
    const { request, party } = ctx;
    const command = ctx.command!;
    // The command is released from here on (sent, or returned to be delivered locally): what the
    // device's counter window may have reached (counter.ts, issue 17 #6).
    counters.raise(releasedCounterName(party.eui, ctx.target!.eui), request.requestId.counter);
    const local = COMMAND_VARIANTS[request.commandVariant].delivery === 'local';
    if (!carriesSignedPreCommand(request.commandVariant)) {
      if (local) return;
      ctx.stored = pendingRecord(ctx, 'accepted', command);
      requests.insert(ctx.stored);
      return;
    }
    const pending = requests.get(party.eui, request.requestId.counter)!;
    const state = local ? 'returned' : 'accepted';
    const deadline = ctx.frame?.header.expiresAt;
    requests.update(party.eui, pending.counter, {
      state,
      command,
      variant: request.commandVariant,
      ...(deadline !== undefined ? { deadline } : {}),
    });
    ctx.stored = {
      ...pending,
      state,
      command,
      variant: request.commandVariant,
      deadline: deadline ?? pending.deadline,
    };
  },
};
