import type { PlainValue } from '../../../cbor.js';
import {
  COSEM_DATE_TIME_LENGTH,
  cosemDateTimeFromDate,
  cosemDateTimeToDate,
  decodeCosemDateTime,
  encodeCosemDateTime,
} from '../../dlms/index.js';
import type { DlmsData } from '../../dlms/index.js';
import { UseCaseError } from '../use-case-codec.js';

/**
 * One value of a use case's payload that a service request's body carries (a "slot"): where it
 * sits in the RTDS template, the body field it is, and how the two convert. `read` checks the node
 * has the template's type (GBCS-FACTS §8.4, §9.2, §10) and gives the body value, or throws
 * UseCaseError naming the field; `write` builds the node from a body value in the template's type.
 */
export interface SlotCodec {
  read(node: unknown, template: unknown, field: string): PlainValue;
  write(value: PlainValue | undefined, template: unknown, field: string, now: number): unknown;
}

export type Path = readonly (string | number)[];

export interface Slot {
  readonly at: Path;
  readonly field: string;
  readonly codec: SlotCodec;
}

const bad = (field: string, what: string): never => {
  throw new UseCaseError(`${field}: ${what}`, field);
};

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;
const typeOf = (x: unknown): unknown => (isRecord(x) ? x['type'] : undefined);

export const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex').toUpperCase();
export function fromHex(text: string, field: string): Uint8Array {
  if (!/^([0-9a-fA-F]{2})*$/.test(text)) bad(field, 'must be hex, two digits a byte');
  return Uint8Array.from(Buffer.from(text, 'hex'));
}

/** Seconds since 2000-01-01T00:00Z, the GBCS epoch of UTC times (GBCS-FACTS §14.4). */
export const GBCS_EPOCH_MS = Date.UTC(2000, 0, 1);
export const toGbcsSeconds = (ms: number): number => Math.max(0, Math.floor((ms - GBCS_EPOCH_MS) / 1000));
export const fromGbcsSeconds = (s: number): number => GBCS_EPOCH_MS + s * 1000;

/** Integer ranges of the DLMS A-XDR integer types (§8.4). */
const DLMS_INT: Readonly<Record<string, readonly [number, number]>> = {
  integer: [-128, 127],
  long: [-32768, 32767],
  unsigned: [0, 255],
  'long-unsigned': [0, 65535],
  'double-long': [-2147483648, 2147483647],
  'double-long-unsigned': [0, 4294967295],
  enum: [0, 255],
};

function intIn(value: PlainValue | undefined, range: readonly [number, number], field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < range[0] || value > range[1]) {
    return bad(field, `must be an integer from ${range[0]} to ${range[1]}`);
  }
  return value;
}

function sameType(node: unknown, template: unknown, field: string): Record<string, unknown> {
  if (!isRecord(node) || typeOf(node) !== typeOf(template)) bad(field, `must be ${String(typeOf(template))}`);
  return node as Record<string, unknown>;
}

/** A DLMS integer of the template's type (or a ZCL integer: `zclInt`). */
export const dlmsInt: SlotCodec = {
  read: (node, template, field) => sameType(node, template, field)['value'] as number,
  write: (value, template, field) => {
    const type = String(typeOf(template));
    return { type, value: intIn(value, DLMS_INT[type] ?? [0, 0], field) };
  },
};

/** A DLMS octet-string as upper-case hex. */
export const dlmsHex: SlotCodec = {
  read: (node, template, field) => toHex(sameType(node, template, field)['bytes'] as Uint8Array),
  write: (value, _t, field) =>
    typeof value === 'string' ? { type: 'octet-string', bytes: fromHex(value, field) } : bad(field, 'must be hex'),
};

/** A DLMS octet-string holding ASCII text (MPAN digits, identifiers). */
export const dlmsText: SlotCodec = {
  read: (node, template, field) =>
    Buffer.from(sameType(node, template, field)['bytes'] as Uint8Array).toString('latin1'),
  // An unset value (an MPAN not yet written) is the empty string, as a device answers it.
  write: (value, _t, field) =>
    value === null
      ? { type: 'octet-string', bytes: new Uint8Array(0) }
      : typeof value === 'string' && /^[\x20-\x7e]*$/.test(value) && value.length <= 255
        ? { type: 'octet-string', bytes: Uint8Array.from(Buffer.from(value, 'latin1')) }
        : bad(field, 'must be printable text'),
};

export const dlmsBool: SlotCodec = {
  read: (node, template, field) => sameType(node, template, field)['value'] as boolean,
  write: (value, _t, field) =>
    typeof value === 'boolean' ? { type: 'boolean', value } : bad(field, 'must be true or false'),
};

