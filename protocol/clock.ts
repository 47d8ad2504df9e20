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
    const timer = setTimeout(
      () => {
        this.timers.delete(id);
        callback();
      },
      Math.max(0, delayMs),
    );
    this.timers.set(id, timer);
    return { id };
  }

  clearTimeout(handle: TimerHandle): void {
    const timer = this.timers.get(handle.id);
    if (timer) clearTimeout(timer);
    this.timers.delete(handle.id);
  }
}

/**
 * Real time run faster: `speed` DCC seconds pass per wall second (`serve --speed 60`: a day in 24
 * minutes). Time starts at the wall clock's now; timers are the runtime's, through RealClock, with
 * their delays divided by the speed.
 */
export class ScaledClock implements Clock {
  private readonly real = new RealClock();
  private readonly wallStart: number;

  constructor(
    readonly speed: number,
    private readonly start: number = Date.now(),
  ) {
    if (!(speed > 0) || !Number.isFinite(speed)) throw new RangeError('a scaled clock needs a speed above 0');
    this.wallStart = Date.now();
  }

  now(): number {
    return this.start + Math.floor((Date.now() - this.wallStart) * this.speed);
  }

  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    return this.real.setTimeout(callback, Math.max(0, delayMs) / this.speed);
  }

  clearTimeout(handle: TimerHandle): void {
    this.real.clearTimeout(handle);
  }
}

interface VirtualTimer {
  readonly id: number;
  readonly due: number;
  readonly callback: () => void;
}

/**
 * A clock that moves only when told. Timers fire in due order (ties in creation order), each at
 * its own due time, so a callback sees `now()` equal to when it was meant to run. Timers sit in a
 * binary heap: a fleet of 10,000 meters keeps tens of thousands of timers.
 */
export class VirtualClock implements Clock {
  private current: number;
  private nextId = 1;
  private readonly heap: VirtualTimer[] = [];
  /** Ids of timers still pending; a cleared timer leaves the heap lazily. */
  private readonly live = new Set<number>();

  constructor(start: number | Date = Date.UTC(2026, 0, 1)) {
    this.current = typeof start === 'number' ? start : start.getTime();
  }

  now(): number {
    return this.current;
  }

  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    const id = this.nextId++;
    this.live.add(id);
    this.push({ id, due: this.current + Math.max(0, delayMs), callback });
    return { id };
  }

  clearTimeout(handle: TimerHandle): void {
    this.live.delete(handle.id);
  }

  /** How many timers are waiting. */
  get pendingCount(): number {
    return this.live.size;
  }

  /** Move time forward by `ms`, firing every timer that falls due on the way. */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError('a virtual clock only moves forward');
    const target = this.current + ms;
    for (let timer = this.takeDue(target); timer; timer = this.takeDue(target)) this.fire(timer);
    this.current = target;
  }

  /**
   * Like `advance`, but yields to the event loop after each timer so that promise chains a timer
   * starts (an async device handler, a socket write) settle before the next one fires.
   */
  async advanceAsync(ms: number): Promise<void> {
    if (!(ms >= 0)) throw new RangeError('a virtual clock only moves forward');
    const target = this.current + ms;
    await settle();
    for (let timer = this.takeDue(target); timer; timer = this.takeDue(target)) {
      this.fire(timer);
      await settle();
    }
    this.current = target;
  }

  /** Fire timers, jumping time to each, until none are left or `maxTimers` have fired. */
  async runUntilIdle(maxTimers = 100_000): Promise<number> {
    let fired = 0;
    await settle();
    for (let timer = this.takeDue(Infinity); timer; timer = fired < maxTimers ? this.takeDue(Infinity) : undefined) {
      this.fire(timer);
      fired++;
      await settle();
    }
    return fired;
  }

  private fire(timer: VirtualTimer): void {
    this.current = Math.max(this.current, timer.due);
    timer.callback();
  }

  /** Remove and return the earliest live timer due at or before `limit`. */
  private takeDue(limit: number): VirtualTimer | undefined {
    for (;;) {
      const top = this.heap[0];
      if (!top || top.due > limit) return undefined;
      this.pop();
      if (this.live.delete(top.id)) return top;
    }
  }

  private static before(a: VirtualTimer, b: VirtualTimer): boolean {
    return a.due < b.due || (a.due === b.due && a.id < b.id);
  }

  private push(timer: VirtualTimer): void {
    const heap = this.heap;
    heap.push(timer);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!VirtualClock.before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  private pop(): void {
    const heap = this.heap;
    const last = heap.pop()!;
    if (heap.length === 0) return;
    heap[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heap.length && VirtualClock.before(heap[left]!, heap[smallest]!)) smallest = left;
      if (right < heap.length && VirtualClock.before(heap[right]!, heap[smallest]!)) smallest = right;
      if (smallest === i) return;
      [heap[i], heap[smallest]] = [heap[smallest]!, heap[i]!];
      i = smallest;
    }
  }
}

function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
