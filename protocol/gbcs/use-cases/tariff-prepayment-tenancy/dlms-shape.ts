import type { PlainValue } from '../../../cbor.js';
import type { DeviceStatus } from '../../../device-status.js';
import type { AccessRequest, AccessRequestSpec, DlmsData } from '../../dlms/index.js';
import {
  COSEM_DATE_TIME_LENGTH,
  cosemDateTimeFromDate,
  cosemDateTimeToDate,
  decodeCosemDateTime,
  encodeCosemDateTime,
  isCosemNow,
  isObisCode,
  type ObisCode,
} from '../../dlms/index.js';
import type { GbcsPayload } from '../../payload.js';
import { UseCaseError, type Outcome, type ResponseContext } from '../use-case-codec.js';

/**
 * The DLMS side of the 1.x/2.x/3.x use cases (GBCS-FACTS §8): one access-request whose item list
 * is fixed per use case (class, OBIS, attribute or method), and an access-response of one
 * null-data and one result per item (every ECS response of this family in RTDS 4.5.0 has that
 * shape). A codec names its items once; these helpers check and build them.
 */
export interface ItemShape {
  readonly kind: 'set' | 'action' | 'get';
  readonly classId: number;
  readonly obis: ObisCode;
  /** The attribute id of a get/set, the method id of an action. */
  readonly id: number;
}

export function item(kind: ItemShape['kind'], classId: number, obis: string, id: number): ItemShape {
  if (!isObisCode(obis)) throw new RangeError(`${obis} is not an OBIS code`);
  return { kind, classId, obis, id };
}

function toSpec(shape: ItemShape): AccessRequestSpec {
  return shape.kind === 'action'
    ? { type: 'action', method: { classId: shape.classId, instance: shape.obis, methodId: shape.id } }
    : { type: shape.kind, attribute: { classId: shape.classId, instance: shape.obis, attributeId: shape.id } };
}

function sameSpec(spec: AccessRequestSpec, shape: ItemShape): boolean {
  if (spec.type !== shape.kind) return false;
  const d = spec.type === 'action' ? spec.method : spec.attribute;
  const id = 'methodId' in d ? d.methodId : d.attributeId;
  return d.classId === shape.classId && d.instance === shape.obis && id === shape.id;
}

/** The invoke-id the wire layer replaces with 0x20 ‖ the counter's low 24 bits (§14.9). */
const PLACEHOLDER_INVOKE_ID = 0x2000_0000;

export function dlmsRequest(items: readonly ItemShape[], data: readonly DlmsData[]): GbcsPayload {
  return {
    kind: 'dlms',
    apdu: { type: 'access-request', invokeId: PLACEHOLDER_INVOKE_ID, dateTime: null, specs: items.map(toSpec), data },
  };
}

/** The access-request of a use case, checked item by item; its data, one per item. */
export function readRequest(payload: GbcsPayload, items: readonly ItemShape[], useCase: string): readonly DlmsData[] {
  if (payload.kind !== 'dlms' || payload.apdu.type !== 'access-request')
    throw new UseCaseError(`${useCase}: the command must be a DLMS access-request`, 'apdu');
  const req: AccessRequest = payload.apdu;
  if (req.specs.length !== items.length || req.data.length !== items.length)
    throw new UseCaseError(`${useCase}: the command must have ${items.length} item(s)`, 'apdu.specs');
  req.specs.forEach((spec, i) => {
    const shape = items[i];
    if (!shape || !sameSpec(spec, shape))
      throw new UseCaseError(
        `${useCase}: item ${i} must be ${shape?.kind} ${shape?.classId}/${shape?.obis}/${shape?.id}`,
        `apdu.specs[${i}]`,
      );
  });
  return req.data;
}

/**
 * Device statuses as DLMS results (§8.3). The RTDS ERROR variants of this family all answer
 * hardware-fault (1), so a use case's own refusal (`refusal`: UTRN_REJECTED for 2.2, INVALID_STATE
 * elsewhere) is 1. A bad body is type-unmatched (12), another state refusal temporary-failure (2),
 * an unsupported one object-undefined (4), anything else other-reason (250). Emulator choice: the
 * facts do not pair DLMS results with causes.
 */
export function dlmsResult(status: DeviceStatus, refusal: DeviceStatus): number {
  if (status === 'OK') return 0;
  if (status === refusal) return 1;
  if (status === 'BAD_PAYLOAD') return 12;
  if (status === 'INVALID_STATE') return 2;
  if (status === 'NOT_SUPPORTED') return 4;
  return 250;
}

/** The inverse of `dlmsResult`; other-reason and unknown codes read as BAD_PAYLOAD. */
export function statusOfDlmsResult(result: number, refusal: DeviceStatus): DeviceStatus {
  switch (result) {
    case 0:
      return 'OK';
    case 1:
      return refusal;
    case 2:
      return 'INVALID_STATE';
    case 4:
      return 'NOT_SUPPORTED';
    default:
      return 'BAD_PAYLOAD';
  }
}

function commandInvokeId(ctx: ResponseContext): number {
  return ctx.command.kind === 'dlms' ? ctx.command.apdu.invokeId : PLACEHOLDER_INVOKE_ID;
}