/** A DLMS double-long-unsigned counting GBCS seconds (§14.4), as ms since the epoch. */
export const dlmsSeconds: SlotCodec = {
  read: (node, template, field) => fromGbcsSeconds(sameType(node, template, field)['value'] as number),
  write: (value, _t, field) => ({
    type: 'double-long-unsigned',
    value: toGbcsSeconds(intIn(value, [GBCS_EPOCH_MS, fromGbcsSeconds(0xffffffff)], field)),
  }),
};

/**
 * Any DLMS value as a plain tree shaped like the template: a structure or array as a list, an
 * integer as a number, an octet- or bit-string as hex, a boolean as itself. Arrays may have any
 * length; their elements take the template's first element's shape (an empty template array takes
 * only empty arrays). Reading refuses anything whose types differ from the template.
 */
export const dlmsTree: SlotCodec = {
  read: (node, template, field) => readTree(node as DlmsData, template as DlmsData, field),
  write: (value, template, field) => writeTree(value, template as DlmsData, field),
};

function readTree(node: DlmsData, t: DlmsData, field: string): PlainValue {
  if (!isRecord(node) || node.type !== t.type) return bad(field, `must be ${t.type}`);
  switch (t.type) {
    case 'structure': {
      const items = (node as typeof t).items;
      if (items.length !== t.items.length) return bad(field, `must have ${t.items.length} members`);
      return items.map((x, i) => readTree(x, t.items[i]!, field));
    }
    case 'array':
      return (node as typeof t).items.map((x) => readTree(x, elementOf(t.items, field), field));
    case 'compact-array':
      return (node as typeof t).items.map((x) => readTree(x, elementOf(t.items, field), field));
    case 'octet-string':
      return toHex((node as typeof t).bytes);
    case 'bit-string':
      return toHex((node as typeof t).bytes);
    case 'null-data':
      return null;
    case 'boolean':
    case 'visible-string':
    case 'utf8-string':
      return (node as typeof t).value;
    default:
      if (t.type in DLMS_INT) return (node as { value: number }).value;
      return bad(field, `type ${t.type} is not carried`);
  }
}

function elementOf(items: readonly DlmsData[], field: string): DlmsData {
  return items[0] ?? bad(field, 'must be empty');
}

function writeTree(value: PlainValue | undefined, t: DlmsData, field: string): DlmsData {
  switch (t.type) {
    case 'structure':
      if (!Array.isArray(value) || value.length !== t.items.length)
        return bad(field, `must be a list of ${t.items.length}`);
      return { type: 'structure', items: t.items.map((m, i) => writeTree((value as PlainValue[])[i], m, field)) };
    case 'array':
    case 'compact-array': {
      if (!Array.isArray(value)) return bad(field, 'must be a list');
      const list = value as readonly PlainValue[];
      if (list.length > 0xffff) return bad(field, 'is too long');
      const items = list.map((x) => writeTree(x, elementOf(t.items, field), field));
      return t.type === 'array'
        ? { type: 'array', items }
        : { type: 'compact-array', description: t.description, items };
    }
    case 'octet-string':
      return typeof value === 'string'
        ? { type: 'octet-string', bytes: fromHex(value, field) }
        : bad(field, 'must be hex');
    case 'bit-string': {
      if (typeof value !== 'string') return bad(field, 'must be hex');
      const bytes = fromHex(value, field);
      if (bytes.length !== t.bytes.length) return bad(field, `must be ${t.bytes.length} bytes`);
      return { type: 'bit-string', bitLength: t.bitLength, bytes };
    }
    case 'null-data':
      return value === null || value === undefined ? { type: 'null-data' } : bad(field, 'must be null');
    case 'boolean':
      return typeof value === 'boolean' ? { type: 'boolean', value } : bad(field, 'must be true or false');
    default: {
      const range = DLMS_INT[t.type];
      if (!range) return bad(field, `type ${t.type} is not carried`);
      return { type: t.type, value: intIn(value, range, field) } as DlmsData;
    }
  }
}

/** Integer ranges of ZCL unsigned/integer types by byte size (§9.2). */
function zclRange(template: unknown): readonly [number, number] {
  const type = String(typeOf(template));
  const m = /^(u?int|bitmap|enum|data)(\d+)$/.exec(type);
  if (type === 'utcTime') return [0, 0xffffffff];
  if (type === 'boolean') return [0, 1];
  if (!m) return [0, 0];
  const bits = Number(m[2]);
  return m[1] === 'int' ? [-(2 ** (bits - 1)), 2 ** (bits - 1) - 1] : [0, 2 ** bits - 1];
}

/** A ZCL integer (uint, int, enum, bitmap, utcTime) of the template's type; a field keeps its name. */
export const zclInt: SlotCodec = {
  read: (node, template, field) => {
    const n = sameType(node, template, field);
    return typeof n['value'] === 'number' ? n['value'] : bad(field, 'must be a number');
  },
  write: (value, template, field) => ({ ...(template as object), value: intIn(value, zclRange(template), field) }),
};

