import {
  decodeFrame,
  findServiceRequest,
  type Clock,
  type CommandFrame,
  type CryptoProvider,
  type Eui64,
  type PlainValue,
} from '../protocol/index.js';
import type { HeadEndLink } from '../protocol/wan-link.js';
import { CommandDispatch } from './command-dispatch.js';
import { Consents } from './consents.js';
import { DEFAULT_TIMEOUTS, type DccIdentity, type ResponseTimeouts } from './dcc-identity.js';
import { DeviceTraffic } from './device-traffic.js';
import { DuisError, GatewayError } from './duis-error.js';
import { DurableCounters } from './durable-counters.js';
import { HeadEndEventLog } from './event-log.js';
import { Inbox } from './inbox.js';
import { Inventory } from './inventory.js';
import { answerNonDevice } from './non-device-services.js';
import { PartyRegistry } from './parties.js';
import { PendingRequests } from './pending-requests.js';
import { runAccessControl } from './pipeline/steps.js';
import type { RequestContext } from './pipeline/request.js';
import { parseDuisRequest } from './pipeline/validate-format.js';
import { Registration } from './registration.js';
import { WebhookDelivery } from './webhooks.js';
import { TokenService } from './token-service.js';
import { Enrolment } from './enrolment.js';
import { Withdrawals } from './withdrawals.js';
import { Schedules } from './schedules.js';
import { DccServices } from './dcc-services.js';
import { DccOriginated } from './dcc-originated.js';
import { buildCommand } from './command-builder.js';
import { Replacements, releaseHeldRequests } from './replacements.js';
import { DEFAULT_OUTAGE_DELAY_MS, OutageMonitor } from './outage-monitor.js';
import type { Db } from './storage/database.js';

export interface HeadEndOptions {
  readonly db: Db;
  readonly clock: Clock;
  readonly crypto: CryptoProvider;
  readonly link: HeadEndLink;
  readonly dcc: DccIdentity;
  readonly timeouts?: ResponseTimeouts;
  /** Webhook retry delays; the default backoff reaches 300 s. */
  readonly webhookRetryDelaysMs?: readonly number[];
  /** How long a hub stays offline before the network operator gets N1 (default 3 minutes). */
  readonly outageAlertDelayMs?: number;
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

/**
 * The DCC. A request passes the named pipeline (format, the party's signature at the gateway,
 * E3, E1, E2, E19/E5/E11, E12, E4), then goes by command variant: the ACB signs and publishes
 * (1), returns a pre-command (4), countersigns a signed pre-command (5), or answers itself (8).
 */
export class HeadEnd {
  readonly parties: PartyRegistry;
  readonly registration: Registration;
  readonly consents: Consents;
  readonly inventory: Inventory;
  readonly counters: DurableCounters;
  readonly requests: PendingRequests;
  readonly inbox: Inbox;
  readonly events: HeadEndEventLog;
  readonly dispatch: CommandDispatch;
  readonly webhooks: WebhookDelivery;
  readonly tokens: TokenService;
  readonly outages: OutageMonitor;
  readonly withdrawals: Withdrawals;
  readonly replacements: Replacements;
  readonly schedules: Schedules;
  private readonly services: DccServices;
  private readonly traffic: DeviceTraffic;

