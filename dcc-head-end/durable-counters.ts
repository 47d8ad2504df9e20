import type { Db } from './storage/database.js';

/**
 * Counters that never go backwards, even across a crash: each party's last accepted request
 * counter, and the DCC's own originator counters. A write that would lower one is ignored.
 */
export class DurableCounters {
  private readonly cache = new Map<string, bigint>();

  constructor(private readonly db: Db) {}

  get(name: string): bigint | undefined {
    const cached = this.cache.get(name);
    if (cached !== undefined) return cached;
    const row = this.db.prepare('SELECT value FROM counters WHERE name = ?').get(name) as { value: string } | undefined;
    if (!row) return undefined;
    const value = BigInt(row.value);
    this.cache.set(name, value);
    return value;
  }

  /** Raise the counter to `value`; false (and no change) when it is not above the current one. */
  raise(name: string, value: bigint): boolean {
    const current = this.get(name);
    if (current !== undefined && value <= current) return false;
    this.db
      .prepare(
        'INSERT INTO counters (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value',
      )
      .run(name, value.toString());
    this.cache.set(name, value);
    return true;
  }

  /** The next value of a counter the DCC itself originates with. */
  next(name: string): bigint {
    const value = (this.get(name) ?? 0n) + 1n;
    this.raise(name, value);
    return value;
  }
}
