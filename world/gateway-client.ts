import {
  signGatewayRequest,
  type Clock,
  type CryptoProvider,
  type EcPrivateKey,
  type Eui64,
} from '../protocol/index.js';

export interface GatewayReply<T = unknown> {
  readonly status: number;
  readonly json: T;
}

export interface InboxEntry {
  readonly cursor: string;
  readonly kind: 'response' | 'deviceAlert' | 'dccAlert';
  readonly requestId?: string;
  readonly code?: string;
  readonly serviceReferenceVariant?: string;
  readonly alertCode?: string;
  readonly body: Record<string, unknown>;
  readonly receivedAt: string;
}

/** How a call reaches the gateway: real HTTP by default, or in process (fastify inject) for fast runs. */
export type GatewayTransport = (
  method: string,
  url: string,
  headers: Record<string, string>,
  body: string | undefined,
) => Promise<GatewayReply>;

export const httpTransport: GatewayTransport = async (method, url, headers, body) => {
  const response = await fetch(url, { method, headers, ...(body === undefined ? {} : { body }) });
  return { status: response.status, json: (await response.json()) as unknown };
};

/**
 * A party's client of the User Gateway, signing every call exactly as docs/api.md says. The
 * party stubs and the tests use it; an external head-end does the same in its own code. Over
 * real HTTP by default; the scenario runner may pass an in-process transport, which goes through
 * the same routes, authentication and validation.
 */
export class GatewayClient {
  private counter: bigint;
  private cursor = '0';
  /** Every inbox item this client has read, in order: a party stub keeps its inbox for assertions. */
  readonly received: InboxEntry[] = [];

  constructor(
    readonly baseUrl: string,
    readonly party: Eui64,
    private readonly key: EcPrivateKey,
    private readonly crypto: CryptoProvider,
    private readonly clock: Clock,
    private readonly transport: GatewayTransport = httpTransport,
  ) {
    // Start above anything an earlier run of this party could have used: counters rise strictly.
    this.counter = BigInt(clock.now()) * 1_000_000n; // nanoseconds since the epoch, as docs/api.md suggests
  }

  nextRequestId(target: Eui64): string {
    this.counter += 1n;
    return `${this.party}:${target}:${this.counter}`;
  }

  async call<T = unknown>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<GatewayReply<T>> {
    const text = body === undefined ? '' : JSON.stringify(body);
    const headers = signGatewayRequest(
      this.crypto,
      this.party,
      this.key,
      method,
      path,
      text,
      new Date(this.clock.now()),
    );
    const reply = await this.transport(
      method,
      `${this.baseUrl}${path}`,
      { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body === undefined ? undefined : text,
    );
    return reply as GatewayReply<T>;
  }

  submit(request: Record<string, unknown>): Promise<GatewayReply<Record<string, unknown>>> {
    return this.call('POST', '/v1/requests', request);
  }

  async inbox(after = '0', waitMs = 0): Promise<{ items: InboxEntry[]; next: string }> {
    const reply = await this.call<{ items: InboxEntry[]; next: string }>(
      'GET',
      `/v1/parties/${this.party}/inbox?after=${after}&waitMs=${waitMs}`,
    );
    if (reply.status !== 200) throw new Error(`inbox read failed: ${reply.status} ${JSON.stringify(reply.json)}`);
    return reply.json;
  }

  /** Everything new in the inbox since the last read, appended to `received`. */
  async drain(waitMs = 0): Promise<InboxEntry[]> {
    const { items, next } = await this.inbox(this.cursor, waitMs);
    this.cursor = next;
    this.received.push(...items);
    return items;
  }

  /** The first item received so far that matches, long-polling for more until one does (bounded). */
  async waitFor(match: (item: InboxEntry) => boolean, timeoutMs = 10_000): Promise<InboxEntry> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.find(match);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching inbox item for ${this.party} within ${timeoutMs} ms`);
      await this.drain(Math.min(left, 2_000));
    }
  }
}
