import { parseEui, SmetsimError, type Eui64, type PlainValue } from '../protocol/index.js';

/** A command body that does not fit its service request: answered BAD_PAYLOAD, naming the field. */
export class PayloadError extends SmetsimError {
  declare readonly code: 'BAD_PAYLOAD';
  constructor(message: string, field: string) {
    super('BAD_PAYLOAD', message, field);
  }
}

export type PayloadMap = { readonly [key: string]: PlainValue };

export function asMap(payload: PlainValue, field = 'payload'): PayloadMap {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload) || payload instanceof Uint8Array) {
    throw new PayloadError(`${field} must be a map`, field);
  }
  return payload as PayloadMap;
}

export function num(map: PayloadMap, key: string, min = -Infinity, max = Infinity): number {
  const value = map[key];
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new PayloadError(
      `${key} must be a number${min > -Infinity ? ` from ${min}` : ''}${max < Infinity ? ` to ${max}` : ''}`,
      key,
    );
  }
  return value;
}

export function optNum(map: PayloadMap, key: string, min = -Infinity, max = Infinity): number | undefined {
  return map[key] === undefined ? undefined : num(map, key, min, max);
}

export function str(map: PayloadMap, key: string, pattern?: RegExp): string {
  const value = map[key];
  if (typeof value !== 'string' || (pattern && !pattern.test(value))) {
    throw new PayloadError(`${key} must be a string${pattern ? ` matching ${pattern}` : ''}`, key);
  }
  return value;
}

export function oneOf<T extends string>(map: PayloadMap, key: string, values: readonly T[]): T {
  const value = map[key];
  if (typeof value !== 'string' || !values.includes(value as T))
    throw new PayloadError(`${key} must be one of ${values.join(', ')}`, key);
  return value as T;
}

export function bytes(map: PayloadMap, key: string, length?: number): Uint8Array {
  const value = map[key];
  if (!(value instanceof Uint8Array) || (length !== undefined && value.length !== length)) {
    throw new PayloadError(`${key} must be ${length ?? 'a'} byte${length === 1 ? '' : 's'}`, key);
  }
  return value;
}

export function numArray(map: PayloadMap, key: string, min: number, max: number, maxLength = 48): number[] {
  const value = map[key];
  if (
    !Array.isArray(value) ||
    value.length === 0 ||
    value.length > maxLength ||
    !value.every((v) => typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max)
  ) {
    throw new PayloadError(`${key} must be 1..${maxLength} numbers from ${min} to ${max}`, key);
  }
  return value as number[];
}

export function euiArg(map: PayloadMap, key: string): Eui64 {
  const value = map[key];
  try {
    if (typeof value !== 'string') throw new Error();
    return parseEui(value, key);
  } catch {
    throw new PayloadError(`${key} must be an EUI-64 such as 00-DB-12-34-56-78-90-A0`, key);
  }
}
