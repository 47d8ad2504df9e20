import { hex } from './values.js';

/** JSON for `--json`: bytes as upper-case hex strings, 64-bit counters as decimal strings. */
export function toJson(value: unknown): string {
  return JSON.stringify(
    value,
    (_key, v: unknown) => {
      if (v instanceof Uint8Array) return hex(v);
      if (typeof v === 'bigint') return v.toString();
      return v;
    },
    2,
  );
}
