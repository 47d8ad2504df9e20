import type { DerNode } from '../protocol/gbcs/asn1/index.js';
import type { AccessRequestSpec, DlmsApdu, DlmsData, TypeDescription } from '../protocol/gbcs/dlms/index.js';
import type { GbcsPayload } from '../protocol/gbcs/payload.js';
import type { GbzComponent, GbzPayload, ZclPayload, ZclValue } from '../protocol/gbcs/zcl/index.js';

/**
 * The shape comparison of the device conformance run (issue 13 §4): does our response have the
 * RTDS response's shape? Same format and APDU, the same OBIS objects or ZCL attributes and
 * cluster commands, in the same order, with the same types. Values may differ where they come from
 * the device's state (a register, a timestamp), so values are never compared, and an array (a
 * profile, a log) may hold another number of entries, each shaped as the RTDS's first one. What
 * the answer says about success or failure is `outcomeOf`'s, not a shape. Pure: no I/O.
 */
export interface ShapeDifference {
  /** Where, e.g. `dlms.data[0].items[2]`, `gbz.components[1].payload.records[0]`. */
  readonly path: string;
  readonly expected: string;
  readonly actual: string;
}

export function compareShapes(expected: GbcsPayload, actual: GbcsPayload): ShapeDifference[] {
  const out: ShapeDifference[] = [];
  const diff = (path: string, e: unknown, a: unknown) => {
    if (e !== a) out.push({ path, expected: String(e), actual: String(a) });
    return e === a;
  };
  if (!diff('kind', expected.kind, actual.kind)) return out;
  if (expected.kind === 'dlms' && actual.kind === 'dlms') compareDlms(expected.apdu, actual.apdu, diff);
  else if (expected.kind === 'gbz' && actual.kind === 'gbz') compareGbz(expected.gbz, actual.gbz, diff);
  else if (expected.kind === 'der' && actual.kind === 'der') {
    diff('der.shape', expected.der.shape?.kind, actual.der.shape?.kind);
    compareDer('der.root', expected.der.root, actual.der.root, diff);
  } else if (expected.kind === 'raw' && actual.kind === 'raw') diff('raw.format', expected.format, actual.format);
  return out;
}

/** What an answer says happened: the DLMS results, the ZCL statuses, the DER response code (GBCS-FACTS §8.3, §9, §10). */
export type PayloadOutcome =
  | { readonly kind: 'success' }
  | { readonly kind: 'error'; readonly code: string }
  /** A payload that carries no outcome (a command, an alert, bytes no codec reads). */
  | { readonly kind: 'none' };

export function outcomeOf(payload: GbcsPayload): PayloadOutcome {
  const error = (code: string): PayloadOutcome => ({ kind: 'error', code });
  switch (payload.kind) {
    case 'dlms': {
      const apdu = payload.apdu;
      if (apdu.type !== 'access-response') return { kind: 'none' };
      const failed = apdu.specs.find((s) => s.result !== 0);
      return failed ? error(`dlms ${failed.type} result ${failed.result}`) : { kind: 'success' };
    }
    case 'gbz': {
      if (payload.gbz.form !== 'frame') return { kind: 'none' };
      for (const component of payload.gbz.components) {
        const status = zclStatus(component.payload);
        if (status !== undefined && status !== 0) return error(`zcl status 0x${status.toString(16).padStart(2, '0')}`);
      }
      return { kind: 'success' };
    }
    case 'der': {
      const shape = payload.der.shape;
      if (shape?.kind === 'responseCode' && shape.code !== 0n) return error(`der response code ${shape.code}`);
      return { kind: 'success' };
    }
    case 'raw':
      return { kind: 'none' };
  }
}

/** The first non-success ZCL status of a component's payload, 0 when all succeeded, undefined when it has none. */
function zclStatus(payload: ZclPayload): number | undefined {
  switch (payload.kind) {
    case 'defaultResponse':
      return payload.status;
    case 'readAttributesResponse':
    case 'writeAttributesResponse':
    case 'configureReportingResponse':
      return payload.records.find((r) => r.status !== 0)?.status ?? 0;
    default:
      return undefined;
  }
}

type Diff = (path: string, expected: unknown, actual: unknown) => boolean;

