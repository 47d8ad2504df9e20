import { cosemClassName, resultName } from '../../protocol/gbcs/dlms/index.js';
import type { CosemDateTime } from '../../protocol/gbcs/dlms/index.js';

/** Upper-case hex of bytes, no separators. */
export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex').toUpperCase();
}

export function hexNumber(n: number | bigint, bytes: number): string {
  return n
    .toString(16)
    .toUpperCase()
    .padStart(bytes * 2, '0');
}

/** `2015-01-01 00:00:00.00`, wildcards as `*`, then the deviation and clock status. */
export function describeDateTime(dt: CosemDateTime): string {
  const part = (n: number, width: number, wildcard: number) =>
    n === wildcard ? '*'.repeat(width) : String(n).padStart(width, '0');
  const date = `${part(dt.year, 4, 0xffff)}-${part(dt.month, 2, 0xff)}-${part(dt.dayOfMonth, 2, 0xff)}`;
  const time = `${part(dt.hour, 2, 0xff)}:${part(dt.minute, 2, 0xff)}:${part(dt.second, 2, 0xff)}.${part(dt.hundredths, 2, 0xff)}`;
  const deviation = dt.deviation === -0x8000 ? 'deviation unspecified' : `deviation ${dt.deviation} min`;
  return `${date} ${time}, ${deviation}, clock status ${hexNumber(dt.clockStatus, 1)}`;
}

function describeBytes(bytes: Uint8Array): string {
  return `${bytes.length === 0 ? '(empty)' : hex(bytes)} (${bytes.length} byte${bytes.length === 1 ? '' : 's'})`;
}

function isDateTime(value: object): value is CosemDateTime {
  return 'year' in value && 'dayOfMonth' in value && 'clockStatus' in value;
}

/** A line per field of any decoded payload value: field names as the codec names them, values as hex and meaning. */
export function renderValue(name: string, value: unknown, indent: string, out: string[], context: object = {}): void {
  if (value instanceof Uint8Array) {
    out.push(`${indent}${name}: ${describeBytes(value)}`);
  } else if (typeof value === 'bigint') {
    out.push(`${indent}${name}: ${hexNumber(value, 8)} (${value})`);
  } else if (typeof value === 'number') {
    out.push(`${indent}${name}: ${describeNumber(name, value, context)}`);
  } else if (typeof value === 'string' || typeof value === 'boolean') {
    out.push(`${indent}${name}: ${String(value)}`);
  } else if (value === null || value === undefined) {
    out.push(`${indent}${name}: (none)`);
  } else if (Array.isArray(value)) {
    out.push(`${indent}${name}: ${value.length} item${value.length === 1 ? '' : 's'}`);
    value.forEach((item, i) => renderValue(`[${i}]`, item, `${indent}  `, out));
  } else if (typeof value === 'object') {
    renderObject(name, value, indent, out);
  }
}

function renderObject(name: string, value: object, indent: string, out: string[]): void {
  if (isDateTime(value)) {
    out.push(`${indent}${name}: ${describeDateTime(value)}`);
    return;
  }
  const entries: [string, unknown][] = Object.entries(value);
  const type = 'type' in value && typeof value.type === 'string' ? value.type : undefined;
  const rest = entries.filter(([key]) => key !== 'type');
  // A DLMS Data value {type, value} reads best on one line: `double-long-unsigned 0000000A (10)`.
  const only = rest.length === 1 ? rest[0] : undefined;
  const v = only?.[0] === 'value' ? only[1] : undefined;
  if (type && (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' || typeof v === 'bigint')) {
    const width = WIDTH[type];
    const shown =
      typeof v === 'number' && width ? `${hexNumber(v < 0 ? v + 2 ** (width * 8) : v, width)} (${v})` : String(v);
    out.push(`${indent}${name}: ${type} ${shown}`);
    return;
  }
  // A DLMS structure or array {type, items}, a DER SEQUENCE {type, children}: the items straight under it.
  if (
    type &&
    rest.length === 1 &&
    (rest[0]![0] === 'items' || rest[0]![0] === 'children') &&
    Array.isArray(rest[0]![1])
  ) {
    const items: unknown[] = rest[0]![1];
    out.push(`${indent}${name}: ${type} (${items.length} item${items.length === 1 ? '' : 's'})`);
    items.forEach((item, i) => renderValue(`[${i}]`, item, `${indent}  `, out));
    return;
  }
  if (type && rest.length === 1 && rest[0]![1] instanceof Uint8Array) {
    out.push(`${indent}${name}: ${type} ${describeBytes(rest[0]![1])}`);
    return;
  }
  out.push(`${indent}${name}:${type ? ` ${type}` : ''}`);
  for (const [key, child] of rest) renderValue(key, child, `${indent}  `, out, value);
}

const WIDTH: Readonly<Record<string, number>> = {
  integer: 1,
  unsigned: 1,
  enum: 1,
  long: 2,
  'long-unsigned': 2,
  'double-long': 4,
  'double-long-unsigned': 4,
};

function describeNumber(name: string, n: number, context: object): string {
  const base = Number.isInteger(n) && n >= 0 ? `${hexNumber(n, n > 0xffff ? 4 : n > 0xff ? 2 : 1)} (${n})` : String(n);
  if (name === 'classId') {
    const cls = cosemClassName(n);
    return cls ? `${base} ${cls}` : base;
  }
  if (name === 'result' && 'type' in context) {
    const kind = context.type;
    if (kind === 'get' || kind === 'set' || kind === 'action') {
      const meaning = resultName(kind, n);
      return meaning ? `${base} ${meaning}` : base;
    }
  }
  return base;
}
