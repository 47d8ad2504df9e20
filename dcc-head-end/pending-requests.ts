import type { Eui64 } from '../protocol/index.js';
import type { Db } from './storage/database.js';

/**
 * accepted: acknowledged (I99) and stored, not yet handed to the broker;
 * precommand: a critical request's pre-command returned to the party, waiting for variant 5;
 * sent: published to the hub, waiting for the device;
 * held: for a device being replaced (SEC §148), waiting for the new one;
 * answered / timedOut: finished;
 * returned: finished, a signed pre-command returned to the party for local delivery (variant 6).
 */
export type RequestState = 'accepted' | 'precommand' | 'held' | 'sent' | 'answered' | 'timedOut' | 'returned';

export interface PendingRequest {
  readonly party: Eui64;
  readonly counter: bigint;
  readonly requestId: string;
  readonly target: Eui64;
  readonly hub: Eui64 | undefined;
  readonly serviceRequest: string;
  readonly variant: number;
  readonly state: RequestState;
  /** The command bytes: the encoded frame to publish, or the pre-command awaiting its signature. */
  readonly command: Uint8Array | undefined;
  readonly createdAt: number;
  readonly deadline: number | undefined;
  /** For a command the DCC originates on a party's behalf (schedules, firmware): whose inbox gets the answer. */
  readonly deliverTo?: Eui64 | undefined;
}

interface Row {
  party: string;
  counter: string;
  request_id: string;
  target: string;
  hub: string | null;
  sr: string;
  variant: number;
  state: string;
  command: Buffer | null;
  created_at: number;
  deadline: number | null;
  deliver_to: string | null;
}

/** Requests the DCC has acknowledged and not finished: durable, so a restart loses none. */
export class PendingRequests {
  constructor(private readonly db: Db) {}

  insert(request: PendingRequest): void {
    this.db
      .prepare(
        `INSERT INTO requests (party, counter, request_id, target, hub, sr, variant, state, command, created_at, deadline, deliver_to)
         VALUES (@party, @counter, @requestId, @target, @hub, @sr, @variant, @state, @command, @createdAt, @deadline, @deliverTo)`,
      )
      .run({
        party: request.party,
        counter: request.counter.toString(),
        requestId: request.requestId,
        target: request.target,
        hub: request.hub ?? null,
        sr: request.serviceRequest,
        variant: request.variant,
        state: request.state,
        command: request.command ? Buffer.from(request.command) : null,
        createdAt: request.createdAt,
        deadline: request.deadline ?? null,
        deliverTo: request.deliverTo ?? null,
      });
  }

  get(party: Eui64, counter: bigint): PendingRequest | undefined {
    const row = this.db
      .prepare('SELECT * FROM requests WHERE party = ? AND counter = ?')
      .get(party, counter.toString()) as Row | undefined;
    return row ? fromRow(row) : undefined;
  }

  update(
    party: Eui64,
    counter: bigint,
    changes: { state: RequestState; command?: Uint8Array; deadline?: number; variant?: number },
  ): void {
    const current = this.get(party, counter);
    if (!current) return;
    this.db
      .prepare('UPDATE requests SET state = ?, command = ?, deadline = ?, variant = ? WHERE party = ? AND counter = ?')
      .run(
        changes.state,
        changes.command ? Buffer.from(changes.command) : current.command ? Buffer.from(current.command) : null,
        changes.deadline ?? current.deadline ?? null,
        changes.variant ?? current.variant,
        party,
        counter.toString(),
      );
  }

  /**
   * Point a held request at the replacement device. The DCC sends it on as the ACB, under the
   * ACB's own counter (`acbCounter`); the device's answer, addressed to the ACB, is matched back
   * to the party's request through the relay record.
   */
  relay(party: Eui64, counter: bigint, acbCounter: bigint, target: Eui64, command: Uint8Array): void {
    this.db
      .prepare("UPDATE requests SET target = ?, command = ?, state = 'accepted' WHERE party = ? AND counter = ?")
      .run(target, Buffer.from(command), party, counter.toString());
    this.db
      .prepare('INSERT INTO relays (acb_counter, party, counter) VALUES (?, ?, ?)')
      .run(acbCounter.toString(), party, counter.toString());
  }

  /** The party's request a device answer to the ACB belongs to, if it was relayed. */
  relayed(acbCounter: bigint): { party: Eui64; counter: bigint } | undefined {
    const row = this.db
      .prepare('SELECT party, counter FROM relays WHERE acb_counter = ?')
      .get(acbCounter.toString()) as { party: string; counter: string } | undefined;
    return row ? { party: row.party as Eui64, counter: BigInt(row.counter) } : undefined;
  }

  held(target: Eui64): PendingRequest[] {
    return (
      this.db
        .prepare("SELECT * FROM requests WHERE state = 'held' AND target = ? ORDER BY created_at")
        .all(target) as Row[]
    ).map(fromRow);
  }

  /** Commands sent through `hub` and still waiting for their answer, oldest first. */
  sentVia(hub: Eui64): PendingRequest[] {
    return (
      this.db.prepare("SELECT * FROM requests WHERE state = 'sent' AND hub = ? ORDER BY created_at").all(hub) as Row[]
    ).map(fromRow);
  }

  /** Everything still open, oldest first: what a restart picks up. */
  open(): PendingRequest[] {
    return (
      this.db.prepare("SELECT * FROM requests WHERE state IN ('accepted', 'sent') ORDER BY created_at").all() as Row[]
    ).map(fromRow);
  }

  /**
   * Run writes as one transaction. A request's new state and the inbox item that reports it must
   * land together: a SIGKILL between two commits once left a request answered with no answer in
   * any inbox.
   */
  atomically<T>(writes: () => T): T {
    return this.db.transaction(writes)();
  }

  count(state: RequestState): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM requests WHERE state = ?').get(state) as { n: number }).n;
  }
}

function fromRow(row: Row): PendingRequest {
  return {
    party: row.party as Eui64,
    counter: BigInt(row.counter),
    requestId: row.request_id,
    target: row.target as Eui64,
    hub: (row.hub ?? undefined) as Eui64 | undefined,
    serviceRequest: row.sr,
    variant: row.variant,
    state: row.state as RequestState,
    command: row.command ?? undefined,
    createdAt: row.created_at,
    deadline: row.deadline ?? undefined,
    deliverTo: (row.deliver_to ?? undefined) as Eui64 | undefined,
  };
}
