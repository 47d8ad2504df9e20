import type { PlainValue } from '../../../cbor.js';
import type { DeviceStatus } from '../../../device-status.js';
import type {
  AccessRequest,
  AccessRequestSpec,
  AccessResponse,
  AccessResponseSpec,
  DlmsData,
  ObisCode,
} from '../../dlms/index.js';
import { gbcsInvokeId } from '../../dlms/index.js';
import type { GbcsPayload } from '../../payload.js';
import { UseCaseError, type CommandContext, type Outcome, type ResponseContext } from '../use-case-codec.js';

/**
 * What the supply, installation and firmware codecs share: strict readers of the DLMS, GBZ and
 * DER shapes their RTDS messages have, and builders of the same shapes. Every reader throws only
 * UseCaseError, naming the field (ISSUE13-PLAN "Strict").
 */

/**
 * The command context may carry the originator counter (the seam does not name it yet): GBCS puts
 * it in the DLMS invoke id (GBCS-FACTS §14.9) and in the CS06 content (§10). Absent, 0 is used and
 * the wire layer is expected to set the invoke id.
 */
export type CountedContext = CommandContext & { readonly counter?: bigint };

export function counterOf(ctx: CommandContext): bigint {
  const counter = (ctx as CountedContext).counter;
  return typeof counter === 'bigint' ? counter : 0n;
}

export type PayloadMap = { readonly [key: string]: PlainValue };

/** The body as a map; null (a body-less request) is the empty map. */
export function bodyMap(body: PlainValue): PayloadMap {
  if (body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body) || body instanceof Uint8Array)
    throw new UseCaseError('the body must be a map', 'body');
  return body as PayloadMap;
}

export function fail(useCase: string, field: string, what: string): never {
  throw new UseCaseError(`${useCase}: ${field} ${what}`, field);
}

// ---- DLMS ---------------------------------------------------------------------------------------

/** One access-request spec as the RTDS shows it: kind, class, OBIS, attribute or method id. */
export interface SpecShape {
  readonly type: 'get' | 'set' | 'action';
  readonly classId: number;
  readonly obis: ObisCode;
  readonly id: number;
}

export function spec(shape: SpecShape): AccessRequestSpec {
  return shape.type === 'action'
    ? { type: 'action', method: { classId: shape.classId, instance: shape.obis, methodId: shape.id } }
    : { type: shape.type, attribute: { classId: shape.classId, instance: shape.obis, attributeId: shape.id } };
}

export function dlmsRequest(ctx: CommandContext, shapes: readonly SpecShape[], data: readonly DlmsData[]): GbcsPayload {
  return {
    kind: 'dlms',
    apdu: {
      type: 'access-request',
      invokeId: gbcsInvokeId(counterOf(ctx)),
      dateTime: null,
      specs: shapes.map(spec),
      data,
    },
  };
}

function sameSpec(actual: AccessRequestSpec | undefined, shape: SpecShape): boolean {
  if (!actual || actual.type !== shape.type) return false;
  if (actual.type === 'action')
    return (
      actual.method.classId === shape.classId &&
      actual.method.instance === shape.obis &&
      actual.method.methodId === shape.id
    );
  if (actual.type !== 'get' && actual.type !== 'set') return false;
  return (
    actual.attribute.classId === shape.classId &&
    actual.attribute.instance === shape.obis &&
    actual.attribute.attributeId === shape.id
  );
}

/** The access-request with exactly these specs, in this order; its data items are returned. */
export function readDlmsRequest(
  useCase: string,
  payload: GbcsPayload,
  shapes: readonly SpecShape[],
): readonly DlmsData[] {
  if (payload.kind !== 'dlms' || payload.apdu.type !== 'access-request')
    fail(useCase, 'apdu', 'must be a DLMS access-request');
  const request: AccessRequest = payload.apdu;
  if (request.specs.length !== shapes.length || request.data.length !== shapes.length)
    fail(useCase, 'specs', `must be ${shapes.length} item(s)`);
  shapes.forEach((shape, i) => {
    if (!sameSpec(request.specs[i], shape))
      fail(useCase, `specs[${i}]`, `must be ${shape.type} class ${shape.classId} ${shape.obis} #${shape.id}`);
  });
  return request.data;
}

/** The response's invoke id repeats the command's (§8.3); a non-DLMS command gives the bare 0x20. */
function invokeIdOf(command: GbcsPayload): number {
  return command.kind === 'dlms' ? command.apdu.invokeId : 0x2000_0000;
}

export function dlmsResponse(
  ctx: ResponseContext,
  items: readonly { readonly data: DlmsData; readonly spec: AccessResponseSpec }[],
): GbcsPayload {
  return {
    kind: 'dlms',
    apdu: {
      type: 'access-response',
      invokeId: invokeIdOf(ctx.command),
      dateTime: null,
      requestSpecs: null,
      data: items.map((i) => i.data),
      specs: items.map((i) => i.spec),
    },
  };
}

