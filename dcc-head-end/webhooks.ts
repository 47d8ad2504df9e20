import {
  signGatewayRequest,
  type Clock,
  type CryptoProvider,
  type Eui64,
  type TimerHandle,
} from '../protocol/index.js';
import type { DccIdentity } from './dcc-identity.js';
import type { HeadEndEventLog } from './event-log.js';
import type { Inbox, InboxItem } from './inbox.js';
import type { PartyRegistry } from './parties.js';
import type { Db } from './storage/database.js';

/**
 * Optional push delivery (BRIEF: alerts are delivered at least once, retried, kept 2 days). Each
 * inbox item for a party with a webhook is POSTed to it as JSON, signed by the DCC's ACB key
 * with the same scheme parties use. Items go out in order, one at a time per party; a failure is
 * retried on a backoff that reaches 300 s, so a retry always follows within 300 s, until 2 days
 * after the item arrived. The inbox keeps every item either way.
 */
export const DEFAULT_RETRY_DELAYS_MS = [5_000, 30_000, 120_000, 300_000];
export const KEEP_MS = 2 * 24 * 3600_000;

interface DeliveryRow {
  cursor: number;
  party: string;
  attempts: number;
  next_at: number;
}

export class WebhookDelivery {
  private readonly timers = new Map<Eui64, TimerHandle>();
  private readonly busy = new Set<Eui64>();
  private stopped = false;

  constructor(
    private readonly deps: {
      readonly db: Db;
      readonly clock: Clock;
      readonly crypto: CryptoProvider;
      readonly dcc: DccIdentity;
      readonly parties: PartyRegistry;
      readonly inbox: Inbox;
      readonly events: HeadEndEventLog;
      readonly retryDelaysMs?: readonly number[];
    },
  ) {
    deps.inbox.onAppend((party, item) => this.enqueue(party, item));
  }

  /** Pick up deliveries a previous run left undelivered. */
  resume(): void {
    const parties = this.deps.db
      .prepare('SELECT DISTINCT party FROM webhook_deliveries WHERE delivered_at IS NULL')
      .all() as { party: string }[];
    for (const { party } of parties) void this.pump(party as Eui64);
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers.values()) this.deps.clock.clearTimeout(timer);
    this.timers.clear();
  }

  /** SEC ch. 20: a party that left gets no more pushes; what was still queued is dropped, with the reason. */
  stopFor(party: Eui64): number {
    const timer = this.timers.get(party);
    if (timer) this.deps.clock.clearTimeout(timer);
    this.timers.delete(party);
    return this.deps.db
      .prepare(
        'UPDATE webhook_deliveries SET delivered_at = -1, last_error = ? WHERE party = ? AND delivered_at IS NULL',
      )
      .run('the party left the SEC', party).changes;
  }

  pendingCount(): number {
    return (
      this.deps.db.prepare('SELECT COUNT(*) AS n FROM webhook_deliveries WHERE delivered_at IS NULL').get() as {
        n: number;
      }
    ).n;
  }

  private enqueue(party: Eui64, item: InboxItem): void {
    // N30 reports a webhook failure: pushing it down the same failing webhook would only loop.
    if (item.alertCode === 'N30' || !this.deps.parties.get(party)?.webhookUrl) return;
    this.deps.db
      .prepare('INSERT OR IGNORE INTO webhook_deliveries (cursor, party, attempts, next_at) VALUES (?, ?, 0, ?)')
      .run(Number(item.cursor), party, this.deps.clock.now());
    void this.pump(party);
  }

  /** Deliver the party's oldest undelivered items in order until one fails or none is due. */
  private async pump(party: Eui64): Promise<void> {
    if (this.busy.has(party) || this.stopped) return;
    this.busy.add(party);
    try {
      for (;;) {
        const next = this.deps.db
          .prepare('SELECT * FROM webhook_deliveries WHERE party = ? AND delivered_at IS NULL ORDER BY cursor LIMIT 1')
          .get(party) as DeliveryRow | undefined;
        if (!next) return;
        const now = this.deps.clock.now();
        if (next.next_at > now) return this.later(party, next.next_at - now);
        const item = this.deps.inbox.get(next.cursor);
        if (!item || now - Date.parse(item.receivedAt) > KEEP_MS) {
          this.deps.db
            .prepare('UPDATE webhook_deliveries SET delivered_at = -1, last_error = ? WHERE cursor = ? AND party = ?')
            .run('expired after 2 days', next.cursor, party);
          this.deps.events.record(now, 'webhook-expired', { party, cursor: next.cursor });
          // The item stays readable in the inbox; the party hears (there) that push gave up on it.
          this.deps.inbox.append(
            party,
            {
              kind: 'dccAlert',
              alertCode: 'N30',
              body: {
                cursor: String(next.cursor),
                reason: 'webhook delivery gave up after 2 days; the item is still in the inbox',
              },
            },
            now,
          );
          continue;
        }
        const error = await this.post(party, item);
        if (error === undefined) {
          this.deps.db
            .prepare(
              'UPDATE webhook_deliveries SET delivered_at = ?, attempts = attempts + 1 WHERE cursor = ? AND party = ?',
            )
            .run(this.deps.clock.now(), next.cursor, party);
          continue;
        }
        const delays = this.deps.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
        const delay = delays[Math.min(next.attempts, delays.length - 1)]!;
        this.deps.db
          .prepare(
            'UPDATE webhook_deliveries SET attempts = attempts + 1, next_at = ?, last_error = ? WHERE cursor = ? AND party = ?',
          )
          .run(this.deps.clock.now() + delay, error, next.cursor, party);
        this.deps.events.record(this.deps.clock.now(), 'webhook-failed', {
          party,
          cursor: next.cursor,
          attempt: next.attempts + 1,
          error,
          retryInMs: delay,
        });
        return this.later(party, delay);
      }
    } finally {
      this.busy.delete(party);
    }
  }

  private later(party: Eui64, delayMs: number): void {
    if (this.stopped) return;
    const existing = this.timers.get(party);
    if (existing) this.deps.clock.clearTimeout(existing);
    this.timers.set(
      party,
      this.deps.clock.setTimeout(() => {
        this.timers.delete(party);
        void this.pump(party);
      }, delayMs),
    );
  }

  /** One POST; the error text on failure, undefined on a 2xx. */
  private async post(party: Eui64, item: InboxItem): Promise<string | undefined> {
    const url = this.deps.parties.get(party)?.webhookUrl;
    if (!url) return 'no webhook';
    const body = JSON.stringify({ party, ...item });
    const target = new URL(url);
    const headers = signGatewayRequest(
      this.deps.crypto,
      this.deps.dcc.acb.eui,
      this.deps.dcc.acb.ds,
      'POST',
      `${target.pathname}${target.search}`,
      body,
      new Date(this.deps.clock.now()),
    );
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      await response.arrayBuffer();
      return response.ok ? undefined : `HTTP ${response.status}`;
    } catch (error) {
      return (error as Error).message;
    }
  }
}
