import type { Eui64 } from './eui.js';

/**
 * Anti-replay per originator (GBCS): a command is accepted only if its counter is above the last
 * one accepted from the same originator. Credential updates (change of supplier) set new floors.
 */
export class CounterWindow {
  private readonly last = new Map<Eui64, bigint>();

  constructor(initial: Iterable<readonly [Eui64, bigint]> = []) {
    for (const [originator, counter] of initial) this.last.set(originator, counter);
  }

  /** True when the counter is strictly above the last one accepted (or the floor). */
  isFresh(originator: Eui64, counter: bigint): boolean {
    const last = this.last.get(originator);
    return last === undefined || counter > last;
  }

  /** Record an accepted counter. Returns false, changing nothing, if it was not fresh. */
  accept(originator: Eui64, counter: bigint): boolean {
    if (!this.isFresh(originator, counter)) return false;
    this.last.set(originator, counter);
    return true;
  }

  /** Set a floor: from now on only counters above it are fresh. A floor may also lower the mark. */
  setFloor(originator: Eui64, floor: bigint): void {
    this.last.set(originator, floor);
  }

  lastAccepted(originator: Eui64): bigint | undefined {
    return this.last.get(originator);
  }

  forget(originator: Eui64): void {
    this.last.delete(originator);
  }

  entries(): IterableIterator<[Eui64, bigint]> {
    return this.last.entries();
  }
}

/** An originator's own rising counter, starting after `start`. */
export class CounterSource {
  constructor(private value: bigint = 0n) {}

  next(): bigint {
    this.value += 1n;
    return this.value;
  }

  /** The next counter whose low 32 bits are zero: the form UTRN counters take. */
  nextUtrnCounter(): bigint {
    this.value = ((this.value >> 32n) + 1n) << 32n;
    return this.value;
  }

  get current(): bigint {
    return this.value;
  }
}
