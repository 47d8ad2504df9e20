import { DurationError, parseDuration as parseDurationText } from '../protocol/duration.js';
import { UsageError } from './cli-errors.js';

/**
 * A duration on the command line: protocol/duration.ts is the one parser (the admin API's clock
 * advance uses it too); here a bad one is a usage error (exit 2) naming the option.
 */
export function parseDuration(text: string, option = 'duration'): number {
  try {
    return parseDurationText(text, option);
  } catch (error) {
    if (error instanceof DurationError) throw new UsageError(error.message, option);
    throw error;
  }
}
