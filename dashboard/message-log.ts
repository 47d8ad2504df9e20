import type { LogEntry, LogFilter, LogKind } from './api-types.js';

export type NewLogEntry = Omit<LogEntry, 'seq' | 'at'>;

export const LOG_KINDS: readonly LogKind[] = ['request', 'answer', 'command', 'response', 'alert', 'delivery', 'event'];

/**
 * The dashboard's message log: the last `capacity` entries in memory, in order. It is a view for
 * people, not a record: the head-end's own event log and inboxes are the durable ones, so a
 * restart of `serve` starts it empty.
 */
export class MessageLog {
  private readonly entries: LogEntry[] = [];
  private readonly listeners = new Set<(entry: LogEntry) => void>();
  private seq = 0;

  constructor(
    private readonly now: () => number,
    readonly capacity = 5_000,
  ) {}

  append(entry: NewLogEntry): LogEntry {
    const stored: LogEntry = { seq: ++this.seq, at: new Date(this.now()).toISOString(), ...entry };
    this.entries.push(stored);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
    for (const listener of this.listeners) listener(stored);
    return stored;
  }

  /** The most recent `limit` entries that match, oldest first. */
  query(filter: LogFilter, limit = 200): LogEntry[] {
    const out: LogEntry[] = [];
    for (let i = this.entries.length - 1; i >= 0 && out.length < limit; i--) {
      const entry = this.entries[i]!;
      if (matches(entry, filter)) out.push(entry);
    }
    return out.reverse();
  }

  /** Hear each new entry; returns the way to stop. */
  subscribe(listener: (entry: LogEntry) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/**
 * The log's filter. An SR matches itself and its variants ("4.1" matches "4.1.1"); the other
 * fields match exactly. An absent field matches everything.
 */
export function matches(entry: LogEntry, filter: LogFilter): boolean {
  if (filter.party !== undefined && entry.party !== filter.party) return false;
  if (filter.premises !== undefined && entry.premises !== filter.premises) return false;
  if (filter.kind !== undefined && entry.kind !== filter.kind) return false;
  if (filter.sr !== undefined) {
    const sr = entry.sr;
    if (sr === undefined || (sr !== filter.sr && !sr.startsWith(`${filter.sr}.`))) return false;
  }
  return true;
}