  constructor(private readonly options: HeadEndOptions) {
    const { db, clock, crypto, link, dcc } = options;
    this.parties = new PartyRegistry(db);
    this.registration = new Registration(db);
    this.consents = new Consents(db);
    this.inventory = new Inventory(db);
    this.counters = new DurableCounters(db);
    this.requests = new PendingRequests(db);
    this.inbox = new Inbox(db);
    this.events = new HeadEndEventLog(db);
    this.dispatch = new CommandDispatch({
      clock,
      crypto,
      link,
      dcc,
      requests: this.requests,
      inbox: this.inbox,
      events: this.events,
      timeouts: options.timeouts ?? DEFAULT_TIMEOUTS,
    });
    this.tokens = new TokenService(db, this.counters, crypto);
    this.withdrawals = new Withdrawals({
      db,
      inventory: this.inventory,
      registration: this.registration,
      inbox: this.inbox,
      events: this.events,
      parties: () => this.parties.list(),
    });
    this.outages = new OutageMonitor({
      clock,
      inventory: this.inventory,
      registration: this.registration,
      inbox: this.inbox,
      events: this.events,
      atomically: (writes) => this.requests.atomically(writes),
      delayMs: options.outageAlertDelayMs ?? DEFAULT_OUTAGE_DELAY_MS,
    });
    this.webhooks = new WebhookDelivery({
      db,
      clock,
      crypto,
      dcc,
      parties: this.parties,
      inbox: this.inbox,
      events: this.events,
      ...(options.webhookRetryDelaysMs ? { retryDelaysMs: options.webhookRetryDelaysMs } : {}),
    });
    this.replacements = new Replacements({
      db,
      inventory: this.inventory,
      registration: this.registration,
      events: this.events,
    });
    const enrolment = new Enrolment({
      inventory: this.inventory,
      registration: this.registration,
      parties: this.parties,
      inbox: this.inbox,
      events: this.events,
      consents: this.consents,
      onCommissioned: (device, now) => this.releaseHeld(device, now),
    });
    const originated = new DccOriginated({
      clock,
      dcc,
      counters: this.counters,
      requests: this.requests,
      dispatch: this.dispatch,
      timeoutFor: (sr, target) => this.timeoutFor(sr, target),
    });
    this.schedules = new Schedules(db, clock, (schedule) => this.services.run(schedule, clock.now()));
    this.services = new DccServices({
      schedules: this.schedules,
      originated,
      inventory: this.inventory,
      inbox: this.inbox,
      pipeline: this.pipelineDeps(),
      parties: this.parties,
      sha256: (data) => crypto.sha256(data),
    });
    this.traffic = new DeviceTraffic({
      clock,
      crypto,
      inventory: this.inventory,
      registration: this.registration,
      requests: this.requests,
      inbox: this.inbox,
      events: this.events,
      dispatch: this.dispatch,
      enrolment,
      acb: dcc.acb.eui,
    });
  }

  get clock(): Clock {
    return this.options.clock;
  }

  get dcc(): DccIdentity {
    return this.options.dcc;
  }

  get crypto(): CryptoProvider {
    return this.options.crypto;
  }

  /** Connect to the SMWAN, then pick up what a previous run left open. */
  async start(): Promise<void> {
    const { link } = this.options;
    link.onUp((hub, bytes) => this.traffic.receive(hub, bytes));
    link.onHubState((hub, state) => {
      this.dispatch.hubStates.set(hub, state);
      this.outages.hubState(hub, state);
    });
    await link.open();
    this.webhooks.resume();
    this.schedules.resume();
    for (const request of this.requests.open()) {
      if (request.state === 'sent') this.dispatch.watch(request);
      else void this.dispatch.publish(request, this.timeoutFor(request.serviceRequest, request.target));
    }
  }

  async stop(): Promise<void> {
    // The link first: a hub's last will arriving mid-shutdown would otherwise arm a fresh timer.
    await this.options.link.close();
    this.dispatch.stop();
    this.webhooks.stop();
    this.outages.stop();
    this.schedules.stop();
    this.inbox.wakeAll();
  }

