import type { CommandFrame, CommandVariant, PlainValue, RequestId, UserRole } from '../../protocol/index.js';
import type { Party } from '../parties.js';
import type { DeviceRecord } from '../inventory.js';
import type { PendingRequest } from '../pending-requests.js';

/**
 * What a request asks for: a DUIS service request from the catalogue, or one of the SEC
 * processes the DCC runs itself (withdrawal, device replacement: `sec-processes.ts`). Every
 * catalogue entry fits this shape, so the access-control steps treat both alike.
 */
export interface RequestedService {
  readonly variant: string;
  readonly name: string;
  readonly critical: boolean;
  readonly nonDevice: boolean;
  readonly eligibleRoles: readonly UserRole[];
}

/** A DUIS request after its format has been validated. */
export interface DuisRequest {
  readonly requestId: RequestId;
  /** As sent, for echoing back. */
  readonly requestIdText: string;
  readonly role: UserRole;
  readonly serviceRequest: RequestedService;
  readonly commandVariant: CommandVariant;
  readonly body: PlainValue;
  readonly executeAt: number | undefined;
  /** Variants 5 to 7: the pre-command the DCC returned, and the party's signature over it. */
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
  /** Set by the build step: the command before any signature. */
  frame?: CommandFrame;
  /** Set by the sign step: the encoded command as it leaves the DCC (or the pre-command, variant 4). */
  command?: Uint8Array;
  /** Set by the store step: the durable record of the request, as published. */
  stored?: PendingRequest;
  /** What the SR's entry asks the synchronous answer to carry for the party's records (SR 2.2: the UTRN). */
  records?: { readonly utrn?: string };
}

/** What the gateway sends back for an accepted request. */
export type SubmitAnswer =
  | { readonly requestId: string; readonly code: 'I99'; readonly utrn?: string }
  | { readonly requestId: string; readonly code: 'I0'; readonly body: PlainValue }
  | { readonly requestId: string; readonly code: 'I0'; readonly preCommand: string }
  | {
      readonly requestId: string;
      readonly code: 'I0';
      readonly command: string;
      readonly sent: boolean;
      readonly utrn?: string;
    };
