import type { Db } from './storage/database.js';

/** The DCC's event log (SEC Annex 2, BPM 02.04): alerts, refusals, anomalies; durable. */
export class HeadEndEventLog {
  private readonly listeners: ((kind: string, detail: Record<string, unknown>) => void)[] = [];

  constructor(private readonly db: Db) {}

  /** Watch events as they are logged (soak counts device alerts and refusals here). */
  onRecord(listener: (kind: string, detail: Record<string, unknown>) => void): void {
    this.listeners.push(listener);
  }

  record(at: number, kind: string, detail: Record<string, unknown>): void {
    for (const listener of this.listeners) listener(kind, detail);
    this.db.prepare('INSERT INTO event_log (at, kind, detail) VALUES (?, ?, ?)').run(
      at,
      kind,
      JSON.stringify(detail, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)),
    );
  }

  recent(limit = 100, kind?: string): { at: number; kind: string; detail: unknown }[] {
    const rows = (
      kind
        ? this.db.prepare('SELECT * FROM event_log WHERE kind = ? ORDER BY id DESC LIMIT ?').all(kind, limit)
        : this.db.prepare('SELECT * FROM event_log ORDER BY id DESC LIMIT ?').all(limit)
    ) as { at: number; kind: string; detail: string }[];
    return rows.map((r) => ({ at: r.at, kind: r.kind, detail: JSON.parse(r.detail) as unknown }));
  }
}
