/**
 * The meter's memory of accepted UTRN counters (FACTS: Prepayment). Counters are stored as the
 * 32-bit "UTRN counter" (the top half of the 64-bit originator counter).
 *
 * The size of the cache is not in the facts: we keep the last 10 accepted counters (configurable).
 * A counter older than everything remembered is refused as OUT_OF_WINDOW, since the meter can no
 * longer prove it unused.
 */
export const DEFAULT_UTRN_CACHE_SIZE = 10;

export class UtrnCounterCache {
  /** Accepted UTRN counters, ascending; at most `size` of them. */
  private readonly accepted: number[];

  constructor(
    readonly size = DEFAULT_UTRN_CACHE_SIZE,
    accepted: readonly number[] = [],
  ) {
    this.accepted = [...accepted].sort((a, b) => a - b).slice(-size);
  }

  /** The highest accepted UTRN counter V, or 0 before any. */
  get highest(): number {
    return this.accepted.at(-1) ?? 0;
  }

  /**
   * Rebuild the full 64-bit counter from the 10-bit field r: p = V mod 1024, q = V - p; r more than
   * 512 below p means the counter wrapped forward (+1024), more than 512 above means it is from
   * before the wrap (-1024). Negative when the reconstruction falls below zero.
   */
  reconstruct(truncated: number): bigint {
    const v = this.highest;
    const p = v % 1024;
    const q = v - p;
    let s = truncated;
    if (truncated < p - 512) s += 1024;
    else if (truncated > p + 512) s -= 1024;
    return BigInt(q + s) << 32n;
  }

  verdict(counter: bigint): 'NEW' | 'DUPLICATE' | 'OUT_OF_WINDOW' {
    const utrnCounter = Number(counter >> 32n);
    if (this.accepted.includes(utrnCounter)) return 'DUPLICATE';
    const oldest = this.accepted[0];
    if (this.accepted.length >= this.size && oldest !== undefined && utrnCounter < oldest) return 'OUT_OF_WINDOW';
    return 'NEW';
  }

  accept(counter: bigint): void {
    const utrnCounter = Number(counter >> 32n);
    if (this.accepted.includes(utrnCounter)) return;
    this.accepted.push(utrnCounter);
    this.accepted.sort((a, b) => a - b);
    if (this.accepted.length > this.size) this.accepted.shift();
  }

  /** For persistence and for CoS, which resets the cache for a new supplier. */
  snapshot(): readonly number[] {
    return [...this.accepted];
  }
}
