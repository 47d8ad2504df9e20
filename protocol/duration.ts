import { SmetsimError } from './errors.js';

/** Milliseconds per unit, largest first: the order a compound duration must be written in. */
const UNITS = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1_000],
  ['ms', 1],
] as const;

const PART = /(\d+)(ms|d|h|m|s)/y;

/** A duration that does not read; `field` names the option or body field it came from. */
export class DurationError extends SmetsimError {
  constructor(message: string, field: string) {
    super('BAD_DURATION', message, field);
  }
}

/**
 * The one duration parser (the command line's options and the admin API's clock advance): one or
 * more `<integer><unit>` parts, units d, h, m, s, ms, largest first and each at most once, e.g.
 * `90s`, `5m`, `1h30m`, `2d`, `1m30s500ms`. No spaces, signs, decimals or bare numbers: a bare
 * `30` could mean seconds or milliseconds, so it is refused rather than guessed.
 */
export function parseDuration(text: string, field = 'duration'): number {
  const refuse = (why: string): never => {
    throw new DurationError(`${field} "${text}" is not a duration (${why}): write e.g. 90s, 5m, 1h30m or 2d`, field);
  };
  if (text.length === 0) refuse('it is empty');
  let total = 0;
  let lastRank = -1;
  PART.lastIndex = 0;
  while (PART.lastIndex < text.length) {
    const at = PART.lastIndex;
    const match = PART.exec(text);
    if (!match) return refuse(/^\d+$/.test(text.slice(at)) ? 'a number needs a unit' : `at "${text.slice(at)}"`);
    const rank = UNITS.findIndex(([unit]) => unit === match[2]);
    if (rank <= lastRank) refuse(`${match[2]} out of order or repeated`);
    lastRank = rank;
    total += Number(match[1]) * UNITS[rank]![1];
  }
  if (!Number.isSafeInteger(total)) refuse('too long');
  return total;
}
