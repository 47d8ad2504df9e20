import { parseEui, type Eui64 } from '../../protocol/index.js';
import { SecError } from '../errors.js';

/** A request body's fields, checked one by one so each refusal names its field. */
export class Input {
  constructor(private readonly body: Record<string, unknown>) {}

  static of(value: unknown): Input {
    if (value === undefined || value === null) return new Input({});
    if (typeof value !== 'object' || Array.isArray(value))
      throw new SecError('BAD_REQUEST', 'the body must be a JSON object', 'body');
    return new Input(value as Record<string, unknown>);
  }

  text(key: string): string {
    const value = this.body[key];
    if (typeof value !== 'string' || value.trim().length === 0)
      throw new SecError('BAD_REQUEST', `${key} is required (a non-empty string)`, key);
    return value;
  }

  optionalText(key: string): string | undefined {
    return this.body[key] === undefined ? undefined : this.text(key);
  }

  pence(key: string): number {
    const value = this.body[key];
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
      throw new SecError('BAD_REQUEST', `${key} is a whole number of pence`, key);
    return value;
  }

  optionalPence(key: string): number | undefined {
    return this.body[key] === undefined ? undefined : this.pence(key);
  }

  integer(key: string, fallback?: number): number {
    const value = this.body[key] ?? fallback;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
      throw new SecError('BAD_REQUEST', `${key} is a whole number`, key);
    return value;
  }

  flag(key: string, fallback: boolean): boolean {
    const value = this.body[key] ?? fallback;
    if (typeof value !== 'boolean') throw new SecError('BAD_REQUEST', `${key} is true or false`, key);
    return value;
  }

  oneOf<T extends string>(key: string, values: readonly T[]): T {
    const value = this.text(key);
    if (!(values as readonly string[]).includes(value))
      throw new SecError('BAD_REQUEST', `${key} must be one of ${values.join(', ')}`, key);
    return value as T;
  }

  object(key: string): Input {
    const value = this.body[key];
    if (value === null || typeof value !== 'object' || Array.isArray(value))
      throw new SecError('BAD_REQUEST', `${key} is required (an object)`, key);
    return new Input(value as Record<string, unknown>);
  }

  euis(key: string): Eui64[] {
    const value = this.body[key] ?? [];
    if (!Array.isArray(value)) throw new SecError('BAD_REQUEST', `${key} is a list of party EUI-64s`, key);
    return value.map((item, i) => eui(item, `${key}[${i}]`));
  }

  timestamp(key: string): number {
    const value = this.text(key);
    const at = Date.parse(value);
    if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(at))
      throw new SecError('BAD_REQUEST', `${key} is an RFC 3339 date`, key);
    return at;
  }

  services(key: string): 'all' | string[] {
    const value = this.body[key] ?? 'all';
    if (value === 'all') return 'all';
    if (Array.isArray(value) && value.every((s): s is string => typeof s === 'string')) return value;
    throw new SecError('BAD_REQUEST', `${key} is "all" or a list of SR variants`, key);
  }
}

export function eui(text: unknown, field: string): Eui64 {
  try {
    return parseEui(typeof text === 'string' ? text : '', field);
  } catch (error) {
    throw new SecError('BAD_REQUEST', (error as Error).message, field);
  }
}

export function id(text: string, field = 'id'): number {
  if (!/^\d{1,9}$/.test(text)) throw new SecError('BAD_REQUEST', `${field} is a whole number`, field);
  return Number(text);
}
