import { GbcsError } from '../errors.js';
import type { ByteReader, ByteWriter } from '../byte-reader.js';
import { readZclValue, writeZclValue } from './data-types.js';
import type { CommandSchema, FieldSpec } from './cluster-commands.js';
import type { ZclField, ZclPayload } from './types.js';

type ClusterCommand = Extract<ZclPayload, { kind: 'clusterCommand' }>;

function readFields(r: ByteReader, specs: readonly FieldSpec[], field: string): ZclField[] {
  return specs.map(([name, type]) => ({ name, ...readZclValue(r, type, `${field}.${name}`) }));
}

/** Reads a cluster-specific payload by its schema; every byte must be accounted for. */
export function readClusterCommand(r: ByteReader, schema: CommandSchema, field: string): ClusterCommand {
  const f = `${field}(${schema.name})`;
  const fields = readFields(r, schema.fields, f);
  let records: ZclField[][] | undefined;
  if (schema.records) {
    const spec = schema.records;
    records = [];
    if (spec.count !== undefined) {
      const at = r.offset;
      const count = countOf(fields, spec.count);
      // Each record takes at least one byte: a count beyond the bytes left is refused before the loop.
      if (count > r.remaining)
        throw new GbcsError('BAD_LENGTH', `${spec.count} ${count} exceeds the ${r.remaining} bytes left`, at, f);
      for (let i = 0; i < count; i++) records.push(readFields(r, spec.fields, `${f}.record[${i}]`));
    } else {
      while (!r.done) records.push(readFields(r, spec.fields, `${f}.record[${records.length}]`));
    }
  }
  if (schema.optional && !r.done) fields.push(...readFields(r, schema.optional, f));
  let tail: Uint8Array | undefined;
  if (schema.tail !== undefined && r.remaining === schema.tail) tail = r.take(schema.tail, `${f}.tail`);
  r.end(f);
  return {
    kind: 'clusterCommand',
    name: schema.name,
    fields,
    ...(records ? { records } : {}),
    ...(tail ? { tail } : {}),
  };
}

function countOf(fields: readonly ZclField[], name: string): number {
  const found = fields.find((x) => x.name === name);
  if (!found || typeof found.value !== 'number') throw new RangeError(`schema count field ${name} is missing`);
  return found.value;
}

function sameShape(fields: readonly ZclField[], specs: readonly FieldSpec[]): boolean {
  return (
    fields.length === specs.length &&
    specs.every(([name, type], i) => fields[i]?.name === name && fields[i].type === type)
  );
}

/**
 * Writes a cluster-specific payload after checking it against the schema the decoder would use,
 * so that whatever encodes also decodes back to the same value.
 */
export function writeClusterCommand(w: ByteWriter, schema: CommandSchema, p: ClusterCommand): void {
  const fixed = schema.fields.length;
  const optional = schema.optional ?? [];
  const head = p.fields.slice(0, fixed);
  const extra = p.fields.slice(fixed);
  if (p.name !== schema.name || !sameShape(head, schema.fields))
    throw new RangeError(`${p.name}: fields do not match the ${schema.name} schema`);
  if (extra.length > 0 && !sameShape(extra, optional)) throw new RangeError(`${p.name}: unexpected extra fields`);
  if ((schema.records === undefined) !== (p.records === undefined))
    throw new RangeError(`${p.name}: records ${schema.records ? 'missing' : 'not allowed'}`);
  if (schema.records?.count !== undefined && countOf(head, schema.records.count) !== p.records?.length)
    throw new RangeError(`${p.name}: ${schema.records.count} does not match the number of records`);
  if (p.tail !== undefined && p.tail.length !== schema.tail) throw new RangeError(`${p.name}: tail not allowed`);
  // A record list that runs to the end must be last: optional fields or a tail would be read as a record.
  if (schema.records && schema.records.count === undefined && (extra.length > 0 || p.tail))
    throw new RangeError(`${p.name}: nothing may follow open-ended records`);
  for (const x of head) writeZclValue(w, x);
  for (const rec of p.records ?? []) {
    const spec = schema.records?.fields ?? [];
    if (!sameShape(rec, spec)) throw new RangeError(`${p.name}: a record does not match the schema`);
    for (const x of rec) writeZclValue(w, x);
  }
  for (const x of extra) writeZclValue(w, x);
  if (p.tail) w.bytes(p.tail);
}
