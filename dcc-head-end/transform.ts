import type { PlainValue } from '../protocol/index.js';
import { GatewayError } from './duis-error.js';

/**
 * Between DUIS JSON and device payloads. JSON has no bytes, so fields that carry bytes on the
 * device side (keys, hashes, images) travel as base64 strings; everything else passes as is.
 */
export const BYTE_FIELDS: ReadonlySet<string> = new Set(['image', 'hash', 'ds', 'ka', 'prepaymentKa']);
const MAX_DEPTH = 8;

export function jsonToPayload(value: unknown, path: string, depth = 0, key = ''): PlainValue {
  if (depth > MAX_DEPTH) throw new GatewayError('BAD_REQUEST', `${path}: nests deeper than ${MAX_DEPTH}`, 400, path);
  if (value === null || typeof value === 'boolean' || typeof value === 'number') return value;
  if (typeof value === 'string') {
    if (!BYTE_FIELDS.has(key)) return value;
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 !== 0)
      throw new GatewayError('BAD_REQUEST', `${path}: must be base64`, 400, path);
    return Buffer.from(value, 'base64');
  }
  if (Array.isArray(value)) return value.map((v, i) => jsonToPayload(v, `${path}[${i}]`, depth + 1));
  if (typeof value === 'object') {
    const out: Record<string, PlainValue> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>))
      out[k] = jsonToPayload(v, `${path}.${k}`, depth + 1, k);
    return out;
  }
  throw new GatewayError('BAD_REQUEST', `${path}: unsupported JSON value`, 400, path);
}

/** Device payload → JSON for a party's inbox: bytes become base64. */
export function payloadToJson(value: PlainValue): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(payloadToJson);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, payloadToJson(v)]));
  }
  return value;
}
