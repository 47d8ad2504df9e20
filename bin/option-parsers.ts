import { parseEui, ValidationError, type Eui64 } from '../protocol/index.js';
import { UsageError } from './cli-errors.js';
import { parseDuration } from './duration.js';

/**
 * Parsers for commander's argParser, one per kind of value. Each throws a UsageError naming the
 * option, which the top level prints as one line with exit 2 before anything is started. (They
 * do not throw commander's InvalidArgumentError, whose message repeats the flag and the value in
 * commander's own words.)
 */
export type Parser<T> = (text: string) => T;

export function integer(option: string, min: number, max: number | (() => number)): Parser<number> {
  return (text) => {
    const top = typeof max === 'function' ? max() : max;
    const value = /^-?\d+$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isSafeInteger(value) || value < min || value > top)
      throw new UsageError(`${option} must be an integer from ${min} to ${top}`, option);
    return value;
  };
}

/** A TCP port; 0 asks the system for a free one. */
export function port(option: string): Parser<number> {
  return integer(option, 0, 65_535);
}

export function duration(option: string): Parser<number> {
  return (text) => parseDuration(text, option);
}

export function eui(option: string): Parser<Eui64> {
  return (text) => {
    try {
      return parseEui(text, option);
    } catch (error) {
      throw error instanceof ValidationError ? new UsageError(error.message, option) : error;
    }
  };
}

/** An http(s) or mqtt(s) URL, checked for form only. */
export function url(option: string, schemes: readonly string[], example: string): Parser<string> {
  return (text) => {
    let parsed: URL;
    try {
      parsed = new URL(text);
    } catch {
      throw new UsageError(`${option} "${text}" is not a URL, e.g. ${example}`, option);
    }
    if (!schemes.includes(parsed.protocol.replace(/:$/, '')))
      throw new UsageError(`${option} "${text}" must be a ${schemes.join(' or ')} URL`, option);
    return text.replace(/\/$/, '');
  };
}
