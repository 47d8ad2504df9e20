import type { Eui64 } from '../../protocol/index.js';
import { GatewayError } from '../duis-error.js';
import { carriesSignedPreCommand } from './access/command-variant.js';
import type { PipelineStep } from './step.js';

/**
 * The highest counter of a command from `party` the DCC has released for `device` (sent over
 * the WAN or returned for local delivery): the device's own counter window (GBCS: per
 * originator) is at most this. Raised by store.ts, durable.
 */
export function releasedCounterName(party: Eui64, device: Eui64): string {
  return `released:${party}:${device}`;
}

/**
 * Step 3: the request counter is above the last one accepted from the party (durable, never goes
 * backwards). A signed pre-command (variants 5 to 7) comes back under the request id of the
 * variant 4 that produced it, so instead that pre-command must be waiting, and its counter must
 * still be above every command from the party the DCC has released for that device since: the
 * device would refuse it as a replay (REFUSED_REPLAY, 0x8F3D) after the party got I99 (issue 17
 * #6). Refused with the same code as any counter that is not fresh.
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
      const { counter, target } = request.requestId;
      const released = counters.get(releasedCounterName(party.eui, target));
      if (released !== undefined && released >= counter) {
        throw new GatewayError(
          'COUNTER_NOT_FRESH',
          `counter ${counter} is not above ${released}, already sent to ${target}: the device would refuse it as a replay; send variant 4 again under a new counter`,
          409,
          'requestId.counter',
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