  /**
   * Take one request from an authenticated party. Throws DuisError (E-codes) or GatewayError
   * (bad input); returns the synchronous answer. Everything the answer promises is committed first.
   */
  async submit(caller: Eui64, json: unknown): Promise<SubmitAnswer> {
    const party = this.parties.get(caller);
    if (!party) throw new GatewayError('UNKNOWN_PARTY', `no party ${caller}`, 401, 'X-Smetsim-Party');
    const request = parseDuisRequest(json, caller);
    const now = this.options.clock.now();
    const ctx: RequestContext = { now, party, request, target: undefined, meterPoint: undefined };
    const counterName = `party:${caller}`;
    if (request.commandVariant === 5) {
      // The signed pre-command comes back under the request id that produced it.
      const pending = this.requests.get(caller, request.requestId.counter);
      if (pending?.state !== 'precommand') {
        throw new GatewayError(
          'NO_PRE_COMMAND',
          `no pre-command is waiting under ${request.requestIdText}: send variant 4 first`,
          409,
          'requestId',
        );
      }
    } else if (!this.counters.raise(counterName, request.requestId.counter)) {
      throw new GatewayError(
        'COUNTER_NOT_FRESH',
        `counter ${request.requestId.counter} is not above the last one accepted from ${caller} (${this.counters.get(counterName)})`,
        409,
        'requestId.counter',
      );
    }
    runAccessControl(ctx, this.pipelineDeps());

    const replacement =
      ctx.target && !request.serviceRequest.nonDevice ? this.replacements.inProgress(ctx.target.eui) : undefined;
    if (replacement) return this.holdForReplacement(ctx, replacement);

    switch (request.commandVariant) {
      case 8: {
        const sr = request.serviceRequest.variant;
        const body = this.services.handles(sr) ? this.services.answer(ctx) : answerNonDevice(ctx, this.inventory);
        return { requestId: request.requestIdText, code: 'I0', body };
      }
      case 4:
        return this.issuePreCommand(ctx);
      case 5:
        return this.acceptSignedPreCommand(ctx);
      default:
        return this.acceptForDevice(ctx);
    }
  }

  /**
   * SEC §148: a request for a device being replaced waits (acknowledged, stored) and goes to the
   * new device once it is commissioned. A critical one cannot be re-addressed: E5.
   */
  private holdForReplacement(ctx: RequestContext, replacement: Eui64): SubmitAnswer {
    if (ctx.request.commandVariant !== 1) {
      throw new DuisError(
        'E5',
        `${ctx.target!.eui} is being replaced by ${replacement}: only non-critical WAN requests are held; send this one to ${replacement} once it is commissioned`,
        'requestId.target',
      );
    }
    const unsigned = this.dispatch.preCommand(buildCommand(ctx, this.tokens));
    this.requests.insert({ ...this.pendingRecord(ctx, 'accepted', unsigned), state: 'held' });
    this.events.record(ctx.now, 'request-held', {
      requestId: ctx.request.requestIdText,
      device: ctx.target!.eui,
      replacement,
    });
    return { requestId: ctx.request.requestIdText, code: 'I99' };
  }

  /** A device was commissioned: if it replaces another, close the window and deliver what was held. */
  private releaseHeld(device: Eui64, now: number): void {
    const released = releaseHeldRequests(
      {
        replacements: this.replacements,
        requests: this.requests,
        counters: this.counters,
        dispatch: this.dispatch,
        acb: this.options.dcc.acb.eui,
      },
      device,
      now,
    );
    // Published once the transaction that commissioned the device has committed.
    setImmediate(() => {
      for (const request of released)
        void this.dispatch.publish(request, this.timeoutFor(request.serviceRequest, device));
    });
  }

  private pipelineDeps() {
    return {
      inventory: this.inventory,
      registration: this.registration,
      consents: this.consents,
      withdrawn: (hub: Eui64 | undefined, at: number) => this.withdrawals.withdrawn(hub, at),
    };
  }

