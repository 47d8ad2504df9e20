import { findServiceRequest, type Clock, type CryptoProvider, type Eui64, type UserRole } from '../protocol/index.js';
import type { HeadEndLink } from '../protocol/wan-link.js';
import { HeadEndAdmin } from './admin.js';
import { CommandDispatch } from './command-dispatch.js';
import { Consents } from './consents.js';
import { DccOriginated } from './dcc-originated.js';
import { DEFAULT_TIMEOUTS, type DccIdentity, type ResponseTimeouts } from './dcc-identity.js';
import { DccServices } from './dcc-services.js';
import { GatewayError } from './duis-error.js';
import { DurableCounters } from './durable-counters.js';
import { Enrolment } from './enrolment.js';
import { HeadEndEventLog } from './event-log.js';
import { Inbox, type InboxItem } from './inbox.js';
import { Inventory } from './inventory.js';
import { DEFAULT_OUTAGE_DELAY_MS, OutageMonitor } from './outage-monitor.js';
import { PartyRegistry } from './parties.js';
import { PendingRequests } from './pending-requests.js';
import { authenticateParty } from './pipeline/authenticate-party.js';
import type { SubmitAnswer } from './pipeline/request.js';
import { submitRequest } from './pipeline/request-pipeline.js';
import { receiveUp } from './pipeline/response-pipeline.js';
import { requestWithdrawal, startReplacement } from './pipeline/sec-processes.js';
import type { PipelineDeps } from './pipeline/step.js';
import type { UpDeps } from './pipeline/up/up-step.js';
import { Registration } from './registration.js';
import { Replacements, releaseHeldRequests } from './replacements.js';
import { Schedules } from './schedules.js';
import type { Db } from './storage/database.js';
import { TokenService } from './token-service.js';
import { WebhookDelivery } from './webhooks.js';
import { Withdrawals } from './withdrawals.js';

export type { SubmitAnswer } from './pipeline/request.js';

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

/** The services the head-end is built from. Tests of one service reach them through `internals`. */
export interface HeadEndServices {
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
  readonly enrolment: Enrolment;
  readonly services: DccServices;
}

/**
 * The DCC, wired: it builds the services, hands them to the request pipeline
 * (pipeline/request-pipeline.ts) and the response pipeline (pipeline/response-pipeline.ts), and
 * offers one narrow facade to the User Gateway, the admin API and the scenario runner: submit,
 * the SEC processes, the inbox, and `admin`.
 */
export class HeadEnd {
  readonly admin: HeadEndAdmin;
  /** For tests of a service itself; everything else uses the facade. */
  readonly internals: HeadEndServices;
  private readonly pipeline: PipelineDeps & { readonly parties: PartyRegistry };
  private readonly up: UpDeps;

