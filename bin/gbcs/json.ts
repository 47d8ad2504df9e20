import { hex } from './values.js';

/** JSON for `--json`: bytes as upper-case hex strings, 64-bit counters as decimal strings. */
export function toJson(value: unknown): string {
  // The holder's own value, not `v`: a Buffer's toJSON has already run by the time `v` arrives.
  return JSON.stringify(
    value,
    function (this: Record<string, unknown>, key: string, v: unknown) {
      const raw = this[key];
      if (raw instanceof Uint8Array) return hex(raw);
      if (typeof raw === 'bigint') return raw.toString();
      return v;
    },
    2,
  );
}