/** One null-data and one result per item; on a refusal every item carries the refusal's code. */
export function dlmsResponse(
  items: readonly ItemShape[],
  outcome: Outcome,
  ctx: ResponseContext,
  refusal: DeviceStatus,
): GbcsPayload {
  const result = dlmsResult(outcome.status, refusal);
  return {
    kind: 'dlms',
    apdu: {
      type: 'access-response',
      invokeId: commandInvokeId(ctx),
      dateTime: null,
      requestSpecs: null,
      data: items.map(() => ({ type: 'null-data' })),
      specs: items.map((shape) => ({ type: shape.kind, result })),
    },
  };
}

/** The outcome an access-response tells: OK when every item succeeded, else the first failure. */
export function readResponse(
  payload: GbcsPayload,
  items: readonly ItemShape[],
  useCase: string,
  refusal: DeviceStatus,
): Outcome {
  if (payload.kind !== 'dlms' || payload.apdu.type !== 'access-response')
    throw new UseCaseError(`${useCase}: the response must be a DLMS access-response`, 'apdu');
  const { specs } = payload.apdu;
  if (specs.length !== items.length)
    throw new UseCaseError(`${useCase}: the response must have ${items.length} result(s)`, 'apdu.specs');
  specs.forEach((spec, i) => {
    if (spec.type !== items[i]?.kind)
      throw new UseCaseError(`${useCase}: result ${i} must answer a ${items[i]?.kind}`, `apdu.specs[${i}]`);
  });
  const failed = specs.find((s) => s.result !== 0);
  const results: PlainValue = specs.map((s) => s.result);
  return failed
    ? { status: statusOfDlmsResult(failed.result, refusal), payload: { results } }
    : { status: 'OK', payload: {} };
}

// --- A-XDR values, read strictly ----------------------------------------------------------------

type NumericType = 'integer' | 'long' | 'unsigned' | 'long-unsigned' | 'double-long' | 'double-long-unsigned' | 'enum';

export function numberOf(d: DlmsData | undefined, type: NumericType, field: string): number {
  if (!d || d.type !== type) throw new UseCaseError(`${field} must be a DLMS ${type}`, field);
  return (d as { readonly value: number }).value;
}

export function octetsOf(d: DlmsData | undefined, field: string, length?: number): Uint8Array {
  if (!d || d.type !== 'octet-string' || (length !== undefined && d.bytes.length !== length))
    throw new UseCaseError(`${field} must be a DLMS octet-string${length === undefined ? '' : ` of ${length}`}`, field);
  return d.bytes;
}

export function boolOf(d: DlmsData | undefined, field: string): boolean {
  if (!d || d.type !== 'boolean') throw new UseCaseError(`${field} must be a DLMS boolean`, field);
  return d.value;
}

export function itemsOf(d: DlmsData | undefined, type: 'array' | 'structure', field: string, count?: number) {
  if (!d || d.type !== type || (count !== undefined && d.items.length !== count))
    throw new UseCaseError(`${field} must be a DLMS ${type}${count === undefined ? '' : ` of ${count}`}`, field);
  return d.items;
}

export function num(type: NumericType, value: number): DlmsData {
  return { type, value };
}

export function octets(bytes: Uint8Array): DlmsData {
  return { type: 'octet-string', bytes };
}

const MAX_TEXT = 255;

/** An ASCII text field of a body, as the octet-string GBCS carries it (§8.4). */
export function textBytes(body: PlainValue, key: string, max = MAX_TEXT): Uint8Array {
  const value = fieldOf(body, key);
  if (typeof value !== 'string' || value.length > max || !/^[\x20-\x7e]*$/.test(value))
    throw new UseCaseError(`${key} must be printable ASCII, at most ${max} characters`, key);
  return Uint8Array.from(value, (c) => c.charCodeAt(0));
}

export function bytesText(bytes: Uint8Array, field: string, max = MAX_TEXT): string {
  if (bytes.length > max || !bytes.every((b) => b >= 0x20 && b <= 0x7e))
    throw new UseCaseError(`${field} must be printable ASCII, at most ${max} characters`, field);
  return String.fromCharCode(...bytes);
}

export function fieldOf(body: PlainValue, key: string): PlainValue | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body) || body instanceof Uint8Array)
    throw new UseCaseError('the body must be a map', 'body');
  return (body as { readonly [k: string]: PlainValue })[key];
}

export function intField(body: PlainValue, key: string, min: number, max: number, fallback?: number): number {
  const value = fieldOf(body, key) ?? fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    throw new UseCaseError(`${key} must be an integer from ${min} to ${max}`, key);
  return value;
}

// --- COSEM date-times in octet strings (§8.6) ------------------------------------------------------

/** An instant as the 12-byte date-time GBCS sends: day of week unspecified (FF), as RTDS writes it. */
export function dateTimeBytes(ms: number): Uint8Array {
  return encodeCosemDateTime({ ...cosemDateTimeFromDate(new Date(ms)), dayOfWeek: 0xff });
}

/** The instant a 12-byte date-time names; "now" (all zero) reads as undefined. */
export function instantOf(bytes: Uint8Array, field: string): number | undefined {
  if (bytes.length !== COSEM_DATE_TIME_LENGTH) throw new UseCaseError(`${field} must be a 12-byte date-time`, field);
  const dt = decodeCosemDateTime(bytes, 0, field);
  if (isCosemNow(dt)) return undefined;
  const date = cosemDateTimeToDate(dt);
  if (!date) throw new UseCaseError(`${field} must name an instant`, field);
  return date.getTime();
}
