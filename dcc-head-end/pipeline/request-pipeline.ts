import type { Eui64 } from '../../protocol/index.js';
import type { PartyRegistry } from '../parties.js';
import { ACCESS_CONTROL } from './access-control.js';
import { acknowledge } from './acknowledge.js';
import { authenticateParty } from './authenticate-party.js';
import { build } from './build.js';
import { checkCounter } from './counter.js';
import { answerByDcc } from './dcc-answer.js';
import { returnPreCommand } from './pre-command.js';
import { publish } from './publish.js';
import { holdForReplacement } from './replacement-hold.js';
import type { RequestContext, SubmitAnswer } from './request.js';
import { sign } from './sign.js';
import type { PipelineDeps, PipelineStep } from './step.js';
import { store } from './store.js';
import { parseDuisRequest } from './validate-format.js';

/**
 * The path of every service request through the DCC, in order. Steps 1 and 2 turn the call into
 * a request context (`submitRequest` below); from there each step either passes the request on
 * or finishes it with the answer the party gets. What a step does for one SR in particular
 * (payload, extra signer, what the answer updates) is the SR's entry in service-request-table.ts.
 *
 *  1. validate       the format, every field named when wrong (validate-format.ts)
 *  2. authenticate   a known party; its HTTP signature was checked at the gateway
 */
export const REQUEST_PIPELINE: readonly PipelineStep[] = [
  checkCounter, //       3. the request counter is fresh (or a pre-command waits)
  ...ACCESS_CONTROL, //  4-9. E3, E1, E2, E19/E5/E11, E12, E4
  answerByDcc, //        variant 8: the DCC answers itself (ends here)
  holdForReplacement, // SEC §148: held for the replacement device (ends here)
  build, //              the command: the SR's payload, or the returned pre-command
  returnPreCommand, //   variant 4: the pre-command goes back to be signed (ends here)
  sign, //               supplier (5-7), Transitional CoS (6.23), ACB
  store, //              durable before it is acknowledged
  publish, //            to the hub over the SMWAN (1, 3, 5, 7)
  acknowledge, //        I99, or I0 with the command for local delivery (2, 3, 6, 7)
];

/** Take one call from the gateway through the pipeline. Throws DuisError or GatewayError. */
export async function submitRequest(
  deps: PipelineDeps & { readonly parties: Pick<PartyRegistry, 'get'> },
  caller: Eui64,
  json: unknown,
  now: number,
): Promise<SubmitAnswer> {
  const request = parseDuisRequest(json, caller); // 1
  const party = authenticateParty(deps.parties, caller); // 2
  const ctx: RequestContext = { now, party, request, target: undefined, meterPoint: undefined };
  return runSteps(REQUEST_PIPELINE, ctx, deps);
}

/** Run steps in order until one answers. Only the steps that do I/O are awaited. */
export async function runSteps(
  steps: readonly PipelineStep[],
  ctx: RequestContext,
  deps: PipelineDeps,
): Promise<SubmitAnswer> {
  for (const step of steps) {
    let outcome = step.run(ctx, deps);
    if (outcome instanceof Promise) outcome = await outcome;
    if (outcome) return outcome;
  }
  throw new Error(`the request pipeline ended without an answer for ${ctx.request.requestIdText}`);
}