function compareDlms(e: DlmsApdu, a: DlmsApdu, diff: Diff): void {
  if (!diff('dlms.type', e.type, a.type)) return;
  diff('dlms.dateTime', e.dateTime === null ? 'none' : 'present', a.dateTime === null ? 'none' : 'present');
  if (e.type === 'data-notification' && a.type === 'data-notification') {
    compareData('dlms.body', e.body, a.body, diff);
    return;
  }
  if (e.type === 'access-request' && a.type === 'access-request') {
    compareList('dlms.specs', e.specs, a.specs, diff, (path, x, y) => diff(path, specName(x), specName(y)));
  }
  if (e.type === 'access-response' && a.type === 'access-response') {
    diff('dlms.requestSpecs', e.requestSpecs?.length ?? 'none', a.requestSpecs?.length ?? 'none');
    compareList('dlms.specs', e.specs, a.specs, diff, (path, x, y) => diff(`${path}.type`, x.type, y.type));
  }
  if (e.type !== 'data-notification' && a.type !== 'data-notification')
    compareList('dlms.data', e.data, a.data, diff, (path, x, y) => compareData(path, x, y, diff));
}

function specName(spec: AccessRequestSpec): string {
  const target =
    spec.type === 'action'
      ? `${spec.method.classId}/${spec.method.instance}/m${spec.method.methodId}`
      : `${spec.attribute.classId}/${spec.attribute.instance}/a${spec.attribute.attributeId}`;
  return 'selector' in spec ? `${spec.type} ${target} selector ${spec.selector}` : `${spec.type} ${target}`;
}

function compareData(path: string, e: DlmsData, a: DlmsData, diff: Diff): void {
  if (!diff(`${path}.type`, e.type, a.type)) return;
  if (e.type === 'structure' && a.type === 'structure')
    compareList(path, e.items, a.items, diff, (p, x, y) => compareData(p, x, y, diff));
  else if (e.type === 'array' && a.type === 'array') compareEntries(path, e.items, a.items, compareData, diff);
  else if (e.type === 'compact-array' && a.type === 'compact-array')
    diff(`${path}.description`, describe(e.description), describe(a.description));
}

function describe(d: TypeDescription): string {
  if (d.type === 'simple') return d.dataType;
  if (d.type === 'array') return `array[${d.count}] of ${describe(d.element)}`;
  return `{${d.members.map(describe).join(', ')}}`;
}

function compareGbz(e: GbzPayload, a: GbzPayload, diff: Diff): void {
  if (!diff('gbz.form', e.form, a.form)) return;
  if (e.form === 'alert' && a.form === 'alert') {
    diff('gbz.alertCode', hex4(e.alertCode), hex4(a.alertCode));
    diff('gbz.body', e.body.kind, a.body.kind);
    if (e.body.kind === 'component' && a.body.kind === 'component')
      compareComponent('gbz.body.component', e.body.component, a.body.component, diff);
    return;
  }
  if (e.form === 'frame' && a.form === 'frame')
    compareList('gbz.components', e.components, a.components, diff, (p, x, y) => compareComponent(p, x, y, diff));
}

function compareComponent(path: string, e: GbzComponent, a: GbzComponent, diff: Diff): void {
  diff(`${path}.clusterId`, hex4(e.clusterId), hex4(a.clusterId));
  diff(`${path}.encrypted`, e.encrypted, a.encrypted);
  diff(`${path}.fromDateTime`, fromDate(e), fromDate(a));
  diff(`${path}.frameType`, e.header.frameType, a.header.frameType);
  diff(`${path}.direction`, e.header.direction, a.header.direction);
  diff(`${path}.commandId`, hex2(e.header.commandId), hex2(a.header.commandId));
  compareZcl(`${path}.payload`, e.payload, a.payload, diff);
}

function fromDate(c: GbzComponent): string {
  return !c.encrypted && c.fromDateTime !== undefined ? 'present' : 'none';
}

