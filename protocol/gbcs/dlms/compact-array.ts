import type { ByteReader } from '../byte-reader.js';
import { ByteWriter } from '../byte-reader.js';
import { GbcsError } from '../errors.js';
import { DATA_TAG, FIXED_WIDTH, dataTypeOfTag, isSimpleDataType } from './data-tags.js';
import { readCount, readLength, writeLength } from './length.js';
import { readSimple, writeSimple } from './simple-value.js';
import type { DlmsData, TypeDescription } from './types.js';

/**
 * compact-array (tag 13, GBCS-FACTS §8.4): a type description, then an octet string (§2 length)
 * of elements packed without tags. A description is `01` + u16 count + element type (a fixed-length
 * array), `02` + count + member types (a structure), or a simple type's tag. RTDS uses it for
 * profile data (ECS20a/d, ECS21c, ECS22a/c, ECS23, ECS35a-g, ECS61c, DBCH02), e.g.
 * `13 02 02 06 06 82 01 88 …`: structure {double-long-unsigned, double-long-unsigned}, 392 bytes.
 *
 * An element type that can take zero bytes (null-data, an empty array or structure) is refused:
 * the element count would not follow from the content length, so [] and [null, null] would share
 * one encoding. A nested compact-array in a description is refused too (DLMS has no tag for it
 * inside a TypeDescription that this codec could give a shape to) [choice].
 */
export function readTypeDescription(r: ByteReader, field: string, depth: number, maxDepth: number): TypeDescription {
  if (depth > maxDepth) throw new GbcsError('TOO_DEEP', `${field}: nested deeper than ${maxDepth}`, r.offset, field);
  const offset = r.offset;
  const tag = r.u8(field);
  const type = dataTypeOfTag(tag);
  if (type === 'array') {
    const count = r.u16(`${field}.count`);
    return { type: 'array', count, element: readTypeDescription(r, `${field}.element`, depth + 1, maxDepth) };
  }
  if (type === 'structure') {
    const n = readCount(r, `${field}.count`);
    const members: TypeDescription[] = [];
    for (let i = 0; i < n; i++) members.push(readTypeDescription(r, `${field}.members[${i}]`, depth + 1, maxDepth));
    return { type: 'structure', members };
  }
  if (type === undefined || !isSimpleDataType(type))
    throw new GbcsError('BAD_TAG', `${field}: 0x${hex2(tag)} is not a type description`, offset, field);
  return { type: 'simple', dataType: type };
}

export function readCompactArray(r: ByteReader, field: string, depth: number, maxDepth: number): DlmsData {
  const descOffset = r.offset;
  const description = readTypeDescription(r, `${field}.description`, depth + 1, maxDepth);
  if (minWidth(description) === 0)
    throw new GbcsError('BAD_VALUE', `${field}: an element type of zero bytes`, descOffset, `${field}.description`);
  const contents = r.sub(readLength(r, `${field}.contents`), `${field}.contents`);
  const items: DlmsData[] = [];
  while (!contents.done) items.push(readPacked(contents, description, `${field}.items[${items.length}]`));
  return { type: 'compact-array', description, items };
}

function readPacked(r: ByteReader, d: TypeDescription, field: string): DlmsData {
  switch (d.type) {
    case 'simple':
      return readSimple(r, d.dataType, field);
    case 'array': {
      const items: DlmsData[] = [];
      for (let i = 0; i < d.count; i++) items.push(readPacked(r, d.element, `${field}[${i}]`));
      return { type: 'array', items };
    }
    case 'structure':
      return { type: 'structure', items: d.members.map((m, i) => readPacked(r, m, `${field}[${i}]`)) };
  }
}

export function writeTypeDescription(
  w: ByteWriter,
  d: TypeDescription,
  field: string,
  depth: number,
  maxDepth: number,
): void {
  if (depth > maxDepth)
    throw new GbcsError('TOO_DEEP', `${field}: nested deeper than ${maxDepth}`, w.byteLength, field);
  switch (d.type) {
    case 'simple':
      w.u8(DATA_TAG[d.dataType]);
      return;
    case 'array':
      if (!Number.isInteger(d.count) || d.count < 0 || d.count > 0xffff)
        throw new GbcsError('BAD_VALUE', `${field}: array count ${d.count} is not a u16`, w.byteLength, field);
      w.u8(DATA_TAG.array).u16(d.count);
      writeTypeDescription(w, d.element, `${field}.element`, depth + 1, maxDepth);
      return;
    case 'structure':
      w.u8(DATA_TAG.structure);
      writeLength(w, d.members.length, `${field}.count`);
      d.members.forEach((m, i) => writeTypeDescription(w, m, `${field}.members[${i}]`, depth + 1, maxDepth));
      return;
  }
}

export function writeCompactArray(
  w: ByteWriter,
  d: Extract<DlmsData, { type: 'compact-array' }>,
  field: string,
  depth: number,
  maxDepth: number,
): void {
  if (minWidth(d.description) === 0)
    throw new GbcsError('BAD_VALUE', `${field}: an element type of zero bytes`, w.byteLength, field);
  writeTypeDescription(w, d.description, `${field}.description`, depth + 1, maxDepth);
  const contents = new ByteWriter();
  d.items.forEach((item, i) => writePacked(contents, item, d.description, `${field}.items[${i}]`));
  writeLength(w, contents.byteLength, `${field}.contents`);
  w.bytes(contents.finish());
}

function writePacked(w: ByteWriter, v: DlmsData, d: TypeDescription, field: string): void {
  const mismatch = (): GbcsError =>
    new GbcsError('BAD_VALUE', `${field}: a ${v.type} does not match the type description`, w.byteLength, field);
  switch (d.type) {
    case 'simple':
      if (v.type !== d.dataType) throw mismatch();
      writeSimple(w, v, field);
      return;
    case 'array':
      if (v.type !== 'array' || v.items.length !== d.count) throw mismatch();
      v.items.forEach((item, i) => writePacked(w, item, d.element, `${field}[${i}]`));
      return;
    case 'structure':
      if (v.type !== 'structure' || v.items.length !== d.members.length) throw mismatch();
      v.items.forEach((item, i) => writePacked(w, item, d.members[i]!, `${field}[${i}]`));
      return;
  }
}

/** The fewest bytes one packed element of this type takes. */
export function minWidth(d: TypeDescription): number {
  switch (d.type) {
    case 'simple':
      return FIXED_WIDTH[d.dataType] ?? 1; // strings and bit-strings: at least their length byte
    case 'array':
      return d.count === 0 ? 0 : d.count * minWidth(d.element);
    case 'structure':
      return d.members.reduce((sum, m) => sum + minWidth(m), 0);
  }
}

function hex2(n: number): string {
  return n.toString(16).padStart(2, '0').toUpperCase();
}