export function readDlmsResponse(
  useCase: string,
  payload: GbcsPayload,
  kinds: readonly AccessResponseSpec['type'][],
): AccessResponse {
  if (payload.kind !== 'dlms' || payload.apdu.type !== 'access-response')
    fail(useCase, 'apdu', 'must be a DLMS access-response');
  const response = payload.apdu;
  if (response.specs.length !== kinds.length || response.data.length !== kinds.length)
    fail(useCase, 'specs', `must be ${kinds.length} item(s)`);
  kinds.forEach((kind, i) => {
    if (response.specs[i]?.type !== kind) fail(useCase, `specs[${i}]`, `must be a ${kind} result`);
  });
  return response;
}

export const NULL_DATA: DlmsData = { type: 'null-data' };
export const SUCCESS = 0;
export const HARDWARE_FAULT = 1;
export const TEMPORARY_FAILURE = 2;
export const OBJECT_UNDEFINED = 4;
export const TYPE_UNMATCHED = 12;
export const OTHER_REASON = 250;

/**
 * A refusal as a DLMS result code (ISSUE13-PLAN "Outcomes"): BAD_PAYLOAD is type-unmatched,
 * NOT_SUPPORTED object-undefined, and INVALID_STATE the code the use case's RTDS ERROR shows
 * (`stateCode`, hardware-fault for most of this family); anything else is other-reason.
 */
export function dlmsRefusal(status: DeviceStatus, stateCode = TEMPORARY_FAILURE): number {
  switch (status) {
    case 'OK':
      return SUCCESS;
    case 'BAD_PAYLOAD':
      return TYPE_UNMATCHED;
    case 'NOT_SUPPORTED':
      return OBJECT_UNDEFINED;
    case 'INVALID_STATE':
      return stateCode;
    default:
      return OTHER_REASON;
  }
}

/** The inverse of dlmsRefusal: a code it does not tell apart is BAD_PAYLOAD. */
export function dlmsStatus(code: number, stateCode = TEMPORARY_FAILURE): DeviceStatus {
  if (code === SUCCESS) return 'OK';
  if (code === stateCode || code === TEMPORARY_FAILURE) return 'INVALID_STATE';
  if (code === OBJECT_UNDEFINED) return 'NOT_SUPPORTED';
  return 'BAD_PAYLOAD';
}

/** The first non-success result of a response, or success. */
export function firstFailure(response: AccessResponse): number {
  return response.specs.find((s) => s.result !== SUCCESS)?.result ?? SUCCESS;
}

export function dlmsNumber(useCase: string, data: DlmsData | undefined, type: DlmsData['type'], field: string): number {
  if (!data || data.type !== type || !('value' in data) || typeof data.value !== 'number')
    fail(useCase, field, `must be ${type}`);
  return data.value;
}

export function dlmsOctets(useCase: string, data: DlmsData | undefined, field: string, length?: number): Uint8Array {
  if (!data || data.type !== 'octet-string' || (length !== undefined && data.bytes.length !== length))
    fail(useCase, field, `must be an octet-string${length === undefined ? '' : ` of ${length} bytes`}`);
  return data.bytes;
}

// ---- the firmware version as bytes -------------------------------------------------------------

/**
 * Emulator choice: GBCS carries the firmware version as an octet string (4 bytes in the RTDS,
 * `01 23 AB CD`); our devices name versions as text ("1.0.0"), so the text's ASCII bytes are
 * sent, and bytes that are not all printable ASCII read back as upper-case hex.
 */
export function versionToBytes(version: string): Uint8Array {
  return new TextEncoder().encode(version);
}

export function versionFromBytes(bytes: Uint8Array): string {
  if (bytes.length > 0 && bytes.every((b) => b >= 0x21 && b <= 0x7e)) return new TextDecoder().decode(bytes);
  return Buffer.from(bytes).toString('hex').toUpperCase();
}

// ---- time ---------------------------------------------------------------------------------------

/** ZCL UTCTime and GBZ times count seconds from 2000-01-01 00:00Z (GBCS-FACTS §9.3). */
export const EPOCH_2000_MS = Date.UTC(2000, 0, 1);

export function zclSeconds(ms: number): number {
  return Math.max(0, Math.min(0xffff_fffe, Math.floor((ms - EPOCH_2000_MS) / 1000)));
}

export function fromZclSeconds(seconds: number): number {
  return EPOCH_2000_MS + seconds * 1000;
}

/** DER GeneralizedTime `YYYYMMDDhhmmssZ` (GBCS-FACTS §10). */
export function generalizedTime(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
}

export function fromGeneralizedTime(useCase: string, text: string, field: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!m) fail(useCase, field, 'must be a GeneralizedTime YYYYMMDDhhmmssZ');
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  if (new Date(ms).getUTCDate() !== d || h > 23 || mi > 59 || s > 59) fail(useCase, field, 'is not a real date');
  return ms;
}

/** An outcome, typed as the seam wants it (object literals of differing shapes widen badly). */
export function outcome(status: DeviceStatus, payload: PlainValue): Outcome {
  return { status, payload };
}