/** A ZCL octet or character string as text (Site Id, model identifier). */
export const zclText: SlotCodec = {
  read: (node, template, field) => {
    const v = sameType(node, template, field)['value'];
    return v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : bad(field, 'must be a string');
  },
  write: (value, template, field) =>
    value === null
      ? { ...(template as object), value: new Uint8Array(0) }
      : typeof value === 'string' && /^[\x20-\x7e]*$/.test(value) && value.length <= 254
        ? { ...(template as object), value: Uint8Array.from(Buffer.from(value, 'latin1')) }
        : bad(field, 'must be printable text'),
};

/** A ZCL octet string as hex. */
export const zclHex: SlotCodec = {
  read: (node, template, field) => {
    const v = sameType(node, template, field)['value'];
    return v instanceof Uint8Array ? toHex(v) : bad(field, 'must be a string');
  },
  write: (value, template, field) => {
    if (typeof value !== 'string') return bad(field, 'must be hex');
    const bytes = fromHex(value, field);
    return bytes.length <= 254 ? { ...(template as object), value: bytes } : bad(field, 'is too long');
  },
};

/** A ZCL UTCTime (GBCS seconds) as ms since the epoch; 0 ("now", §9.1) reads as null. */
export const zclTime: SlotCodec = {
  read: (node, template, field) => {
    const v = sameType(node, template, field)['value'];
    if (typeof v !== 'number') return bad(field, 'must be a number');
    return v === 0 ? null : fromGbcsSeconds(v);
  },
  write: (value, template, field) => ({
    ...(template as object),
    value: value === null || value === undefined ? 0 : toGbcsSeconds(intIn(value, [GBCS_EPOCH_MS, 8.64e15], field)),
  }),
};

/**
 * A value the sender fills from its own clock and the receiver does not hand on: ZCL Issuer Event
 * Ids (GBCS seconds of the command's creation, as RTDS uses them). Its field is never in a body.
 */
export const issuerEventId: SlotCodec = {
  read: (node, template, field) => {
    sameType(node, template, field);
    return null;
  },
  write: (_v, template, _f, now) => ({ ...(template as object), value: toGbcsSeconds(now) }),
};

/** The DER GeneralizedTime `YYYYMMDDHHMMSSZ` (§10) as ms since the epoch. */
export const derTime: SlotCodec = {
  read: (node, template, field) => {
    const v = sameType(node, template, field)['value'];
    const m = typeof v === 'string' ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(v) : null;
    if (!m) return bad(field, 'must be a GeneralizedTime YYYYMMDDHHMMSSZ');
    const ms = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
    return Number.isNaN(ms) ? bad(field, 'is not a date') : ms;
  },
  write: (value, _t, field) => {
    const ms = intIn(value, [Date.UTC(1950, 0, 1), Date.UTC(9999, 11, 31)], field);
    const iso = new Date(ms).toISOString();
    return { type: 'generalizedTime', value: iso.slice(0, 19).replace(/[-:T]/g, '') + 'Z' };
  },
};

/** A DER INTEGER small enough for a number. */
export const derInt: SlotCodec = {
  read: (node, template, field) => {
    const v = sameType(node, template, field)['value'];
    return typeof v === 'bigint' && v >= -(2n ** 31n) && v < 2n ** 31n ? Number(v) : bad(field, 'is out of range');
  },
  write: (value, _t, field) => ({ type: 'integer', value: BigInt(intIn(value, [-(2 ** 31), 2 ** 31 - 1], field)) }),
};

/** The repeated records of a ZCL cluster command (event logs, event configurations) as lists of values shaped like the template's first record. */
export const zclRecords: SlotCodec = {
  read: (node, template, field) => {
    if (!Array.isArray(node)) return bad(field, 'must be a list of records');
    const first = (template as readonly (readonly unknown[])[])[0] ?? bad(field, 'must be empty');
    return node.map((rec: unknown) => {
      if (!Array.isArray(rec) || rec.length !== first.length)
        return bad(field, `records must have ${first.length} fields`);
      return rec.map((f: unknown, i) => {
        const t = first[i];
        const n = sameType(f, t, field);
        if (isRecord(t) && n['name'] !== t['name']) bad(field, `field ${i} must be ${String(t['name'])}`);
        const v = n['value'];
        return v instanceof Uint8Array
          ? toHex(v)
          : typeof v === 'number'
            ? v
            : bad(field, 'has a value it cannot carry');
      });
    });
  },
  write: (value, template, field) => {
    if (!Array.isArray(value)) return bad(field, 'must be a list of records');
    const first = (template as readonly (readonly Record<string, unknown>[])[])[0] ?? bad(field, 'must be empty');
    if (value.length > 255) return bad(field, 'has too many records');
    return (value as readonly PlainValue[]).map((rec) => {
      if (!Array.isArray(rec) || rec.length !== first.length)
        return bad(field, `records must have ${first.length} fields`);
      return first.map((t, i) => {
        const v = (rec as readonly PlainValue[])[i];
        return t['value'] instanceof Uint8Array ? zclHex.write(v, t, field, 0) : zclInt.write(v, t, field, 0);
      });
    });
  },
};

