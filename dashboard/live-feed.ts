import type { ServerResponse } from 'node:http';
import type { Premises } from '../world/premises.js';
import type { FeedEvents, LogFilter } from './api-types.js';
import { premisesView } from './fleet-view.js';
import { matches, type MessageLog } from './message-log.js';

interface Client {
  readonly out: ServerResponse;
  readonly filter: LogFilter;
}

/** How often changed premises are looked for, and how often an idle stream gets a keep-alive. */
export const FEED_TIMING = { checkMs: 500, keepAliveMs: 15_000 } as const;

/**
 * The dashboard's server-sent events. Log entries and inbox appends are pushed as they happen.
 * Premises are pushed when they change: each check compares a cheap signature per premises
 * (its HAN's frame counters and the hub's link) and only a premises whose signature moved is
 * read and, if its view differs from the last one sent, pushed. Nothing is polled by the
 * browser, and nothing is read while no one watches. The timers are real time: the dashboard is
 * for people, whatever clock the world runs on.
 */
export class LiveFeed {
  private readonly clients = new Set<Client>();
  private readonly signatures = new Map<number, string>();
  private readonly lastSent = new Map<number, string>();
  private checkTimer: NodeJS.Timeout | undefined;
  private keepAliveTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly premises: readonly Premises[],
    private readonly log: MessageLog,
  ) {
    log.subscribe((entry) => {
      for (const client of this.clients) if (matches(entry, client.filter)) this.write(client.out, 'log', entry);
    });
  }

  get watchers(): number {
    return this.clients.size;
  }

  /** Take over a response as an event stream: the backlog of matching log entries, then live events. */
  open(out: ServerResponse, filter: LogFilter, backlog: number): () => void {
    out.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    out.write('retry: 2000\n\n');
    for (const entry of this.log.query(filter, backlog)) this.write(out, 'log', entry);
    const client: Client = { out, filter };
    this.clients.add(client);
    this.startTimers();
    return () => {
      this.clients.delete(client);
      if (this.clients.size === 0) this.stopTimers();
    };
  }

  broadcast<K extends keyof FeedEvents>(event: K, data: FeedEvents[K]): void {
    for (const client of this.clients) this.write(client.out, event, data);
  }

  /** Push every premises whose state moved since the last check (also called right after a consumer action). */
  checkNow(): void {
    if (this.clients.size === 0) return;
    for (const home of this.premises) {
      const signature = `${home.bus.stats.sent}/${home.bus.stats.delivered}/${home.hub.isOnline}/${home.esme.isPowered}`;
      if (this.signatures.get(home.index) === signature) continue;
      this.signatures.set(home.index, signature);
      this.pushIfChanged(home);
    }
  }

  /** Push one premises now if its view differs from the last one sent. */
  pushIfChanged(home: Premises): void {
    const view = premisesView(home);
    const text = JSON.stringify(view);
    if (this.lastSent.get(home.index) === text) return;
    this.lastSent.set(home.index, text);
    this.broadcast('premises', view);
  }

  /** End every stream (the server is closing: an open stream would hold it open). */
  close(): void {
    for (const client of this.clients) client.out.end();
    this.clients.clear();
    this.stopTimers();
  }

  private write(out: ServerResponse, event: string, data: unknown): void {
    const id = event === 'log' ? `id: ${(data as { seq: number }).seq}\n` : '';
    out.write(`event: ${event}\n${id}data: ${JSON.stringify(data)}\n\n`);
  }

  private startTimers(): void {
    if (this.checkTimer) return;
    this.checkTimer = setInterval(() => this.checkNow(), FEED_TIMING.checkMs).unref();
    this.keepAliveTimer = setInterval(() => {
      for (const client of this.clients) client.out.write(': keep-alive\n\n');
    }, FEED_TIMING.keepAliveMs).unref();
  }

  private stopTimers(): void {
    clearInterval(this.checkTimer);
    clearInterval(this.keepAliveTimer);
    this.checkTimer = undefined;
    this.keepAliveTimer = undefined;
  }
}
