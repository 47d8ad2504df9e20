import type { CryptoProvider, Eui64 } from '../../protocol/index.js';
import type { CommandDispatch } from '../command-dispatch.js';
import type { Consents } from '../consents.js';
import type { DurableCounters } from '../durable-counters.js';
import type { HeadEndEventLog } from '../event-log.js';
import type { Inventory } from '../inventory.js';
import type { PendingRequests } from '../pending-requests.js';
import type { Registration } from '../registration.js';
import type { Replacements } from '../replacements.js';
import type { SrDeps } from '../service-request-table.js';
import type { RequestContext, SubmitAnswer } from './request.js';

/** What the access-control steps read (a test can hand them just these). */
export interface AccessDeps {
  readonly inventory: Inventory;
  readonly registration: Registration;
  readonly consents: Consents;
  /** Is the system on this hub withdrawn at this time (SEC §144)? */
  readonly withdrawn?: (hub: Eui64 | undefined, at: number) => boolean;
}

/** Everything a request step may use: the head-end's services, handed over once by `HeadEnd`. */
export interface PipelineDeps extends AccessDeps, SrDeps {
  readonly counters: DurableCounters;
  readonly requests: PendingRequests;
  readonly events: HeadEndEventLog;
  readonly dispatch: CommandDispatch;
  readonly replacements: Replacements;
  readonly crypto: CryptoProvider;
  /** The response deadline for a command of this SR to this device. */
  readonly timeoutFor: (serviceRequest: string, target: Eui64) => number;
}

/** A step either lets the request go on (returns nothing) or finishes it with the answer. */
export type StepOutcome = SubmitAnswer | undefined;

export interface PipelineStep<D = PipelineDeps> {
  readonly name: string;
  run(ctx: RequestContext, deps: D): StepOutcome | void | Promise<StepOutcome | void>;
}

/** An access-control step: synchronous, and it either passes or throws the DUIS refusal. */
export interface AccessStep extends PipelineStep<AccessDeps> {
  run(ctx: RequestContext, deps: AccessDeps): void;
}