  constructor(private readonly options: HeadEndOptions) {
    const { db, clock, crypto, link, dcc } = options;
    const parties = new PartyRegistry(db);
    const registration = new Registration(db);
    const consents = new Consents(db);
    const inventory = new Inventory(db);
    const counters = new DurableCounters(db);
    const requests = new PendingRequests(db);
    const inbox = new Inbox(db);
    const events = new HeadEndEventLog(db);
    const timeoutFor = (serviceRequest: string, target: Eui64) =>
      dispatch.timeoutFor(
        findServiceRequest(serviceRequest)?.critical ?? false,
        inventory.get(target)?.type === 'GSME',
      );
    const dispatch = new CommandDispatch({
      clock,
      crypto,
      link,
      dcc,
      requests,
      inbox,
      events,
      timeouts: options.timeouts ?? DEFAULT_TIMEOUTS,
    });
    const tokens = new TokenService(db, counters, crypto);
    const withdrawals = new Withdrawals({ db, inventory, inbox, events, parties: () => parties.list() });
    const outages = new OutageMonitor({
      clock,
      inventory,
      registration,
      inbox,
      events,
      atomically: (writes) => requests.atomically(writes),
      delayMs: options.outageAlertDelayMs ?? DEFAULT_OUTAGE_DELAY_MS,
    });
    const webhooks = new WebhookDelivery({
      db,
      clock,
      crypto,
      dcc,
      parties,
      inbox,
      events,
      ...(options.webhookRetryDelaysMs ? { retryDelaysMs: options.webhookRetryDelaysMs } : {}),
    });
    const replacements = new Replacements({ db, inventory, events });
    const enrolment = new Enrolment({
      inventory,
      registration,
      parties,
      inbox,
      events,
      consents,
      onCommissioned: (device, now) => this.releaseHeld(device, now),
    });
    const originated = new DccOriginated({ clock, dcc, counters, requests, dispatch, timeoutFor });
    const access = {
      inventory,
      registration,
      consents,
      withdrawn: (hub: Eui64 | undefined, at: number) => withdrawals.withdrawn(hub, at),
    };
    const schedules = new Schedules(db, clock, (schedule) => services.run(schedule, clock.now()));
    const services = new DccServices({
      schedules,
      originated,
      inventory,
      inbox,
      pipeline: access,
      parties,
      sha256: (data) => crypto.sha256(data),
    });
    const sr = { inventory, registration, consents, inbox, tokens, enrolment, services };
    this.internals = {
      parties,
      registration,
      consents,
      inventory,
      counters,
      requests,
      inbox,
      events,
      dispatch,
      webhooks,
      tokens,
      outages,
      withdrawals,
      replacements,
      schedules,
      enrolment,
      services,
    };
    this.pipeline = {
      ...access,
      ...sr,
      parties,
      crypto,
      counters,
      requests,
      events,
      dispatch,
      replacements,
      timeoutFor,
    };
    this.up = { ...sr, clock, crypto, requests, events, dispatch, counters, acb: dcc.acb.eui };
    this.admin = new HeadEndAdmin({
      parties,
      registration,
      consents,
      inventory,
      events,
      tokens,
      schedules,
      // SEC ch. 19-20: what stops when a party leaves (party-exit.ts).
      exit: { db, parties, registration, consents, inbox, schedules, webhooks, withdrawals, events },
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
    const { link, clock } = this.options;
    const { dispatch, outages, webhooks, schedules, requests } = this.internals;
    link.onUp((hub, bytes) => receiveUp({ hub, bytes, now: clock.now() }, this.up));
    link.onHubState((hub, state) => {
      dispatch.hubStates.set(hub, state);
      outages.hubState(hub, state);
      // A hub says online on every (re)connection: what it may have missed goes again.
      if (state === 'online') dispatch.resend(hub);
    });
    await link.open();
    webhooks.resume();
    schedules.resume();
    // What a previous run left open: a sent request waits for its answer, and is sent again
    // (the process may have died before the broker had it; the hub drops a second copy).
    const hubs = new Set<Eui64>();
    for (const request of requests.open()) {
      if (request.state === 'sent') {
        dispatch.watch(request);
        if (request.hub) hubs.add(request.hub);
      } else dispatch.publish(request, this.pipeline.timeoutFor(request.serviceRequest, request.target));
    }
    for (const hub of hubs) dispatch.resend(hub);
  }

  async stop(): Promise<void> {
    const { dispatch, webhooks, outages, schedules, inbox } = this.internals;
    // The link first: a hub's last will arriving mid-shutdown would otherwise arm a fresh timer.
    await this.options.link.close();
    dispatch.stop();
    webhooks.stop();
    outages.stop();
    schedules.stop();
    inbox.wakeAll();
  }

  /**
   * Take one request from an authenticated party through the request pipeline. Throws DuisError
   * (E-codes) or GatewayError (bad input); returns the synchronous answer. Everything the answer
   * promises is committed first.
   */
  submit(caller: Eui64, json: unknown): Promise<SubmitAnswer> {
    return submitRequest(this.pipeline, caller, json, this.options.clock.now());
  }

  /** SEC §144: withdraw the system on `hub` from `effectiveFrom` (default now). */
  withdraw(
    caller: Eui64,
    role: UserRole,
    hub: Eui64,
    effectiveFrom?: number,
  ): { hub: Eui64; points: string[]; effectiveFrom: number } {
    const now = this.options.clock.now();
    const party = authenticateParty(this.internals.parties, caller);
    return requestWithdrawal(this.processDeps(), party, role, hub, effectiveFrom ?? now, now);
  }

  /** SEC §148: open a replacement window from `old` to the pre-notified `replacement`. */
  replace(caller: Eui64, role: UserRole, old: Eui64, replacement: Eui64): void {
    const party = authenticateParty(this.internals.parties, caller);
    startReplacement(this.processDeps(), party, role, old, replacement, this.options.clock.now());
  }

  /** A party's inbox after `after`, waiting up to `waitMs` for the first item. */
  poll(party: Eui64, after: number | bigint, waitMs: number, limit: number): Promise<InboxItem[]> {
    // SEC ch. 20: a party that left reads its inbox only until its retention period ends.
    if (!this.internals.inbox.readable(party, this.options.clock.now()))
      throw new GatewayError('INBOX_CLOSED', `${party} has left the SEC: its inbox is closed`, 403, 'eui');
    return this.internals.inbox.poll(party, after, waitMs, limit);
  }

  /** A party's inbox after `after`, now, without waiting (the dashboard's views). */
  readInbox(party: Eui64, after: number | bigint, limit: number): InboxItem[] {
    return this.internals.inbox.read(party, after, limit);
  }

  /** Every item put into any inbox, as it is put (soak accounting, benchmarks). */
  onInboxItem(listener: (party: Eui64, item: InboxItem) => void): void {
    this.internals.inbox.onAppend(listener);
  }

  /** Every event the head-end logs, as it is logged. */
  onEvent(listener: (kind: string, detail: Record<string, unknown>) => void): void {
    this.internals.events.onRecord(listener);
  }

  /** How many commands are out at the devices, waiting for their answers. */
  inFlight(): number {
    return this.internals.requests.count('sent');
  }

  /** What /readyz reports: the SMWAN link to the broker and the database are open. */
  readiness(): { readonly broker: boolean; readonly database: boolean } {
    return { broker: this.options.link.isOpen, database: this.options.db.open };
  }

  /** The gauges /metrics reports, read when scraped. */
  gauges(): { readonly hubsOnline: number; readonly webhookBacklog: number; readonly inFlight: number } {
    const { dispatch, webhooks } = this.internals;
    let hubsOnline = 0;
    for (const state of dispatch.hubStates.values()) if (state === 'online') hubsOnline++;
    return { hubsOnline, webhookBacklog: webhooks.pendingCount(), inFlight: this.inFlight() };
  }

  /** How many items wait in `party`'s inbox after `after` (what it has read), counting to `cap`. */
  inboxDepth(party: Eui64, after: bigint, cap: number): number {
    return this.internals.inbox.read(party, after, cap).length;
  }

  private processDeps() {
    return { ...this.pipeline, withdrawals: this.internals.withdrawals };
  }

  /** A device was commissioned: if it replaces another, close the window and deliver what was held. */
  private releaseHeld(device: Eui64, now: number): void {
    const { replacements, requests, counters, dispatch } = this.internals;
    const released = releaseHeldRequests(
      { replacements, requests, counters, dispatch, acb: this.options.dcc.acb.eui },
      device,
      now,
    );
    // Published once the transaction that commissioned the device has committed.
    setImmediate(() => {
      for (const request of released)
        dispatch.publish(request, this.pipeline.timeoutFor(request.serviceRequest, device));
    });
  }
}
