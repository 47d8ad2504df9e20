import type { PlainValue } from '../../../cbor.js';

/**
 * Body values a JSON request may leave out, filled from the DCC's clock (emulator choices):
 * 6.13 reads the whole log up to now; 6.11's validity window is one minute either side of now,
 * as RTDS's ECS70 opens a window of seconds around the DCC's time.
 */
const TEN_YEARS_MS = 3653 * 86_400_000;
export const LOG_RANGE: Readonly<Record<string, (now: number) => PlainValue>> = {
  from: (now) => now - TEN_YEARS_MS,
  to: (now) => now,
};
export const CLOCK_WINDOW: Readonly<Record<string, (now: number) => PlainValue>> = {
  validityStart: (now) => now - 60_000,
  validityEnd: (now) => now + 60_000,
};
