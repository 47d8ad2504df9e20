import { GatewayError } from '../duis-error.js';
import { carriesSignedPreCommand } from './access/command-variant.js';
import type { PipelineStep } from './step.js';

/**
 * Step 3: the request counter is above the last one accepted from the party (durable, never goes
 * backwards). A signed pre-command (variants 5 to 7) comes back under the request id of the
 * variant 4 that produced it, so instead that pre-command must be waiting.
 */
export const checkCounter: PipelineStep = {
  name: 'request counter',
  run({ party, request }, { counters, requests }) {
    if (carriesSignedPreCommand(request.commandVariant)) {
      if (requests.get(party.eui, request.requestId.counter)?.state !== 'precommand') {
        throw new GatewayError(
          'NO_PRE_COMMAND',
          `no pre-command is waiting under ${request.requestIdText}: send variant 4 first`,
          409,
          'requestId',
        );
      }
      return;
    }
    const counterName = `party:${party.eui}`;
    if (!counters.raise(counterName, request.requestId.counter)) {
      throw new GatewayError(
        'COUNTER_NOT_FRESH',
        `counter ${request.requestId.counter} is not above the last one accepted from ${party.eui} (${counters.get(counterName)})`,
        409,
        'requestId.counter',
      );
    }
  },
};
