/**
 * The dashboard's JSON: what /ui/api/* answers and what the SSE feed (/ui/api/events) pushes.
 * Both sides use these shapes: the server here, the browser code through JSDoc imports
 * (public/*.js), so a change of shape fails the type check on both.
 */

/** One device as the dashboard shows it; meter fields only on the ESME and GSME. */
export interface DeviceView {
  readonly eui: string;
  readonly type: string;
  readonly lifecycle: string;
  readonly firmwareVersion: string;
  readonly pendingFirmware?: string;
  /** Meters only: whether the meter has power (a power cut switches it off). */
  readonly powered?: boolean;
  readonly supply?: string;
  readonly paymentMode?: string;
  readonly balancePence?: number;
  readonly emergencyCreditActive?: boolean;
  readonly mpxn?: string;
  /** Register name → value with its unit in the name (importKwh, volumeM3, …). */
  readonly registers?: Readonly<Record<string, number | readonly number[]>>;
  /** Displays (IHD, PPMID): the screen's lines as they show now. */
  readonly screen?: readonly string[];
  readonly joined?: readonly string[];
}

export interface PremisesView {
  readonly index: number;
  readonly mpan: string;
  readonly mprn: string;
  readonly hub: { readonly eui: string; readonly online: boolean };
  readonly devices: readonly DeviceView[];
}

export interface PartyView {
  readonly name: string;
  readonly eui: string;
  readonly categories: readonly string[];
}

export type LogKind = 'request' | 'answer' | 'command' | 'response' | 'alert' | 'delivery' | 'event';

/** A payload as a decoder read it: the format it recognised, and the fields as plain JSON. */
export interface DecodedPayload {
  readonly format: string;
  readonly fields: unknown;
}

/**
 * One line of the live message log. `request` is a party's call at the User Gateway, once it has
 * passed authentication and the schema (a call refused before that is logged once, with its
 * code), and `answer` its synchronous answer; `command`, `response` and `alert` are frames crossing the SMWAN; `delivery`
 * is an item put in a party's inbox; `event` is a head-end event-log record.
 */
export interface LogEntry {
  readonly seq: number;
  readonly at: string;
  readonly kind: LogKind;
  readonly summary: string;
  readonly party?: string;
  readonly premises?: number;
  readonly device?: string;
  readonly sr?: string;
  readonly requestId?: string;
  readonly code?: string;
  readonly alertCode?: string;
  /** Frames: the bytes as hex (the seam for a GBCS decoder), and what a decoder made of them. */
  readonly rawHex?: string;
  readonly decoded?: DecodedPayload;
  /** Requests, answers, inbox items and events: the JSON as it was. */
  readonly body?: unknown;
}

export interface LogFilter {
  readonly party?: string;
  readonly premises?: number;
  readonly sr?: string;
  readonly kind?: LogKind;
}

export interface InboxItemView {
  readonly cursor: string;
  readonly kind: string;
  readonly requestId?: string;
  readonly code?: string;
  readonly serviceReferenceVariant?: string;
  readonly alertCode?: string;
  readonly body: unknown;
  readonly receivedAt: string;
}

/** Consumer actions at a premises (the scenario runner's `consumer` steps, scenario-runner/steps.ts). */
export type ConsumerAction = 'enterUtrn' | 'supplyButton' | 'emergencyCredit' | 'powerCut' | 'powerRestore';

export interface ActionRequest {
  readonly action: ConsumerAction;
  readonly fuel?: 'electricity' | 'gas';
  readonly utrn?: string;
}

export interface ActionAnswer {
  readonly ok: boolean;
  readonly detail: string;
}

/** The SSE events: `premises` (a snapshot that changed), `log` (a new entry), `inbox` (an append). */
export interface FeedEvents {
  readonly premises: PremisesView;
  readonly log: LogEntry;
  readonly inbox: { readonly party: string; readonly item: InboxItemView };
}
