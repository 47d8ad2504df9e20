/**
 * Time is injected everywhere, so that scenarios run on a virtual clock (a 30-minute gas wake
 * costs nothing) and replay byte for byte. A real clock is the other implementation.
 */
export interface TimerHandle {
  readonly id: number;
}

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  setTimeout(callback: () => void, delayMs: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export class RealClock implements Clock {
  private readonly timers = new Map<number, NodeJS.Timeout>();
  private nextId = 1;

  now(): number {
    return Date.now();
  }

  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    const id = this.nextId++;
    const timer = setTimeout(() => {
      this.timers.delete(id);
      callback();
    }, Math.max(0, delayMs));
    this.timers.set(id, timer);
    return { id };
  }

  clearTimeout(handle: TimerHandle): void {
    const timer = this.timers.get(handle.id);
    if (timer) clearTimeout(timer);
    this.timers.delete(handle.id);
  }
}

interface VirtualTimer {
  readonly id: number;
  readonly due: number;
  readonly callback: () => void;
}

/**
 * A clock that moves only when told. Timers fire in due order (ties in creation order), each at
 * its own due time, so a callback sees `now()` equal to when it was meant to run.
 */
export class VirtualClock implements Clock {
  private current: number;
  private nextId = 1;
  private readonly pending = new Map<number, VirtualTimer>();

  constructor(start: number | Date = Date.UTC(2026, 0, 1)) {
    this.current = typeof start === 'number' ? start : start.getTime();
  }

  now(): number {
    return this.current;
  }

  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    const id = this.nextId++;
    this.pending.set(id, { id, due: this.current + Math.max(0, delayMs), callback });
    return { id };
  }

  clearTimeout(handle: TimerHandle): void {
    this.pending.delete(handle.id);
  }

  /** How many timers are waiting. */
  get pendingCount(): number {
    return this.pending.size;
  }

  /** Move time forward by `ms`, firing every timer that falls due on the way. */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError('a virtual clock only moves forward');
    const target = this.current + ms;
    for (let timer = this.earliest(target); timer; timer = this.earliest(target)) this.fire(timer);
    this.current = target;
  }

  /**
   * Like `advance`, but yields to the event loop after each timer so that promise chains a timer
   * starts (an async device handler, a socket write) settle before the next one fires.
   */
  async advanceAsync(ms: number): Promise<void> {
    const target = this.current + ms;
    await settle();
    for (let timer = this.earliest(target); timer; timer = this.earliest(target)) {
      this.fire(timer);
      await settle();
    }
    this.current = target;
  }

  /** Fire timers, jumping time to each, until none are left or `maxTimers` have fired. */
  async runUntilIdle(maxTimers = 100_000): Promise<number> {
    let fired = 0;
    await settle();
    for (let timer = this.earliest(Infinity); timer && fired < maxTimers; timer = this.earliest(Infinity)) {
      this.fire(timer);
      fired++;
      await settle();
    }
    return fired;
  }

  private fire(timer: VirtualTimer): void {
    this.pending.delete(timer.id);
    this.current = Math.max(this.current, timer.due);
    timer.callback();
  }

  private earliest(limit: number): VirtualTimer | undefined {
    let best: VirtualTimer | undefined;
    for (const timer of this.pending.values()) {
      if (timer.due <= limit && (!best || timer.due < best.due || (timer.due === best.due && timer.id < best.id))) best = timer;
    }
    return best;
  }
}

function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
