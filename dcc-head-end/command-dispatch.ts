import {
  encodeFrame,
  signedContent,
  signFrame,
  type CommandFrame,
  type Clock,
  type CryptoProvider,
  type Eui64,
  type HubState,
  type TimerHandle,
} from '../protocol/index.js';
import type { HeadEndLink } from '../protocol/wan-link.js';
import { PRE_COMMAND_SIGNING_MS, type DccIdentity, type ResponseTimeouts } from './dcc-identity.js';
import type { HeadEndEventLog } from './event-log.js';
import type { Inbox } from './inbox.js';
import type { PendingRequest, PendingRequests } from './pending-requests.js';

/**
 * Signs commands as the ACB, publishes them to the hub, and answers E20/E21 when no response
 * comes in time. A request is stored before it is acknowledged and before it is published, so a
 * crash at any point leaves it either still to publish (accepted) or waiting (sent).
 */
export class CommandDispatch {
  private readonly timers = new Map<string, TimerHandle>();
  readonly hubStates = new Map<Eui64, HubState>();

  constructor(
    private readonly deps: {
      readonly clock: Clock;
      readonly crypto: CryptoProvider;
      readonly link: HeadEndLink;
      readonly dcc: DccIdentity;
      readonly requests: PendingRequests;
      readonly inbox: Inbox;
      readonly events: HeadEndEventLog;
      readonly timeouts: ResponseTimeouts;
    },
  ) {}

  /** ACB countersignature: every command that leaves the DCC carries it. */
  countersign(frame: CommandFrame): Uint8Array {
    return encodeFrame(
      signFrame(this.deps.crypto, frame, 'AccessControlBroker', this.deps.dcc.acb.eui, this.deps.dcc.acb.ds),
    );
  }

  /** The Transitional CoS party's signature, for SR 6.23. */
  signAsCoS(frame: CommandFrame): CommandFrame {
    return signFrame(this.deps.crypto, frame, 'TransitionalCoS', this.deps.dcc.transCoS.eui, this.deps.dcc.transCoS.ds);
  }

  preCommand(frame: CommandFrame): Uint8Array {
    return signedContent(frame);
  }

  timeoutFor(serviceRequestCritical: boolean, gas: boolean): number {
    const t = this.deps.timeouts;
    return (serviceRequestCritical ? t.criticalMs : t.nonCriticalMs) + (gas ? t.gasWakeMs : 0);
  }

  /** How long a party has to sign a pre-command (pipeline/build.ts). */
  get preCommandSigningMs(): number {
    return this.deps.timeouts.preCommandSigningMs ?? PRE_COMMAND_SIGNING_MS;
  }

  /**
   * Send a stored request and wait for the device until its deadline (the command's expiry, or
   * now + `timeoutMs` for one that has none). The stored request is the outbox: it is marked sent
   * and its timer armed before the broker is asked, so a submission never waits on the broker
   * (issue 17 #2), and a broker that is down only delays the frame: mqtt.js holds the publish
   * until it reconnects, and `resend` sends it again when the hub comes back (a restarted broker
   * has lost what it had queued). The hub drops a second copy (hub/chf.ts).
   */
  publish(request: PendingRequest, timeoutMs: number): void {
    if (!request.hub || !request.command) return;
    const deadline = request.deadline ?? this.deps.clock.now() + timeoutMs;
    // Marked sent before the broker's PUBACK: the device's answer can overtake the acknowledgement.
    this.deps.requests.update(request.party, request.counter, { state: 'sent', deadline });
    const sent = { ...request, state: 'sent' as const, deadline };
    this.watch(sent);
    this.send(sent);
  }

  /**
   * Send again every command still waiting for an answer through `hub`, before its deadline: the
   * hub has just (re)connected, perhaps to a broker that lost its queue, or the head-end restarted.
   */
  resend(hub: Eui64): void {
    const now = this.deps.clock.now();
    for (const request of this.deps.requests.sentVia(hub)) {
      if (request.deadline !== undefined && request.deadline > now) this.send(request);
    }
  }

  private send(request: PendingRequest): void {
    if (!request.hub || !request.command) return;
    // The deadline rides in the down topic (protocol/topics.ts `downTopic`): the hub enforces it.
    this.deps.link.sendDown(request.hub, request.command, request.deadline).catch((error: unknown) => {
      // The link is not open (or closed under the publish): the request stays sent, and is sent
      // again when its hub reconnects, until its deadline.
      this.deps.events.record(this.deps.clock.now(), 'publish-failed', {
        requestId: request.requestId,
        reason: error instanceof Error ? error.message : String(error),
      });
    });
  }

  /** Arm the response timer for a sent request (also after a restart). */
  watch(request: PendingRequest): void {
    if (request.deadline === undefined) return;
    // Answered while the publish was still being acknowledged: nothing to wait for.
    if (this.deps.requests.get(request.party, request.counter)?.state !== 'sent') return;
    const key = `${request.party}:${request.counter}`;
    const timer = this.deps.clock.setTimeout(
      () => this.expire(request),
      Math.max(0, request.deadline - this.deps.clock.now()),
    );
    this.timers.set(key, timer);
  }

  /** The response arrived: stop the timer (set or not yet set). */
  settled(party: Eui64, counter: bigint): void {
    const key = `${party}:${counter}`;
    const timer = this.timers.get(key);
    if (timer) this.deps.clock.clearTimeout(timer);
    this.timers.delete(key);
  }

  private expire(request: PendingRequest): void {
    this.timers.delete(`${request.party}:${request.counter}`);
    const current = this.deps.requests.get(request.party, request.counter);
    if (current?.state !== 'sent') return;
    // DUIS: E20 when the DCC could not reach the device (its hub is offline), E21 when it was
    // reachable but did not answer.
    const code = request.hub && this.hubStates.get(request.hub) === 'offline' ? 'E20' : 'E21';
    this.deps.requests.atomically(() => {
      this.deps.requests.update(request.party, request.counter, { state: 'timedOut' });
      this.deps.inbox.append(
        request.deliverTo ?? request.party,
        {
          kind: 'response',
          requestId: request.requestId,
          code,
          serviceReferenceVariant: request.serviceRequest,
          body: { reason: code === 'E20' ? 'the hub is offline' : 'no response from the device in time' },
        },
        this.deps.clock.now(),
      );
    });
    this.deps.events.record(this.deps.clock.now(), 'request-timeout', { requestId: request.requestId, code });
  }

  stop(): void {
    for (const timer of this.timers.values()) this.deps.clock.clearTimeout(timer);
    this.timers.clear();
  }
}
