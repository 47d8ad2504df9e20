/**
 * Deterministic consumption: the units used in each half-hour are a pure function of (seed,
 * half-hour index), so a meter's whole history is derived on demand, never stored. That is what
 * lets 10,000 premises sit in memory: a meter keeps a few numbers, not a log.
 */
export const HALF_HOUR_MS = 30 * 60_000;
export const HALF_HOURS_PER_DAY = 48;

export interface ConsumptionShape {
  /** Relative use in each of the 48 half-hours of a day; averages to about 1. */
  readonly daily: readonly number[];
  /** Seasonal swing: 0.25 means 25 % more in mid-winter and 25 % less in mid-summer. */
  readonly seasonalAmplitude: number;
  /** Half-hour noise: the factor is uniform in [1 - noise, 1 + noise]. */
  readonly noise: number;
}

function normalise(raw: readonly number[]): number[] {
  const mean = raw.reduce((a, b) => a + b, 0) / raw.length;
  return raw.map((v) => v / mean);
}

/** A domestic electricity day: night base load, a morning rise, the evening peak. */
export const ELECTRICITY_SHAPE: ConsumptionShape = {
  daily: normalise([
    0.5, 0.45, 0.4, 0.4, 0.38, 0.38, 0.38, 0.38, 0.4, 0.4, 0.45, 0.5, 0.7, 0.9, 1.2, 1.3, 1.1, 0.9, 0.8, 0.75, 0.75,
    0.8, 0.85, 0.9, 0.9, 0.85, 0.8, 0.8, 0.85, 0.9, 1.0, 1.2, 1.5, 1.9, 2.2, 2.3, 2.2, 2.0, 1.8, 1.6, 1.4, 1.3, 1.2,
    1.0, 0.9, 0.8, 0.65, 0.55,
  ]),
  seasonalAmplitude: 0.2,
  noise: 0.35,
};

/** Domestic gas: heating peaks morning and evening, strong seasonal swing. */
export const GAS_SHAPE: ConsumptionShape = {
  daily: normalise([
    0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.3, 0.6, 1.5, 2.5, 2.8, 2.4, 1.8, 1.2, 0.9, 0.7, 0.6, 0.6, 0.6, 0.6,
    0.6, 0.6, 0.6, 0.6, 0.7, 0.8, 0.9, 1.2, 1.8, 2.4, 2.6, 2.5, 2.3, 2.0, 1.8, 1.6, 1.4, 1.2, 1.0, 0.8, 0.6, 0.4, 0.3,
    0.25, 0.2,
  ]),
  seasonalAmplitude: 0.6,
  noise: 0.3,
};

export class ConsumptionModel {
  constructor(
    /** A 32-bit seed, per meter. */
    private readonly seed: number,
    /** Average units per day (Wh for electricity, litres for gas). */
    readonly meanDailyUnits: number,
    private readonly shape: ConsumptionShape,
  ) {}

  /** Units used in half-hour `index` (counted from the epoch). */
  halfHour(index: number): number {
    if (this.meanDailyUnits === 0) return 0;
    const slot = ((index % HALF_HOURS_PER_DAY) + HALF_HOURS_PER_DAY) % HALF_HOURS_PER_DAY;
    const day = Math.floor(index / HALF_HOURS_PER_DAY);
    // Peak on about 15 January: day 0 of the epoch is 1 January 1970.
    const season = 1 + this.shape.seasonalAmplitude * Math.cos((2 * Math.PI * ((day % 365.25) - 14)) / 365.25);
    const noise = 1 + this.shape.noise * (2 * unitHash(this.seed, index) - 1);
    return (this.meanDailyUnits / HALF_HOURS_PER_DAY) * this.shape.daily[slot]! * season * noise;
  }

  /** Units used over half-hours [from, to). */
  sum(from: number, to: number): number {
    let total = 0;
    for (let i = from; i < to; i++) total += this.halfHour(i);
    return total;
  }
}

export function halfHourIndex(time: number): number {
  return Math.floor(time / HALF_HOUR_MS);
}

/** A well-mixed hash of (seed, index) to [0, 1): Murmur3's finaliser. */
function unitHash(seed: number, index: number): number {
  let h = (seed ^ Math.imul(index | 0, 0x9e3779b1) ^ Math.imul(Math.floor(index / 4294967296), 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

/** A 32-bit seed from a string, for per-meter models. */
export function seedOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}
