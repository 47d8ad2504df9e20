import type { PlainValue, ResponseFrame } from '../protocol/index.js';
import type { Consents } from './consents.js';
import type { DccServices } from './dcc-services.js';
import { DuisError, GatewayError } from './duis-error.js';
import type { Enrolment } from './enrolment.js';
import type { Inbox } from './inbox.js';
import type { Inventory } from './inventory.js';
import {
  decommissionDevice,
  hubStatusUpdate,
  preNotifyDevices,
  readInventory,
  updateInventoryRecord,
} from './non-device-services.js';
import type { PendingRequest } from './pending-requests.js';
import type { RequestContext } from './pipeline/request.js';
import type { Registration } from './registration.js';
import type { TokenService } from './token-service.js';

/** The services an SR's entry may use. */
export interface SrDeps {
  readonly inventory: Inventory;
  readonly registration: Registration;
  readonly consents: Consents;
  readonly inbox: Inbox;
  readonly tokens: TokenService;
  readonly enrolment: Enrolment;
  readonly services: DccServices;
}

/** A device's answer, matched to its request, inside the transaction that delivers it. */
export interface AnswerContext {
  readonly request: PendingRequest;
  readonly response: ResponseFrame;
  readonly payload: Record<string, PlainValue>;
  readonly now: number;
}

/**
 * What the DCC does specially for one SR. Everything here is optional: an SR without an entry
 * is a device command whose body is the payload, signed by the ACB alone, answered into the
 * requester's inbox and nothing more.
 */
export interface SrBehaviour {
  /** DUIS transform: the command payload the DCC builds (default: the request body as sent). */
  readonly payload?: (ctx: RequestContext, deps: SrDeps) => PlainValue;
  /** A DCC party's signature the command carries before the ACB's countersignature. */
  readonly signer?: 'TransitionalCoS';
  /** What the synchronous answer also carries for the party's records. */
  readonly records?: (payload: PlainValue) => { readonly utrn?: string };
  /** Command variant 8: the DCC's own answer (an SR with no entry of this kind gets 501). */
  readonly answer?: (ctx: RequestContext, deps: SrDeps) => PlainValue;
  /** After the device answered OK: what the DCC updates (inventory, registration side, consents). */
  readonly afterSuccess?: (answer: AnswerContext, deps: SrDeps) => void;
  /** After any answer, whatever the device said: what the DCC records or tells. */
  readonly afterAnswer?: (answer: AnswerContext, deps: SrDeps) => void;
  /** A device may take it before it is commissioned: what an installer needs (BPM 01.01). */
  readonly installPhase?: true;
  /** A non-device SR that needs no existing device as target (the DCC answers about itself, or creates one). */
  readonly noTarget?: true;
}

const INSTALL: SrBehaviour = { installPhase: true };

