import type { Eui64, HubState } from '../protocol/index.js';
import type { SmwanCredentials } from './credentials.js';
import { HEAD_END_USER } from './credentials.js';
import { LinkError, safely, type HeadEndLink, type HubLink } from './link.js';

/**
 * An in-memory SMWAN with the same semantics as the broker: credentials are checked, frames to an
 * absent hub wait in its persistent session, hub state is retained with an `offline` last will,
 * and delivery is asynchronous (never inside the sender's call), as over a network.
 */
export class MemorySmwan {
  private readonly hubSessions = new Map<Eui64, HubSession>();
  private readonly retainedState = new Map<Eui64, HubState>();
  private headEnd: MemoryHeadEndLink | undefined;
  /** Up frames and state changes waiting for a head-end that is not connected. */
  private readonly headEndQueue: (() => void)[] = [];

  constructor(private readonly credentials: SmwanCredentials) {}

  hubLink(hub: Eui64, secret: string, onError?: (error: unknown) => void): HubLink {
    return new MemoryHubLink(this, hub, secret, onError);
  }

  headEndLink(secret: string, onError?: (error: unknown) => void): HeadEndLink {
    return new MemoryHeadEndLink(this, secret, onError);
  }

  /** @internal */
  connectHub(link: MemoryHubLink, secret: string): void {
    const principal = this.credentials.authenticate(link.hub, secret);
    if (principal?.kind !== 'hub' || principal.hub !== link.hub) {
      throw new LinkError('AUTH_FAILED', `the SMWAN refused the credentials for ${link.hub}`);
    }
    let session = this.hubSessions.get(link.hub);
    if (!session) {
      session = { queue: [], link: undefined };
      this.hubSessions.set(link.hub, session);
    }
    session.link = link;
    const queued = session.queue.splice(0);
    for (const down of queued) later(() => link.deliver(down.frame, down.expiresAt));
    this.setState(link.hub, 'online');
  }

  /** @internal */
  disconnectHub(link: MemoryHubLink): void {
    const session = this.hubSessions.get(link.hub);
    if (session?.link === link) session.link = undefined;
    // Graceful or not, the hub ends up offline: by its own message or by its last will.
    this.setState(link.hub, 'offline');
  }

  /** @internal */
  connectHeadEnd(link: MemoryHeadEndLink, secret: string): void {
    if (this.credentials.authenticate(HEAD_END_USER, secret)?.kind !== 'head-end') {
      throw new LinkError('AUTH_FAILED', 'the SMWAN refused the head-end credentials');
    }
    this.headEnd = link;
    // Retained states first, as a broker sends them on subscribe; then what queued meanwhile.
    for (const [hub, state] of this.retainedState) later(() => link.deliverState(hub, state));
    for (const task of this.headEndQueue.splice(0)) later(task);
  }

  /** @internal */
  disconnectHeadEnd(link: MemoryHeadEndLink): void {
    if (this.headEnd === link) this.headEnd = undefined;
  }

  /** @internal */
  publishDown(hub: Eui64, frame: Uint8Array, expiresAt: number | undefined): void {
    const session = this.hubSessions.get(hub);
    if (!session) {
      // A hub that never connected has no session; a broker would drop the frame. Keep the same.
      return;
    }
    const link = session.link;
    if (link) later(() => link.deliver(frame, expiresAt));
    else session.queue.push({ frame, expiresAt });
  }

  /** @internal */
  publishUp(hub: Eui64, frame: Uint8Array): void {
    this.toHeadEnd((link) => link.deliverUp(hub, frame));
  }

  private setState(hub: Eui64, state: HubState): void {
    this.retainedState.set(hub, state);
    this.toHeadEnd((link) => link.deliverState(hub, state));
  }

  private toHeadEnd(task: (link: MemoryHeadEndLink) => void): void {
    const link = this.headEnd;
    if (link) later(() => task(link));
    else this.headEndQueue.push(() => this.headEnd && task(this.headEnd));
  }
}

interface HubSession {
  /** What waits for the hub, each with the expiry its down topic carried. */
  readonly queue: { readonly frame: Uint8Array; readonly expiresAt: number | undefined }[];
  link: MemoryHubLink | undefined;
}

function later(task: () => void): void {
  setImmediate(task);
}

class MemoryHubLink implements HubLink {
  private downHandler: ((frame: Uint8Array, expiresAt: number | undefined) => void) | undefined;
  private open_ = false;
  private readonly report: (error: unknown) => void;

  constructor(
    private readonly network: MemorySmwan,
    readonly hub: Eui64,
    private readonly secret: string,
    onError?: (error: unknown) => void,
  ) {
    this.report = onError ?? (() => undefined);
  }

  get isOpen(): boolean {
    return this.open_;
  }

  onDown(handler: (frame: Uint8Array, expiresAt: number | undefined) => void): void {
    this.downHandler = handler;
  }

  async open(): Promise<void> {
    if (this.open_) throw new LinkError('NOT_OPEN', `hub ${this.hub} link is already open`);
    this.network.connectHub(this, this.secret);
    this.open_ = true;
  }

  async sendUp(frame: Uint8Array): Promise<void> {
    if (!this.open_) throw new LinkError('NOT_OPEN', `hub ${this.hub} link is not open`);
    this.network.publishUp(this.hub, Uint8Array.from(frame));
  }

  async close(): Promise<void> {
    if (!this.open_) return;
    this.open_ = false;
    this.network.disconnectHub(this);
  }

  deliver(frame: Uint8Array, expiresAt: number | undefined): void {
    if (this.open_)
      safely((f: Uint8Array, e: number | undefined) => this.downHandler?.(f, e), this.report)(frame, expiresAt);
    else this.network.publishDown(this.hub, frame, expiresAt); // closed in the meantime: back into the session
  }
}

class MemoryHeadEndLink implements HeadEndLink {
  private upHandler: ((hub: Eui64, frame: Uint8Array) => void) | undefined;
  private stateHandler: ((hub: Eui64, state: HubState) => void) | undefined;
  private open_ = false;
  private readonly report: (error: unknown) => void;

  constructor(
    private readonly network: MemorySmwan,
    private readonly secret: string,
    onError?: (error: unknown) => void,
  ) {
    this.report = onError ?? (() => undefined);
  }

  get isOpen(): boolean {
    return this.open_;
  }

  onUp(handler: (hub: Eui64, frame: Uint8Array) => void): void {
    this.upHandler = handler;
  }

  onHubState(handler: (hub: Eui64, state: HubState) => void): void {
    this.stateHandler = handler;
  }

  async open(): Promise<void> {
    if (this.open_) throw new LinkError('NOT_OPEN', 'the head-end link is already open');
    this.network.connectHeadEnd(this, this.secret);
    this.open_ = true;
  }

  async sendDown(hub: Eui64, frame: Uint8Array, expiresAt?: number): Promise<void> {
    if (!this.open_) throw new LinkError('NOT_OPEN', 'the head-end link is not open');
    this.network.publishDown(hub, Uint8Array.from(frame), expiresAt);
  }

  async close(): Promise<void> {
    this.open_ = false;
    this.network.disconnectHeadEnd(this);
  }

  deliverUp(hub: Eui64, frame: Uint8Array): void {
    safely((h: Eui64, f: Uint8Array) => this.upHandler?.(h, f), this.report)(hub, frame);
  }

  deliverState(hub: Eui64, state: HubState): void {
    safely((h: Eui64, s: HubState) => this.stateHandler?.(h, s), this.report)(hub, state);
  }
}
