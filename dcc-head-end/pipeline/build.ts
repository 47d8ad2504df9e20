import { decodeFrame, type CommandFrame } from '../../protocol/index.js';
import { GatewayError } from '../duis-error.js';
import { behaviourOf, type SrDeps } from '../service-request-table.js';
import { carriesSignedPreCommand } from './access/command-variant.js';
import type { RequestContext } from './request.js';
import type { PipelineStep } from './step.js';

/** The command a request that passed access control becomes, before any signature (DUIS transform). */
export function buildFrame(ctx: RequestContext, deps: SrDeps): CommandFrame {
  const { request, party, now } = ctx;
  const payload = behaviourOf(request.serviceRequest.variant).payload?.(ctx, deps) ?? request.body;
  return {
    kind: 'command',
    header: {
      originator: party.eui,
      recipient: ctx.target!.eui,
      counter: request.requestId.counter,
      createdAt: now,
      ...(request.executeAt !== undefined ? { executeAt: request.executeAt } : {}),
    },
    serviceRequest: request.serviceRequest.variant,
    payload,
    signatures: [],
  };
}

/**
 * Build: the SR table's payload for a new request; for a signed pre-command (variants 5 to 7),
 * the pre-command the DCC returned, which must come back byte for byte.
 */
export const build: PipelineStep = {
  name: 'build the command',
  run(ctx, deps) {
    const { request, party } = ctx;
    if (!carriesSignedPreCommand(request.commandVariant)) {
      ctx.frame = buildFrame(ctx, deps);
      return;
    }
    const issued = deps.requests.get(party.eui, request.requestId.counter)?.command;
    if (!issued || !Buffer.from(issued).equals(Buffer.from(request.preCommand!))) {
      throw new GatewayError(
        'PRE_COMMAND_CHANGED',
        'preCommand is not the one the DCC returned for this request id',
        400,
        'preCommand',
      );
    }
    ctx.frame = decodeFrame(request.preCommand!, { unsigned: true }) as CommandFrame;
  },
};
