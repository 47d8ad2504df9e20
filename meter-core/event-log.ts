/** A device's event / security log (SR 6.13): a bounded ring, oldest dropped first. */
export interface EventLogEntry {
  readonly at: number;
  readonly event: string;
  readonly detail?: string;
}

export const EVENT_LOG_SIZE = 50;

export class EventLog {
  private entries: EventLogEntry[] | undefined; // none until the first event: most meters at rest log little

  record(at: number, event: string, detail?: string): void {
    const entries = (this.entries ??= []);
    entries.push(detail === undefined ? { at, event } : { at, event, detail });
    if (entries.length > EVENT_LOG_SIZE) entries.shift();
  }

  /** The newest `count` entries, oldest first, optionally only those at or after `since`. */
  read(count = EVENT_LOG_SIZE, since = -Infinity): EventLogEntry[] {
    return (this.entries ?? []).filter((e) => e.at >= since).slice(-count);
  }

  /** SR 3.3: empty the log; says how many entries went. */
  clear(): number {
    const cleared = this.size;
    this.entries = undefined;
    return cleared;
  }

  get size(): number {
    return this.entries?.length ?? 0;
  }
}