/** Keyed by DUIS service reference variant. Adding an SR's DCC-side behaviour is one entry here. */
export const SR_TABLE: Readonly<Record<string, SrBehaviour>> = {
  // Prepayment (BPM 02.03): the DCC's token service makes the UTRN, which also goes to the
  // supplier for its records (and, with variant 2, only to it, for the consumer to type in).
  '2.2': {
    payload: (ctx, { tokens }) => topUpPayload(ctx, tokens),
    records: (payload) => {
      const utrn = (payload as { utrn?: unknown } | null)?.utrn;
      return typeof utrn === 'string' ? { utrn } : {};
    },
  },
  // Change of tenancy (BPM 02.05): the meter has the new tenancy; the DCC voids the old consents.
  '3.2': { afterSuccess: ({ request, payload }, { enrolment }) => enrolment.tenancyChanged(request, payload) },
  // Schedules (BPM 02.02): the DCC itself sends the reads.
  '5.1': { answer: (ctx, { services }) => services.createSchedule(ctx) },
  '5.2': { answer: (ctx, { services }) => services.readSchedules(ctx), noTarget: true },
  '5.3': { answer: (ctx, { services }) => services.deleteSchedule(ctx), noTarget: true },
  '6.2.4': INSTALL,
  '6.2.7': INSTALL,
  '6.11': INSTALL,
  '6.15.2': INSTALL,
  // MPxN written into a meter at install (BPM 01.01): into the inventory too.
  '6.20.1': {
    installPhase: true,
    afterSuccess: ({ request, payload, now }, { enrolment }) => enrolment.meterPointWritten(request, payload, now),
  },
  '6.20.2': INSTALL,
  // Change of supplier (BPM 04): the DCC fills in the incoming supplier's credentials from its
  // registry, the Transitional CoS party signs (GBCS), and the result goes to the incoming
  // supplier as a DCC alert whatever the meter said.
  '6.23': {
    installPhase: true,
    payload: (ctx) => changeOfSupplierPayload(ctx),
    signer: 'TransitionalCoS',
    afterAnswer: ({ request, response, now }, { inbox }) =>
      inbox.append(
        request.deliverTo ?? request.party,
        {
          kind: 'dccAlert',
          alertCode: 'N20',
          body: { device: response.header.originator, requestId: request.requestId, deviceStatus: response.status },
        },
        now,
      ),
  },
  // Install and enrolment (BPM 01.01, 01.02).
  '8.1.1': {
    installPhase: true,
    afterSuccess: ({ request, now }, { enrolment }) => enrolment.commissioned(request, now),
  },
  '8.2': { answer: (ctx, { inventory }) => readInventory(ctx, inventory) },
  '8.3': { answer: (ctx, { inventory }) => decommissionDevice(ctx, inventory) },
  '8.4': { answer: (ctx, { inventory }) => updateInventoryRecord(ctx, inventory) },
  '8.6': { noTarget: true },
  '8.7.1': INSTALL,
  '8.7.2': INSTALL,
  '8.9': INSTALL,
  '8.11': {
    installPhase: true,
    afterSuccess: ({ request, payload, now }, { enrolment }) => enrolment.deviceLogChanged(request, payload, now),
  },
  '8.14.1': { answer: (ctx, { inventory }) => hubStatusUpdate(1)(ctx, inventory) },
  '8.14.2': { answer: (ctx, { inventory }) => hubStatusUpdate(2)(ctx, inventory) },
  '8.14.3': { answer: (ctx, { inventory }) => hubStatusUpdate(3)(ctx, inventory) },
  '8.14.4': { answer: (ctx, { inventory }) => hubStatusUpdate(4)(ctx, inventory) },
  // Firmware (BPM 02.04): the DCC distributes the image to each meter; the supplier activates it (11.3).
  '11.1': { answer: (ctx, { services }) => services.distributeFirmware(ctx) },
  '11.2': INSTALL,
  '12.1': { noTarget: true },
  '12.2': { answer: (ctx, { inventory }) => preNotifyDevices(ctx, inventory), noTarget: true },
};

const NONE: SrBehaviour = {};

export function behaviourOf(variant: string): SrBehaviour {
  return SR_TABLE[variant] ?? NONE;
}

/**
 * SR 2.2: a UTRN the supplier made itself (`body.utrn`), or one the DCC's token service makes
 * from `body.value` and `body.valueClass` (pounds or pennies).
 */
function topUpPayload(ctx: RequestContext, tokens: TokenService): PlainValue {
  const body = (ctx.request.body ?? {}) as { utrn?: unknown; value?: unknown; valueClass?: unknown };
  if (typeof body.utrn === 'string') return { utrn: body.utrn };
  const { value, valueClass } = body;
  if (
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    value < 1 ||
    value > 8191 ||
    (valueClass !== 'pounds' && valueClass !== 'pennies')
  ) {
    throw new GatewayError(
      'BAD_REQUEST',
      'SR 2.2 takes body.utrn (20 digits), or body.value (1..8191) and body.valueClass ("pounds" or "pennies") for the DCC to make the UTRN',
      400,
      'body',
    );
  }
  const meter = ctx.target!;
  if (!meter.ka)
    throw new DuisError('E5', `the inventory holds no key agreement key for ${meter.eui}`, 'requestId.target');
  return { utrn: tokens.issue(ctx.party.eui, meter.eui, meter.ka, value, valueClass).utrn };
}

/** SR 6.23: the incoming supplier's credentials from the DCC's registry, and the counter floor. */
function changeOfSupplierPayload({ party, request }: RequestContext): PlainValue {
  const floor = (request.body as { counterFloor?: unknown } | null)?.counterFloor;
  return {
    supplier: {
      eui: party.eui,
      ds: party.keys.ds.point,
      ...(party.keys.ka ? { ka: party.keys.ka.point } : {}),
      ...(party.keys.prepaymentKa ? { prepaymentKa: party.keys.prepaymentKa.point } : {}),
    },
    counterFloor: typeof floor === 'string' && /^\d{1,20}$/.test(floor) ? floor : '0',
  };
}
