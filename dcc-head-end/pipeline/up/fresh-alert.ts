import { formatAlertCode } from '../../../protocol/index.js';
import type { UpStep } from './up-step.js';

/** The durable counter that holds the last alert counter taken from a device. */
export function alertCounterName(device: string): string {
  return `alert:${device}`;
}

/**
 * An alert's originator counter must be above the last one the DCC took from that device: the
 * rule a device applies to every command (FACTS: GBCS cryptography, "Counters"; every originator
 * has a 64-bit counter, GBCS-FACTS §4), applied by the DCC to what devices originate. A replay (a hub republishing one signed alert, a retained message) is refused and
 * logged as an anomaly (`alert-replay`), so that it reaches no inbox twice (issue 17 #3). FACTS
 * name no DCC alert for it: the event log is where it shows (SEC Annex 2 logs alerts).
 */
export const freshAlert: UpStep = {
  name: 'a fresh alert counter',
  run(ctx, { counters, events }) {
    const frame = ctx.frame!;
    if (frame.kind !== 'alert') return undefined;
    const device = ctx.device!.eui;
    if (counters.raise(alertCounterName(device), frame.header.counter)) return undefined;
    events.record(ctx.now, 'alert-replay', {
      hub: ctx.hub,
      device,
      code: formatAlertCode(frame.alertCode),
      counter: frame.header.counter.toString(),
      last: String(counters.get(alertCounterName(device))),
    });
    return 'done';
  },
};
