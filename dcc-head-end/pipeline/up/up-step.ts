import type { Clock, CryptoProvider, Eui64, Frame } from '../../../protocol/index.js';
import type { CommandDispatch } from '../../command-dispatch.js';
import type { DurableCounters } from '../../durable-counters.js';
import type { HeadEndEventLog } from '../../event-log.js';
import type { Inbox } from '../../inbox.js';
import type { DeviceRecord, Inventory } from '../../inventory.js';
import type { PendingRequest, PendingRequests } from '../../pending-requests.js';
import type { Registration } from '../../registration.js';
import type { SrDeps } from '../../service-request-table.js';

/** What the steps of the response path use. */
export interface UpDeps extends SrDeps {
  readonly clock: Clock;
  readonly crypto: CryptoProvider;
  readonly inventory: Inventory;
  readonly registration: Registration;
  readonly requests: PendingRequests;
  readonly inbox: Inbox;
  readonly events: HeadEndEventLog;
  readonly dispatch: CommandDispatch;
  /** The last alert counter taken from each device (fresh-alert.ts). */
  readonly counters: DurableCounters;
  /** The ACB's EUI: answers addressed to it are to commands the DCC relayed. */
  readonly acb: Eui64;
}

/** One frame from a hub, as the steps fill it in. */
export interface UpContext {
  readonly hub: Eui64;
  readonly bytes: Uint8Array;
  readonly now: number;
  frame?: Frame;
  /** The inventory record of the device that signed the frame. */
  device?: DeviceRecord;
  /** The open request a response answers, and whose inbox gets it. */
  request?: PendingRequest;
  /** The request had already timed out (E20/E21): its answer is delivered marked late. */
  late?: boolean;
}

/** A step lets the frame go on (nothing) or is done with it ('done': delivered, or dropped and logged). */
export interface UpStep {
  readonly name: string;
  run(ctx: UpContext, deps: UpDeps): 'done' | undefined;
}