/** Where slots sit: a DLMS item's data, a selective-access parameter, a ZCL field, attribute record or records. */
export const data = (i: number, field: string, codec: SlotCodec): Slot => ({ at: ['apdu', 'data', i], field, codec });
export const param = (i: number, field: string, codec: SlotCodec, ...sub: (string | number)[]): Slot => ({
  at: ['apdu', 'specs', i, 'parameters', ...sub],
  field,
  codec,
});
const component = (c: number) => ['gbz', 'components', c, 'payload'] as const;
export const field = (c: number, f: number, name: string, codec: SlotCodec): Slot => ({
  at: [...component(c), 'fields', f],
  field: name,
  codec,
});
export const attr = (c: number, r: number, name: string, codec: SlotCodec): Slot => ({
  at: [...component(c), 'records', r, 'value'],
  field: name,
  codec,
});
export const records = (c: number, name: string, codec: SlotCodec): Slot => ({
  at: [...component(c), 'records'],
  field: name,
  codec,
});
export const der = (name: string, codec: SlotCodec, ...at: (string | number)[]): Slot => ({
  at: ['der', 'root', ...at],
  field: name,
  codec,
});

/** An EUI-64 in an 8-byte octet-string (96.1.1, GBCS-FACTS §14.3) as `00-DB-12-…`. */
export const euiHex: SlotCodec = {
  read: (node, template, field) => {
    const b = sameType(node, template, field)['bytes'];
    if (!(b instanceof Uint8Array) || b.length !== 8) return bad(field, 'must be 8 bytes');
    return toHex(b).replace(/(..)(?!$)/g, '$1-');
  },
  write: (value, _t, field) =>
    typeof value === 'string' && /^([0-9A-Fa-f]{2}-){7}[0-9A-Fa-f]{2}$/.test(value)
      ? { type: 'octet-string', bytes: fromHex(value.replace(/-/g, ''), field) }
      : bad(field, 'must be an EUI-64'),
};

/** A COSEM date-time in a 12-byte octet-string (GBCS-FACTS §8.5) as ms since the epoch; "not specified" as null. */
export const cosemTime: SlotCodec = {
  read: (node, template, field) => {
    const b = sameType(node, template, field)['bytes'];
    if (!(b instanceof Uint8Array) || b.length !== COSEM_DATE_TIME_LENGTH)
      return bad(field, 'must be a 12-byte date-time');
    let dt;
    try {
      dt = decodeCosemDateTime(b, 0, field);
    } catch {
      return bad(field, 'is not a COSEM date-time');
    }
    const date = cosemDateTimeToDate(dt);
    return date === undefined ? null : date.getTime();
  },
  write: (value, template, field) => {
    if (value === null) return { type: 'octet-string', bytes: fromHex(NOT_SPECIFIED, field) };
    const ms = intIn(value, [GBCS_EPOCH_MS, Date.UTC(2099, 11, 31)], field);
    const bytes = encodeCosemDateTime(cosemDateTimeFromDate(new Date(ms)));
    // Day of week, deviation and clock status as the template writes them: RTDS sends FF, 8000, FF.
    const t = isRecord(template) ? template['bytes'] : undefined;
    if (t instanceof Uint8Array && t.length === COSEM_DATE_TIME_LENGTH) {
      if (t[4] === 0xff) bytes[4] = 0xff;
      bytes.set(t.subarray(9, 12), 9);
    }
    return { type: 'octet-string', bytes };
  },
};
/** The wildcard date-time RTDS sends for "not specified" (ECS70's preset time). */
const NOT_SPECIFIED = 'FFFFFFFFFFFFFFFFFF8000FF';

/** A member of a DLMS structure in a data item (ECS70's preset-adjusting-time times). */
export const item = (i: number, m: number, field: string, codec: SlotCodec): Slot => ({
  at: ['apdu', 'data', i, 'items', m],
  field,
  codec,
});
/** A ZCL cluster command's whole field list, for a codec that reads several fields as one value. */
export const fields = (c: number, name: string, codec: SlotCodec): Slot => ({
  at: ['gbz', 'components', c, 'payload', 'fields'],
  field: name,
  codec,
});
