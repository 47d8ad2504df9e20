import type { CommandVariant, PlainValue, RequestId, ServiceRequest, UserRole } from '../../protocol/index.js';
import type { Party } from '../parties.js';
import type { DeviceRecord } from '../inventory.js';

/** A DUIS request after its format has been validated. */
export interface DuisRequest {
  readonly requestId: RequestId;
  /** As sent, for echoing back. */
  readonly requestIdText: string;
  readonly role: UserRole;
  readonly serviceRequest: ServiceRequest;
  readonly commandVariant: CommandVariant;
  readonly body: PlainValue;
  readonly executeAt: number | undefined;
  /** Variant 5: the pre-command the DCC returned, and the party's signature over it. */
  readonly preCommand: Uint8Array | undefined;
  readonly signature: Uint8Array | undefined;
}

/** What the pipeline steps read and fill in as the request passes through them. */
export interface RequestContext {
  readonly now: number;
  readonly party: Party;
  readonly request: DuisRequest;
  target: DeviceRecord | undefined;
  /** The meter point the registration check used, for the record. */
  meterPoint: string | undefined;
}
