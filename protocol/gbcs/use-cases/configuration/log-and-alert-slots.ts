import type { PlainValue } from '../../../cbor.js';
import type { DlmsData } from '../../dlms/index.js';
import { UseCaseError } from '../use-case-codec.js';
import { dlmsTree, fromGbcsSeconds, toGbcsSeconds, zclRecords, type SlotCodec } from './slots.js';

const bad = (field: string, what: string): never => {
  throw new UseCaseError(`${field}: ${what}`, field);
};
const isMap = (v: PlainValue | undefined): v is { readonly [k: string]: PlainValue } =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);

/**
 * A member a row leaves out (a log row without an event code or data) is sent as the blank of its
 * type, 0 or empty, so that any event list has the use case's shape; the template's first row
 * gives the types.
 */
function withBlanks(rows: readonly (PlainValue | undefined)[][], template: PlainValue): PlainValue[] {
  const first = Array.isArray(template) ? (template[0] as readonly PlainValue[] | undefined) : undefined;
  return rows.map((row) => row.map((v, i) => (v !== undefined ? v : typeof first?.[i] === 'string' ? '' : 0)));
}

/**
 * The rows of a DLMS log (6.13's compact-array, GBCS-FACTS §8.6) as objects: `names` names the
 * members of a row in order; a member named `at` is the row's time (GBCS seconds, as ms since the
 * epoch). The other members convert as dlmsTree does.
 */
export function dlmsRows(names: readonly string[]): SlotCodec {
  return {
    read(node, template, field) {
      const rows = dlmsTree.read(node, template, field);
      if (!Array.isArray(rows)) return bad(field, 'must be a list');
      return (rows as readonly PlainValue[]).map((row) => {
        const members = row as readonly PlainValue[];
        if (members.length !== names.length) return bad(field, `rows must have ${names.length} members`);
        return Object.fromEntries(
          names.map((n, i) => [n, n === 'at' ? fromGbcsSeconds(members[i] as number) : members[i]!]),
        );
      });
    },
    write(value, template, field, now) {
      if (!Array.isArray(value)) return bad(field, 'must be a list of rows');
      const rows = (value as readonly PlainValue[]).map((row) => {
        if (!isMap(row)) return bad(field, 'rows must be objects');
        return names.map((n) => {
          const v = row[n];
          return n === 'at' ? toGbcsSeconds(typeof v === 'number' ? v : bad(field, 'at must be a time')) : v;
        });
      });
      return dlmsTree.write(withBlanks(rows, dlmsTree.read(template, template, field)), template, field, now);
    },
  };
}

/**
 * A ZCL value sent as an integer and a trailing-digit bitmap (ZCL Metering formatting: the high
 * nibble is the number of digits after the point), as in 6.6's Publish Conversion Factor and
 * Publish Calorific Value: the slot is the command's field list, its body value one number.
 * The digit count, the unit and the start time (0, "now") are the template's.
 */
export function scaledValue(valueIndex: number, digitsIndex: number): SlotCodec {
  type Field = { readonly name: string; readonly type: string; readonly value: unknown };
  const fieldsOf = (node: unknown, template: unknown, field: string): readonly Field[] => {
    const t = template as readonly Field[];
    if (!Array.isArray(node) || node.length !== t.length) return bad(field, `must have ${t.length} fields`);
    (node as readonly Field[]).forEach((f, i) => {
      if (typeof f !== 'object' || f === null || f.name !== t[i]!.name || f.type !== t[i]!.type) {
        bad(field, `field ${i} must be ${t[i]!.name}`);
      }
    });
    return node as readonly Field[];
  };
  return {
    read(node, template, field) {
      const fields = fieldsOf(node, template, field);
      const value = fields[valueIndex]!.value;
      const digits = fields[digitsIndex]!.value;
      if (typeof value !== 'number' || typeof digits !== 'number') return bad(field, 'must be numbers');
      return value / 10 ** (digits >> 4);
    },
    write(value, template, field, now) {
      const t = template as readonly Field[];
      const digits = (t[digitsIndex]!.value as number) >> 4;
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return bad(field, 'must be a number');
      const raw = Math.round(value * 10 ** digits);
      if (raw > 0xffffffff) return bad(field, 'is too large');
      return t.map((f, i) =>
        i === valueIndex
          ? { ...f, value: raw }
          : f.name === 'Issuer Event Id'
            ? { ...f, value: toGbcsSeconds(now) }
            : f,
      );
    },
  };
}

