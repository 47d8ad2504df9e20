import type { Clock, Eui64, PlainValue, TimerHandle, UserRole } from '../protocol/index.js';
import type { Db } from './storage/database.js';

/** A DCC-run schedule (BPM 02.02; SR 5.1): a read the DCC sends on its owner's behalf, every interval, until deleted. */
export interface Schedule {
  readonly id: number;
  readonly owner: Eui64;
  readonly role: UserRole;
  readonly serviceRequest: string;
  readonly target: Eui64;
  readonly body: PlainValue;
  readonly intervalMs: number;
  readonly nextRun: number;
  readonly runs: number;
}

interface Row {
  id: number;
  owner: string;
  role: string;
  sr: string;
  target: string;
  body: string;
  interval_ms: number;
  next_run: number;
  runs: number;
}

/**
 * Schedules live in the database and run on the DCC clock; a restart re-arms them. Each run is
 * handed to `run`, which repeats the owner's access control (a change of supplier stops an old
 * supplier's schedule with E4) and sends the read.
 */
export class Schedules {
  private readonly timers = new Map<number, TimerHandle>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly run: (schedule: Schedule) => void,
  ) {}

  create(schedule: Omit<Schedule, 'id' | 'runs'>): Schedule {
    const result = this.db
      .prepare(
        'INSERT INTO schedules (owner, role, sr, target, body, interval_ms, next_run) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        schedule.owner,
        schedule.role,
        schedule.serviceRequest,
        schedule.target,
        JSON.stringify(schedule.body),
        schedule.intervalMs,
        schedule.nextRun,
      );
    const created = this.get(Number(result.lastInsertRowid))!;
    this.arm(created);
    return created;
  }

  get(id: number): Schedule | undefined {
    const row = this.db.prepare('SELECT * FROM schedules WHERE id = ? AND deleted_at IS NULL').get(id) as
      Row | undefined;
    return row ? fromRow(row) : undefined;
  }

  ofOwner(owner: Eui64): Schedule[] {
    return (
      this.db.prepare('SELECT * FROM schedules WHERE owner = ? AND deleted_at IS NULL ORDER BY id').all(owner) as Row[]
    ).map(fromRow);
  }

  /** Delete an owner's schedule; false when it is not theirs or does not exist. */
  delete(id: number, owner: Eui64): boolean {
    const changed = this.db
      .prepare('UPDATE schedules SET deleted_at = ? WHERE id = ? AND owner = ? AND deleted_at IS NULL')
      .run(this.clock.now(), id, owner).changes;
    const timer = this.timers.get(id);
    if (timer) this.clock.clearTimeout(timer);
    this.timers.delete(id);
    return changed > 0;
  }

  /**
   * SEC ch. 20: a party that left has every schedule cancelled, once, with the reason; they do
   * not go on failing at each run. Returns the ids cancelled.
   */
  cancelOwner(owner: Eui64, reason: string): number[] {
    const ids = this.ofOwner(owner).map((schedule) => schedule.id);
    for (const id of ids) {
      this.delete(id, owner);
      this.db.prepare('UPDATE schedules SET cancelled_reason = ? WHERE id = ?').run(reason, id);
    }
    return ids;
  }

  resume(): void {
    for (const row of this.db.prepare('SELECT * FROM schedules WHERE deleted_at IS NULL').all() as Row[])
      this.arm(fromRow(row));
  }

  stop(): void {
    for (const timer of this.timers.values()) this.clock.clearTimeout(timer);
    this.timers.clear();
  }

  private arm(schedule: Schedule): void {
    this.timers.set(
      schedule.id,
      this.clock.setTimeout(() => this.fire(schedule.id), Math.max(0, schedule.nextRun - this.clock.now())),
    );
  }

  private fire(id: number): void {
    this.timers.delete(id);
    const schedule = this.get(id);
    if (!schedule) return;
    const next = { ...schedule, runs: schedule.runs + 1, nextRun: schedule.nextRun + schedule.intervalMs };
    this.db.prepare('UPDATE schedules SET runs = ?, next_run = ? WHERE id = ?').run(next.runs, next.nextRun, id);
    this.run({ ...schedule, runs: next.runs });
    this.arm(next);
  }
}

function fromRow(row: Row): Schedule {
  return {
    id: row.id,
    owner: row.owner as Eui64,
    role: row.role as UserRole,
    serviceRequest: row.sr,
    target: row.target as Eui64,
    body: JSON.parse(row.body) as PlainValue,
    intervalMs: row.interval_ms,
    nextRun: row.next_run,
    runs: row.runs,
  };
}
