import { ValidationError } from './errors.js';
import { parseEui, type Eui64 } from './eui.js';

export const MAX_COUNTER = (1n << 64n) - 1n;

/** DUIS request id: `originatorEUI:targetEUI:counter`. */
export interface RequestId {
  readonly originator: Eui64;
  readonly target: Eui64;
  readonly counter: bigint;
}

export function parseCounter(text: string, field = 'counter'): bigint {
  if (typeof text !== 'string' || !/^(?:\d{1,20}|0[xX][0-9a-fA-F]{1,16})$/.test(text)) {
    throw new ValidationError('BAD_COUNTER', `${field} must be a decimal or 0x-hex integer from 0 to 2^64-1`, field);
  }
  const value = BigInt(text);
  if (value > MAX_COUNTER) throw new ValidationError('BAD_COUNTER', `${field} is above 2^64-1`, field);
  return value;
}

export function parseRequestId(text: string, field = 'requestId'): RequestId {
  const parts = typeof text === 'string' ? text.split(':') : [];
  if (parts.length !== 3) {
    throw new ValidationError('BAD_REQUEST_ID', `${field} must be "originatorEUI:targetEUI:counter"`, field);
  }
  return {
    originator: parseEui(parts[0]!, `${field}.originator`),
    target: parseEui(parts[1]!, `${field}.target`),
    counter: parseCounter(parts[2]!, `${field}.counter`),
  };
}

export function formatRequestId(id: RequestId): string {
  return `${id.originator}:${id.target}:${id.counter}`;
}

/** A response id swaps originator and target (DUIS). */
export function responseIdFor(id: RequestId): RequestId {
  return { originator: id.target, target: id.originator, counter: id.counter };
}
