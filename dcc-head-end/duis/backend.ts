import type { CommandVariant, Eui64, PartyCategory, RequestId } from '../../protocol/index.js';
import type { DuisBody } from './request-reader.js';
import type { InventoryDevice } from './response-writer.js';

/**
 * The one interface between the DUIS door and the head-end. The door does XML, the signature
 * and the DUIS codes; everything a request means (access control, the device, the answer) is
 * the head-end's request pipeline, shared with the JSON gateway (BRIEF: two front doors, one
 * pipeline). head-end-backend.ts adapts today's HeadEnd to it.
 */
export interface DuisBackend {
  /** The DCC clock: certificate validity and ResponseDateTime. */
  now(): number;
  /** A registered SEC party, by the EUI its XML-signing certificate names. */
  party(eui: Eui64): DuisParty | undefined;
  /**
   * Run one request through the pipeline. Throws the pipeline's own errors (DuisError with an
   * E-code, GatewayError, SmetsimError); response-codes.ts turns each into a DUIS code.
   */
  submit(request: DuisPipelineRequest, party: DuisParty): Promise<DuisOutcome>;
}

export interface DuisParty {
  readonly eui: Eui64;
  readonly categories: readonly PartyCategory[];
}

/** A DUIS request as the pipeline takes it: no role (it follows from the party), no XML. */
export interface DuisPipelineRequest {
  readonly requestIdText: string;
  readonly requestId: RequestId;
  readonly serviceReferenceVariant: string;
  readonly commandVariant: CommandVariant;
  /** The body element's local name and content, e.g. ReadInventory {DeviceID}. */
  readonly bodyElement: string;
  readonly body: DuisBody;
  readonly executionDateTime: string | undefined;
}

/** What the pipeline answered synchronously. */
export type DuisOutcome =
  /** A device request passed access control and is on its way (DUIS-CODES.md §1.2). */
  | { readonly code: 'I99' }
  /** A non-device request answered with a body, or with none. */
  | { readonly code: 'I0'; readonly inventory?: readonly InventoryDevice[] }
  /** Variant 4: the pre-command for the user to sign. */
  | { readonly code: 'I0'; readonly preCommand: { readonly gbcsVersion: string; readonly payload: Uint8Array } }
  /** Variants 2 and 3: the command for local delivery. */
  | { readonly code: 'I0'; readonly localCommand: Uint8Array };
