import { Decoder, Encoder } from 'cbor-x';
import { FrameError } from './frame-error.js';

import type { PlainValue } from './plain-value.js';

/** The plain values a frame may carry (protocol/plain-value.ts). */
export type { PlainValue };

export interface PlainLimits {
  /** Deepest nesting of arrays and maps. */
  readonly maxDepth: number;
  /** Most entries in one array or map. */
  readonly maxEntries: number;
}

export const DEFAULT_PLAIN_LIMITS: PlainLimits = { maxDepth: 16, maxEntries: 4096 };

// Records and shared structures are cbor-x extensions other implementations cannot read; plain
// maps keep the wire format standard CBOR (RFC 8949) that any peer can decode.
const encoder = new Encoder({ useRecords: false, mapsAsObjects: true, tagUint8Array: false, variableMapSize: true });
const decoder = new Decoder({ useRecords: false, mapsAsObjects: true });

export function encodeCbor(value: PlainValue): Uint8Array {
  return encoder.encode(value);
}

/**
 * Decode exactly one CBOR item and check that it is a plain value. Any failure inside the
 * library (truncated input, bad tags, trailing bytes) becomes a FrameError; nothing else escapes.
 */
export function decodeCbor(bytes: Uint8Array, limits: PlainLimits = DEFAULT_PLAIN_LIMITS): PlainValue {
  let value: unknown;
  try {
    value = decoder.decode(bytes);
  } catch (error) {
    throw new FrameError('MALFORMED', `not well-formed CBOR: ${describe(error)}`);
  }
  assertPlain(value, limits, '$', 0);
  return value;
}

export function assertPlain(
  value: unknown,
  limits: PlainLimits,
  path: string,
  depth: number,
): asserts value is PlainValue {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new FrameError('NOT_PLAIN', `${path} is not a finite number`, path);
    return;
  }
  if (typeof value !== 'object')
    throw new FrameError('NOT_PLAIN', `${path} has a ${typeof value}, which frames do not carry`, path);
  if (depth >= limits.maxDepth) throw new FrameError('TOO_DEEP', `${path} nests deeper than ${limits.maxDepth}`, path);
  if (value instanceof Uint8Array) return;
  if (Array.isArray(value)) {
    if (value.length > limits.maxEntries)
      throw new FrameError('BAD_VALUE', `${path} has more than ${limits.maxEntries} entries`, path);
    for (let i = 0; i < value.length; i++) assertPlain(value[i], limits, `${path}[${i}]`, depth + 1);
    return;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) {
    throw new FrameError(
      'NOT_PLAIN',
      `${path} is a ${value.constructor?.name ?? 'tagged value'}, not a plain map`,
      path,
    );
  }
  const keys = Object.keys(value);
  if (keys.length > limits.maxEntries)
    throw new FrameError('BAD_VALUE', `${path} has more than ${limits.maxEntries} entries`, path);
  for (const key of keys) assertPlain((value as Record<string, unknown>)[key], limits, `${path}.${key}`, depth + 1);
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.length > 120 ? `${message.slice(0, 120)}…` : message;
}
