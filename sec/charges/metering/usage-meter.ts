import type { Clock, Eui64 } from '../../../protocol/index.js';
import type { Db } from '../../../dcc-head-end/storage/database.js';
import type { MeteredCall } from '../../../dcc-head-end/gateway/call-log.js';

/** One counted flow: a party's messages and bytes on one UTC day, channel, SR, variant and direction. */
export interface UsageKey {
  readonly party: Eui64;
  /** UTC date, YYYY-MM-DD. */
  readonly day: string;
  /** gateway: JSON calls; inbox: responses and alerts put in the inbox; webhook: pushed to the party; gbcs: commands the DCC sent for it. */
  readonly channel: 'gateway' | 'inbox' | 'webhook' | 'gbcs';
  /** The SR (or the alert code for an alert); '' for calls that carry none (an inbox poll). */
  readonly sr: string;
  /** The command variant; 0 when the message has none. */
  readonly variant: number;
  /** in: party to DCC; out: DCC to party. */
  readonly direction: 'in' | 'out';
}

export interface UsageRow extends UsageKey {
  readonly messages: number;
  readonly bytes: number;
}

export function utcDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

/**
 * SEC ch. 9 (issue 16 part 1): the gateway's half of usage metering. Each authenticated call is
 * added to a pending batch and the batch is committed in one transaction on the next turn of the
 * event loop; every call's answer waits for that commit (the gateway's onSend hook awaits the
 * promise). So a count is on disk before the party sees its answer (no count lost on SIGKILL), and
 * the cost is one commit per batch, not one per call (a group commit).
 */
export class UsageMeter {
  private pending = new Map<string, { key: UsageKey; messages: number; bytes: number }>();
  private flushing: Promise<void> | undefined;
  private readonly upsert;
  private readonly walFile: boolean;
  /** The connection's own setting (2 = FULL), restored after each meter commit. */
  private readonly synchronous: number;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {
    this.walFile = String(db.pragma('journal_mode', { simple: true })).toLowerCase() === 'wal';
    this.synchronous = Number(db.pragma('synchronous', { simple: true }));
    this.upsert = db.prepare(
      `INSERT INTO charges_usage (party, day, channel, sr, variant, direction, messages, bytes)
       VALUES (@party, @day, @channel, @sr, @variant, @direction, @messages, @bytes)
       ON CONFLICT (party, day, channel, sr, variant, direction)
       DO UPDATE SET messages = messages + excluded.messages, bytes = bytes + excluded.bytes`,
    );
  }

  /** The gateway's meter: the request counts in, the answer out. */
  readonly meterCall = (call: MeteredCall): Promise<void> => {
    const day = utcDay(this.clock.now());
    const base = { party: call.party, day, channel: 'gateway' as const, sr: call.serviceRequest ?? '' };
    const variant = call.commandVariant ?? 0;
    this.add({ ...base, variant, direction: 'in' }, call.requestBytes);
    this.add({ ...base, variant, direction: 'out' }, call.responseBytes);
    return this.flushSoon();
  };

  add(key: UsageKey, bytes: number, messages = 1): void {
    const id = `${key.party}|${key.day}|${key.channel}|${key.sr}|${key.variant}|${key.direction}`;
    const entry = this.pending.get(id);
    if (entry) {
      entry.messages += messages;
      entry.bytes += bytes;
    } else this.pending.set(id, { key, messages, bytes });
  }

  /** Commit what is pending on the next turn; every caller of this turn shares the one commit. */
  flushSoon(): Promise<void> {
    this.flushing ??= new Promise<void>((resolve, reject) =>
      setImmediate(() => {
        this.flushing = undefined;
        try {
          this.flush();
          resolve();
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      }),
    );
    return this.flushing;
  }

  /** Commit now (tests, shutdown). */
  flush(): void {
    if (this.pending.size === 0 || !this.db.open) return;
    const batch = [...this.pending.values()];
    this.pending = new Map();
    // The head-end commits with synchronous=FULL (an fsync per commit). The meter's commits need
    // to survive the process being killed, not the machine losing power: in WAL mode,
    // synchronous=NORMAL gives exactly that (SQLite: "durable across application crash"; a power
    // loss may roll back the last commits), without an fsync per batch. The setting is per
    // connection, so it is lowered for this commit only and put back.
    const wal = this.walFile;
    if (wal) this.db.pragma('synchronous = NORMAL');
    try {
      this.db.transaction(() => {
        for (const { key, messages, bytes } of batch) this.upsert.run({ ...key, messages, bytes });
      })();
    } finally {
      if (wal) this.db.pragma(`synchronous = ${this.synchronous}`);
    }
  }
}