/**
 * The ESME alert filter of 6.22 ECS25a (0-30:97.98.11 attribute 2, a 512-bit bit-string): a set
 * bit lets its alert through. Emulator choice, since the facts here do not give the bit order:
 * bit i (first bit = MSB of the first byte) is alert code 0x8000 + i for i < 384 (0x8000-0x817F)
 * and 0x8F00 + (i - 384) above (0x8F00-0x8F7F), which covers every alert the devices raise. The
 * body is the handler's `{ disable, enable }`: a filter says the whole state, so a code the body
 * does not disable is sent enabled, and a decoded filter lists every code on either side.
 */
export const ALERT_FILTER_BITS = 512;
export function alertCodeOfBit(i: number): number {
  return i < 384 ? 0x8000 + i : 0x8f00 + (i - 384);
}
export function bitOfAlertCode(code: number): number | undefined {
  if (code >= 0x8000 && code < 0x8180) return code - 0x8000;
  if (code >= 0x8f00 && code < 0x8f80) return code - 0x8f00 + 384;
  return undefined;
}

export const alertFilter: SlotCodec = {
  read(node, template, field) {
    const n = node as DlmsData;
    const t = template as DlmsData;
    if (n.type !== 'bit-string' || t.type !== 'bit-string' || n.bitLength !== t.bitLength) {
      return bad(field, `must be a bit-string of ${ALERT_FILTER_BITS} bits`);
    }
    const enable: number[] = [];
    const disable: number[] = [];
    for (let i = 0; i < n.bitLength; i++) {
      const on = ((n.bytes[i >> 3] ?? 0) >> (7 - (i & 7))) & 1;
      (on ? enable : disable).push(alertCodeOfBit(i));
    }
    return { enable, disable };
  },
  write(value, template, field) {
    const t = template as DlmsData;
    if (t.type !== 'bit-string') return bad(field, 'template must be a bit-string');
    const bytes = new Uint8Array(t.bytes.length).fill(0xff);
    const list = isMap(value) ? value['disable'] : undefined;
    if (list !== undefined && !Array.isArray(list)) return bad('disable', 'must be a list of alert codes');
    for (const code of (list ?? []) as readonly PlainValue[]) {
      const bit = typeof code === 'number' ? bitOfAlertCode(code) : undefined;
      if (bit === undefined) return bad('disable', `has a code this filter does not carry: ${JSON.stringify(code)}`);
      bytes[bit >> 3] = bytes[bit >> 3]! & ~(0x80 >> (bit & 7));
    }
    return { type: 'bit-string', bitLength: t.bitLength, bytes };
  },
};

/** The records of a ZCL Publish Event Log (CS10a/b) as objects; a member named `at` is a UTCTime. */
export function zclRows(names: readonly string[]): SlotCodec {
  return {
    read(node, template, field) {
      const rows = zclRecords.read(node, template, field) as readonly (readonly PlainValue[])[];
      return rows.map((r) =>
        Object.fromEntries(names.map((n, i) => [n, n === 'at' ? fromGbcsSeconds(r[i] as number) : r[i]!])),
      );
    },
    write(value, template, field, now) {
      if (!Array.isArray(value)) return bad(field, 'must be a list of rows');
      const rows = (value as readonly PlainValue[]).map((row) => {
        if (!isMap(row)) return bad(field, 'rows must be objects');
        return names.map((n) => {
          const v = row[n];
          return n === 'at' ? toGbcsSeconds(typeof v === 'number' ? v : bad(field, 'at must be a time')) : v;
        });
      });
      return zclRecords.write(withBlanks(rows, zclRecords.read(template, template, field)), template, field, now);
    },
  };
}