function compareZcl(path: string, e: ZclPayload, a: ZclPayload, diff: Diff): void {
  if (!diff(`${path}.kind`, e.kind, a.kind)) return;
  const attr = (id: number | undefined) => (id === undefined ? 'none' : hex4(id));
  if (e.kind === 'readAttributes' && a.kind === 'readAttributes')
    diff(`${path}.attributeIds`, e.attributeIds.map(hex4).join(' '), a.attributeIds.map(hex4).join(' '));
  else if (e.kind === 'readAttributesResponse' && a.kind === 'readAttributesResponse')
    compareList(`${path}.records`, e.records, a.records, diff, (p, x, y) => {
      diff(`${p}.attributeId`, hex4(x.attributeId), hex4(y.attributeId));
      diff(`${p}.type`, 'value' in x ? x.value.type : 'none', 'value' in y ? y.value.type : 'none');
    });
  else if (
    (e.kind === 'writeAttributes' && a.kind === 'writeAttributes') ||
    (e.kind === 'reportAttributes' && a.kind === 'reportAttributes')
  )
    compareList(`${path}.records`, e.records, a.records, diff, (p, x, y) => {
      diff(`${p}.attributeId`, hex4(x.attributeId), hex4(y.attributeId));
      diff(`${p}.type`, x.value.type, y.value.type);
    });
  else if (
    (e.kind === 'writeAttributesResponse' && a.kind === 'writeAttributesResponse') ||
    (e.kind === 'configureReportingResponse' && a.kind === 'configureReportingResponse')
  )
    compareList(`${path}.records`, e.records, a.records, diff, (p, x, y) =>
      diff(`${p}.attributeId`, attr(x.attributeId), attr(y.attributeId)),
    );
  else if (e.kind === 'configureReporting' && a.kind === 'configureReporting')
    compareList(`${path}.records`, e.records, a.records, diff, (p, x, y) => {
      diff(`${p}.direction`, x.direction, y.direction);
      diff(`${p}.attributeId`, hex4(x.attributeId), hex4(y.attributeId));
    });
  else if (e.kind === 'defaultResponse' && a.kind === 'defaultResponse')
    diff(`${path}.commandId`, hex2(e.commandId), hex2(a.commandId));
  else if (e.kind === 'clusterCommand' && a.kind === 'clusterCommand') {
    if (!diff(`${path}.name`, e.name, a.name)) return;
    diff(`${path}.fields`, fieldsOf(e.fields), fieldsOf(a.fields));
    const records = (r: typeof e.records) => r ?? [];
    compareEntries(`${path}.records`, records(e.records), records(a.records), compareRecord, diff);
    diff(`${path}.tail`, e.tail ? 'present' : 'none', a.tail ? 'present' : 'none');
  }
}

function compareRecord(
  path: string,
  e: readonly ({ name: string } & ZclValue)[],
  a: readonly ({ name: string } & ZclValue)[],
  diff: Diff,
) {
  diff(path, fieldsOf(e), fieldsOf(a));
}

function fieldsOf(fields: readonly ({ readonly name: string } & ZclValue)[]): string {
  return fields.map((f) => `${f.name}:${f.type}`).join(', ');
}

function compareDer(path: string, e: DerNode, a: DerNode, diff: Diff): void {
  if (!diff(`${path}.type`, derTag(e), derTag(a))) return;
  const children = (n: DerNode) => ('children' in n ? n.children : undefined);
  const ec = children(e);
  const ac = children(a);
  if (ec && ac) compareList(path, ec, ac, diff, (p, x, y) => compareDer(p, x, y, diff));
}

function derTag(n: DerNode): string {
  return n.type === 'tagged' ? `[${n.tagClass} ${n.tagNumber}${n.constructed ? ' constructed' : ''}]` : n.type;
}

/** Two lists of fixed meaning (specs, structure members, components): the same length, item by item. */
function compareList<T>(
  path: string,
  e: readonly T[],
  a: readonly T[],
  diff: Diff,
  each: (path: string, e: T, a: T) => void,
): void {
  diff(`${path}.length`, e.length, a.length);
  for (let i = 0; i < Math.min(e.length, a.length); i++) each(`${path}[${i}]`, e[i]!, a[i]!);
}

/** Entries of a list whose length is the device's (array, repeated records): entry by entry, then as the first. */
function compareEntries<T>(
  path: string,
  e: readonly T[],
  a: readonly T[],
  each: (path: string, e: T, a: T, diff: Diff) => void,
  diff: Diff,
): void {
  // Beyond the RTDS's own entries, an entry is shaped as its first (real arrays are homogeneous).
  a.forEach((entry, i) => {
    const model = e[i] ?? e[0];
    if (model !== undefined) each(`${path}[${i}]`, model, entry, diff);
  });
}

const hex4 = (n: number) => `0x${n.toString(16).padStart(4, '0')}`;
const hex2 = (n: number) => `0x${n.toString(16).padStart(2, '0')}`;