  private async acceptForDevice(ctx: RequestContext): Promise<SubmitAnswer> {
    let frame = buildCommand(ctx, this.tokens);
    if (frame.serviceRequest === '6.23') frame = this.dispatch.signAsCoS(frame);
    const bytes = this.dispatch.countersign(frame);
    const variant = ctx.request.commandVariant;
    // BPM 02.03: a UTRN goes to the supplier for its records as well as to the meter (or, with
    // variant 2, only to the supplier, for the consumer to type in).
    const utrn = frame.serviceRequest === '2.2' ? (frame.payload as { utrn?: string }).utrn : undefined;
    const records = utrn ? { utrn } : {};
    const requestId = ctx.request.requestIdText;
    if (variant === 2)
      return { requestId, code: 'I0', command: Buffer.from(bytes).toString('base64'), sent: false, ...records };
    await this.storeAndPublish(ctx, bytes);
    if (variant === 3)
      return { requestId, code: 'I0', command: Buffer.from(bytes).toString('base64'), sent: true, ...records };
    return { requestId, code: 'I99', ...records };
  }

  private issuePreCommand(ctx: RequestContext): SubmitAnswer {
    const preCommand = this.dispatch.preCommand(buildCommand(ctx, this.tokens));
    this.requests.insert(this.pendingRecord(ctx, 'precommand', preCommand));
    return { requestId: ctx.request.requestIdText, code: 'I0', preCommand: Buffer.from(preCommand).toString('base64') };
  }

  private async acceptSignedPreCommand(ctx: RequestContext): Promise<SubmitAnswer> {
    const { request, party } = ctx;
    const pending = this.requests.get(party.eui, request.requestId.counter)!;
    if (!pending.command || !Buffer.from(pending.command).equals(Buffer.from(request.preCommand!))) {
      throw new GatewayError(
        'PRE_COMMAND_CHANGED',
        'preCommand is not the one the DCC returned for this request id',
        400,
        'preCommand',
      );
    }
    // GBCS: a critical command carries the registered supplier's signature, checked against the key the DCC holds for it.
    if (!this.options.crypto.verify(party.keys.ds, request.preCommand!, request.signature!)) {
      throw new GatewayError(
        'BAD_PRE_COMMAND_SIGNATURE',
        `signature over the pre-command does not verify with ${party.eui}'s signing key`,
        400,
        'signature',
      );
    }
    const unsigned = decodeFrame(request.preCommand!, { unsigned: true }) as CommandFrame;
    const signed: CommandFrame = {
      ...unsigned,
      signatures: [{ role: 'Supplier', signer: party.eui, value: request.signature! }],
    };
    const bytes = this.dispatch.countersign(signed);
    const record = { ...pending, state: 'accepted' as const, command: bytes, variant: request.commandVariant };
    this.requests.update(party.eui, pending.counter, {
      state: 'accepted',
      command: bytes,
      variant: request.commandVariant,
    });
    if (request.commandVariant === 5)
      await this.dispatch.publish(record, this.timeoutFor(record.serviceRequest, record.target));
    return { requestId: request.requestIdText, code: 'I99' };
  }

  private pendingRecord(ctx: RequestContext, state: 'accepted' | 'precommand', command: Uint8Array) {
    const target = ctx.target!;
    return {
      party: ctx.party.eui,
      counter: ctx.request.requestId.counter,
      requestId: ctx.request.requestIdText,
      target: target.eui,
      hub: target.type === 'CHF' ? target.eui : target.hub,
      serviceRequest: ctx.request.serviceRequest.variant,
      variant: ctx.request.commandVariant,
      state,
      command,
      createdAt: ctx.now,
      deadline: undefined,
    };
  }

  /** Store (the acknowledgement is durable), then publish. */
  private async storeAndPublish(ctx: RequestContext, bytes: Uint8Array): Promise<void> {
    const record = this.pendingRecord(ctx, 'accepted', bytes);
    this.requests.insert(record);
    await this.dispatch.publish(record, this.timeoutFor(record.serviceRequest, record.target));
  }

  private timeoutFor(serviceRequest: string, target: Eui64): number {
    const critical = isCritical(serviceRequest);
    return this.dispatch.timeoutFor(critical, this.inventory.get(target)?.type === 'GSME');
  }
}

/** For the response-time target only; the catalogue flag is the source. */
function isCritical(variant: string): boolean {
  return findServiceRequest(variant)?.critical ?? false;
}
