import type { Eui64 } from '../protocol/index.js';
import type { Db } from './storage/database.js';

export type InboxKind = 'response' | 'deviceAlert' | 'dccAlert';

export interface InboxItem {
  readonly cursor: string;
  readonly kind: InboxKind;
  readonly requestId?: string;
  readonly code?: string;
  readonly serviceReferenceVariant?: string;
  readonly alertCode?: string;
  readonly body: unknown;
  readonly receivedAt: string;
}

export type NewInboxItem = Omit<InboxItem, 'cursor' | 'receivedAt'>;

interface Row {
  cursor: number;
  kind: string;
  request_id: string | null;
  code: string | null;
  sr: string | null;
  alert_code: string | null;
  body: string;
  received_at: number;
}

/**
 * Each party's inbox: durable, in order, read by cursor. A write is committed before anyone
 * hears of it, so an item a party could have seen survives a crash. Long polls wait on a
 * per-party list of waiters, woken by the next append.
 */
export class Inbox {
  private readonly waiters = new Map<Eui64, Set<() => void>>();
  private readonly listeners: ((party: Eui64, item: InboxItem) => void)[] = [];
  /** Parties that left the SEC (ch. 20): the instant after which they may no longer read. */
  private readonly closures = new Map<Eui64, number>();

  constructor(private readonly db: Db) {
    for (const row of db.prepare('SELECT party, readable_until FROM inbox_closures').all() as {
      party: string;
      readable_until: number;
    }[])
      this.closures.set(row.party as Eui64, row.readable_until);
  }

  /**
   * SEC ch. 20: a party that withdrew or was expelled gets nothing more (no responses, alerts or
   * DCC alerts, so no push delivery either); it may read what it had until `readableUntil`.
   */
  close(party: Eui64, at: number, readableUntil: number): void {
    this.db
      .prepare(
        'INSERT INTO inbox_closures (party, closed_at, readable_until) VALUES (?, ?, ?) ON CONFLICT (party) DO NOTHING',
      )
      .run(party, at, readableUntil);
    if (!this.closures.has(party)) this.closures.set(party, readableUntil);
    for (const wake of this.waiters.get(party) ?? []) wake();
  }

  /** False once a party's inbox is closed and its retention period is over (SEC ch. 20). */
  readable(party: Eui64, at: number): boolean {
    const until = this.closures.get(party);
    return until === undefined || at <= until;
  }

  /** Append an item; nothing is stored for a party whose inbox is closed (SEC ch. 20). */
  append(party: Eui64, item: NewInboxItem, at: number): InboxItem | undefined {
    if (this.closures.has(party)) return undefined;
    const result = this.db
      .prepare(
        'INSERT INTO inbox (party, kind, request_id, code, sr, alert_code, body, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        party,
        item.kind,
        item.requestId ?? null,
        item.code ?? null,
        item.serviceReferenceVariant ?? null,
        item.alertCode ?? null,
        JSON.stringify(item.body ?? null),
        at,
      );
    const stored: InboxItem = {
      ...item,
      cursor: String(result.lastInsertRowid),
      receivedAt: new Date(at).toISOString(),
    };
    for (const wake of this.waiters.get(party) ?? []) wake();
    for (const listener of this.listeners) listener(party, stored);
    return stored;
  }

  /** Hear every append (webhook delivery, metrics). */
  onAppend(listener: (party: Eui64, item: InboxItem) => void): void {
    this.listeners.push(listener);
  }

  read(party: Eui64, after: number | bigint, limit = 100): InboxItem[] {
    return (
      this.db
        .prepare('SELECT * FROM inbox WHERE party = ? AND cursor > ? ORDER BY cursor LIMIT ?')
        .all(party, after, limit) as Row[]
    ).map(fromRow);
  }

  get(cursor: number): InboxItem | undefined {
    const row = this.db.prepare('SELECT * FROM inbox WHERE cursor = ?').get(cursor) as Row | undefined;
    return row ? fromRow(row) : undefined;
  }

  /** Read, waiting up to `waitMs` of real time for the first item if there is none yet. */
  async poll(party: Eui64, after: number | bigint, waitMs: number, limit = 100): Promise<InboxItem[]> {
    const now = this.read(party, after, limit);
    if (now.length > 0 || waitMs <= 0) return now;
    await new Promise<void>((resolve) => {
      const set = this.waiters.get(party) ?? new Set<() => void>();
      this.waiters.set(party, set);
      const done = () => {
        clearTimeout(timer);
        set.delete(done);
        resolve();
      };
      const timer = setTimeout(done, waitMs);
      set.add(done);
    });
    return this.read(party, after, limit);
  }

  /** Wake every long poll (shutdown). */
  wakeAll(): void {
    for (const set of this.waiters.values()) for (const wake of [...set]) wake();
  }
}

function fromRow(row: Row): InboxItem {
  return {
    cursor: String(row.cursor),
    kind: row.kind as InboxKind,
    ...(row.request_id !== null ? { requestId: row.request_id } : {}),
    ...(row.code !== null ? { code: row.code } : {}),
    ...(row.sr !== null ? { serviceReferenceVariant: row.sr } : {}),
    ...(row.alert_code !== null ? { alertCode: row.alert_code } : {}),
    body: JSON.parse(row.body) as unknown,
    receivedAt: new Date(row.received_at).toISOString(),
  };
}
