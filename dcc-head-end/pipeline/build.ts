import { COMMAND_VARIANTS, decodeFrame, type CommandFrame } from '../../protocol/index.js';
import { GatewayError } from '../duis-error.js';
import { behaviourOf, type SrDeps } from '../service-request-table.js';
import { carriesSignedPreCommand } from './access/command-variant.js';
import type { RequestContext } from './request.js';
import type { PipelineDeps, PipelineStep } from './step.js';

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
 * The command's expiry (protocol/frame.ts `expiresAt`), which is also the DCC's response deadline:
 * now + the SR's response timeout; for a pre-command (variant 4), plus the time the party has to
 * sign it. A command only returned for local delivery (variant 2) has no DCC deadline and none.
 */
function expiryFor(ctx: RequestContext, deps: PipelineDeps): number | undefined {
  const variant = ctx.request.commandVariant;
  if (COMMAND_VARIANTS[variant].delivery === 'local') return undefined;
  const timeout = deps.timeoutFor(ctx.request.serviceRequest.variant, ctx.target!.eui);
  return ctx.now + timeout + (variant === 4 ? deps.dispatch.preCommandSigningMs : 0);
}

/**
 * Build: the SR table's payload for a new request, with its expiry; for a signed pre-command
 * (variants 5 to 7), the pre-command the DCC returned, which must come back byte for byte and
 * before its expiry (a late one could only end in E21, so it is refused now).
 */
export const build: PipelineStep = {
  name: 'build the command',
  run(ctx, deps) {
    const { request, party } = ctx;
    if (!carriesSignedPreCommand(request.commandVariant)) {
      const frame = buildFrame(ctx, deps);
      const expiresAt = expiryFor(ctx, deps);
      ctx.frame = expiresAt === undefined ? frame : { ...frame, header: { ...frame.header, expiresAt } };
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
    const frame = decodeFrame(request.preCommand!, { unsigned: true }) as CommandFrame;
    const expiresAt = frame.header.expiresAt;
    if (expiresAt !== undefined && expiresAt <= ctx.now) {
      throw new GatewayError(
        'PRE_COMMAND_EXPIRED',
        `the pre-command for ${request.requestIdText} expired at ${new Date(expiresAt).toISOString()}: send variant 4 again under a new counter`,
        409,
        'preCommand',
      );
    }
    ctx.frame = frame;
  },
};
