import { correlate } from './up/correlate.js';
import { decodeUp } from './up/decode.js';
import { deliverResponse } from './up/deliver-response.js';
import { freshAlert } from './up/fresh-alert.js';
import { routeAlert } from './up/route-alert.js';
import type { UpContext, UpDeps, UpStep } from './up/up-step.js';
import { verifyDevice } from './up/verify-device.js';

/**
 * The path of every frame a hub sends up (smwan/v1/+/up), in order. A step is done with the frame
 * when it has delivered it, or dropped it with an event in the log (nothing from a device is
 * ever thrown at the link). Responses to requests that never come get E20/E21 from the timers in
 * command-dispatch.ts.
 */
export const RESPONSE_PIPELINE: readonly UpStep[] = [
  decodeUp, //         strict decode; malformed frames are logged
  verifyDevice, //     signed by a device in the inventory, on the hub it came from
  correlate, //        a response: matched to its open request
  deliverResponse, //  a response: into the requester's inbox (then its webhook), plus the SR's entry
  freshAlert, //       an alert: its counter above the device's last (a replay is logged, dropped)
  routeAlert, //       an alert: to the parties the routing table names
];

export function receiveUp(ctx: UpContext, deps: UpDeps, steps: readonly UpStep[] = RESPONSE_PIPELINE): void {
  for (const step of steps) if (step.run(ctx, deps) === 'done') return;
}
