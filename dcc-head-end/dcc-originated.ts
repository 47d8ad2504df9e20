import type { Clock, CommandFrame, Eui64, PlainValue } from '../protocol/index.js';
import type { CommandDispatch } from './command-dispatch.js';
import type { DccIdentity } from './dcc-identity.js';
import type { DurableCounters } from './durable-counters.js';
import type { DeviceRecord } from './inventory.js';
import type { PendingRequests } from './pending-requests.js';

/**
 * Commands the DCC originates itself on a party's behalf (DUIS "DCC scheduled": schedule runs,
 * firmware distribution). The ACB is the originator, under its own counter; the request is stored
 * with `deliverTo`, so the device's answer lands in that party's inbox.
 */
export class DccOriginated {
  constructor(
    private readonly deps: {
      readonly clock: Clock;
      readonly dcc: DccIdentity;
      readonly counters: DurableCounters;
      readonly requests: PendingRequests;
      readonly dispatch: CommandDispatch;
      readonly timeoutFor: (serviceRequest: string, target: Eui64) => number;
    },
  ) {}

  send(
    target: DeviceRecord,
    serviceRequest: string,
    payload: PlainValue,
    deliverTo: Eui64,
    requestId: string,
    executeAt?: number,
  ): void {
    const now = this.deps.clock.now();
    const counter = this.deps.counters.next('acb');
    // Its expiry is its deadline, as for a party's command (pipeline/build.ts).
    const expiresAt = now + this.deps.timeoutFor(serviceRequest, target.eui);
    const frame: CommandFrame = {
      kind: 'command',
      header: {
        originator: this.deps.dcc.acb.eui,
        recipient: target.eui,
        counter,
        createdAt: now,
        ...(executeAt !== undefined ? { executeAt } : {}),
        expiresAt,
      },
      serviceRequest,
      payload,
      signatures: [],
    };
    const record = {
      party: this.deps.dcc.acb.eui,
      counter,
      requestId,
      target: target.eui,
      hub: target.type === 'CHF' ? target.eui : target.hub,
      serviceRequest,
      variant: 1,
      state: 'accepted' as const,
      command: this.deps.dispatch.countersign(frame),
      createdAt: now,
      deadline: expiresAt,
      deliverTo,
    };
    this.deps.requests.insert(record);
    this.deps.dispatch.publish(record, this.deps.timeoutFor(serviceRequest, target.eui));
  }
}
