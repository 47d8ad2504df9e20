/**
 * Money is integers in pence (issue 16: never floating point). Prices that are finer than a penny
 * (a fixed charge per system per month) are integers in millipence (1/1000 p). Every division
 * rounds half away from zero, in BigInt so that no intermediate product loses a digit.
 */

/** round(numerator / denominator), half away from zero; denominator > 0. */
export function divRound(numerator: bigint, denominator: bigint): bigint {
  const half = denominator / 2n;
  return numerator >= 0n ? (numerator + half) / denominator : -((-numerator + half) / denominator);
}

/** ceil(numerator / denominator) for numerator ≥ 0. */
export function divCeil(numerator: bigint, denominator: bigint): bigint {
  return (numerator + denominator - 1n) / denominator;
}

/** A line's amount in pence: quantity × unit price (millipence), rounded to the penny. */
export function amountOf(quantity: number, unitPriceMillipence: number): number {
  return Number(divRound(BigInt(quantity) * BigInt(unitPriceMillipence), 1000n));
}

/** `amount` × basis points / 10,000, rounded to the penny (VAT, shares). */
export function basisPoints(amountPence: number, bp: number): number {
  return Number(divRound(BigInt(amountPence) * BigInt(bp), 10_000n));
}

/**
 * Split `total` pence among `weights` in proportion, to the penny, summing exactly to `total`:
 * each gets the floor of its share, and the pence left go one each to the largest remainders
 * (ties to the earlier key, which the caller orders, e.g. by party EUI). The Hamilton method.
 */
export function allocate(total: number, weights: readonly { key: string; weight: number }[]): Map<string, number> {
  const sum = weights.reduce((s, w) => s + BigInt(w.weight), 0n);
  const out = new Map<string, number>();
  if (sum === 0n) return out;
  const shares = weights.map((w) => {
    const exact = BigInt(total) * BigInt(w.weight);
    return { key: w.key, floor: exact / sum, remainder: exact % sum };
  });
  let left = BigInt(total) - shares.reduce((s, x) => s + x.floor, 0n);
  const order = [...shares].sort((a, b) => (a.remainder === b.remainder ? 0 : a.remainder > b.remainder ? -1 : 1));
  for (const share of order) {
    if (left === 0n) break;
    share.floor += 1n;
    left -= 1n;
  }
  for (const share of shares) out.set(share.key, Number(share.floor));
  return out;
}
