import type { PlainValue } from '../../../cbor.js';
import type { DeviceStatus } from '../../../device-status.js';
import type { DeviceType } from '../../../device-type.js';
import type { ServiceReferenceVariant } from '../../../catalogue.js';
import type { DlmsApdu, DlmsData } from '../../dlms/index.js';
import { decodePayload, type GbcsPayload } from '../../payload.js';
import type { GbzComponent } from '../../zcl/index.js';
import { UseCaseError, type Outcome, type UseCaseCodec } from '../use-case-codec.js';
import { fromHex, type Path, type Slot } from './slots.js';

/**
 * A use case as its RTDS messages show it (ISSUE13 plan: "shapes from the RTDS"): the SUCCESS
 * COMMAND and SUCCESS RESPONSE payloads are the templates, and the slots say which of their values
 * a body carries. Everything else (APDU, OBIS objects or ZCL attributes, their order and types)
 * must be exactly the template's, or decoding throws UseCaseError naming where it differs. The
 * invoke id, the ZCL sequence numbers and the DER shape summary are the wire's, not the use case's.
 */
export interface TemplateDefinition {
  readonly useCase: string;
  readonly messageCode: number;
  readonly variant: ServiceReferenceVariant;
  readonly device: DeviceType;
  readonly selects?: (body: PlainValue) => boolean;
  readonly encryptedResponse?: boolean;
  /** The RTDS SUCCESS COMMAND payload (General-Signing content), hex. */
  readonly command: string;
  readonly commandSlots?: readonly Slot[];
  /** Body values for fields a request may leave out (e.g. the log range of 6.13). */
  readonly defaults?: Readonly<Record<string, (now: number) => PlainValue>>;
  /**
   * Body fields a request must carry. Any other slot a body leaves out keeps the RTDS example's
   * value (emulator choice: a JSON request may name only what it changes).
   */
  readonly required?: readonly string[];
  /** The RTDS SUCCESS RESPONSE payload, hex. */
  readonly response: string;
  readonly responseSlots?: readonly Slot[];
  /**
   * DLMS: the command may carry any of the template's items, in its order (RTDS ECS57
   * SOME_OPTIONALS resets one register of three). A body names the items it wants by their fields.
   */
  readonly optionalItems?: boolean;
  /** DER use cases: the response code in a received response (0 = success), and the error answer. */
  readonly derResult?: (payload: GbcsPayload) => number | undefined;
  readonly derError?: (code: number, now: number) => GbcsPayload;
}

/** A slot whose codec reads and writes several body fields at once (its value is the body). */
export const WHOLE_BODY = '*';

const NONE: ReadonlySet<string> = new Set();
const IGNORED = new Set(['invokeId', 'sequence', 'shape', 'lengthBytes']);
const key = (p: Path): string => p.join('.');
const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;

/** DLMS result codes (GBCS-FACTS §8.3) a refusal is sent as, and how they read back. */
export function dlmsResultFor(status: DeviceStatus): number {
  if (status === 'BAD_PAYLOAD') return 12; // type-unmatched
  if (status === 'INVALID_STATE') return 2; // temporary-failure
  if (status === 'NOT_SUPPORTED') return 4; // object-undefined
  return 250; // other-reason
}
export function statusOfDlmsResult(code: number): DeviceStatus {
  if (code === 2) return 'INVALID_STATE';
  if (code === 4 || code === 11) return 'NOT_SUPPORTED';
  return 'BAD_PAYLOAD'; // type-unmatched and every code that does not tell the cause apart
}
/** ZCL status codes (ZCL table 2-11): INVALID_VALUE 0x87, FAILURE 0x01, UNSUP_CLUSTER_COMMAND 0x81. */
export function zclStatusFor(status: DeviceStatus): number {
  if (status === 'BAD_PAYLOAD') return 0x87;
  if (status === 'NOT_SUPPORTED') return 0x81;
  return 0x01;
}
export function statusOfZclStatus(code: number): DeviceStatus {
  if (code === 0x81 || code === 0x86) return 'NOT_SUPPORTED';
  if (code === 0x01) return 'INVALID_STATE';
  return 'BAD_PAYLOAD';
}

/** Walk `actual` against `template`: equal everywhere but the slots, whose values go to `out`. */
function match(
  t: unknown,
  a: unknown,
  path: (string | number)[],
  slots: Map<string, Slot>,
  out: Record<string, PlainValue>,
): void {
  const slot = slots.get(key(path));
  if (slot) {
    const value = slot.codec.read(a, t, slot.field);
    if (slot.field === WHOLE_BODY) Object.assign(out, value);
    else if (value !== null || !(slot.field in out)) out[slot.field] = value;
    return;
  }
  const where = key(path) || 'payload';
  if (t instanceof Uint8Array) {
    if (!(a instanceof Uint8Array) || a.length !== t.length || a.some((b, i) => b !== t[i])) {
      throw new UseCaseError(`${where} differs from the use case`, where);
    }
    return;
  }
  if (Array.isArray(t)) {
    if (!Array.isArray(a) || a.length !== t.length)
      throw new UseCaseError(`${where} must have ${t.length} items`, where);
    t.forEach((x, i) => match(x, a[i], [...path, i], slots, out));
    return;
  }
  if (isRecord(t)) {
    if (!isRecord(a) || Array.isArray(a)) throw new UseCaseError(`${where} differs from the use case`, where);
    const keys = new Set([...Object.keys(t), ...Object.keys(a)].filter((k) => !IGNORED.has(k)));
    for (const k of keys) {
      if (t[k] === undefined && a[k] === undefined) continue;
      match(t[k], a[k], [...path, k], slots, out);
    }
    return;
  }
  if (t !== a) throw new UseCaseError(`${where} differs from the use case`, where);
}

/** Copy `template`, with each slot built from `values`. */
function build(
  t: unknown,
  path: (string | number)[],
  slots: Map<string, Slot>,
  values: Record<string, PlainValue>,
  now: number,
  required?: ReadonlySet<string>,
): unknown {
  const slot = slots.get(key(path));
  if (slot) {
    const value = slot.field === WHOLE_BODY ? values : values[slot.field];
    if (value === undefined && required && !required.has(slot.field)) return t;
    return slot.codec.write(value, t, slot.field, now);
  }
  if (t instanceof Uint8Array) return t;
  if (Array.isArray(t)) return t.map((x, i) => build(x, [...path, i], slots, values, now, required));
  if (isRecord(t)) {
    const copy: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(t)) copy[k] = build(v, [...path, k], slots, values, now, required);
    return copy;
  }
  return t;
}

const asFields = (v: PlainValue): Record<string, PlainValue> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Uint8Array)
    ? (v as Record<string, PlainValue>)
    : {};

type Request = Extract<DlmsApdu, { type: 'access-request' }>;
const itemKey = (s: Request['specs'][number]): string =>
  s.type === 'action'
    ? `action/${s.method.classId}/${s.method.instance}/${s.method.methodId}`
    : `${s.type}/${s.attribute.classId}/${s.attribute.instance}/${s.attribute.attributeId}`;

/** Which of the template's items a request carries, in order; UseCaseError if one is not the template's. */
function pickItems(template: Request, actual: Request): number[] {
  const picked: number[] = [];
  let from = 0;
  for (const [i, spec] of actual.specs.entries()) {
    const at = template.specs.findIndex((t, j) => j >= from && itemKey(t) === itemKey(spec));
    if (at < 0) throw new UseCaseError(`apdu.specs.${i} is not an item of the use case`, `apdu.specs.${i}`);
    picked.push(at);
    from = at + 1;
  }
  return picked;
}

/** The template with only the picked items (specs, data and, for a response, results). */
function subset(payload: GbcsPayload, picked: readonly number[]): GbcsPayload {
  if (payload.kind !== 'dlms' || payload.apdu.type === 'data-notification') return payload;
  const a = payload.apdu;
  const pick = <T>(list: readonly T[]): T[] => picked.map((i) => list[i]!);
  return a.type === 'access-request'
    ? { kind: 'dlms', apdu: { ...a, specs: pick(a.specs), data: pick(a.data) } }
    : { kind: 'dlms', apdu: { ...a, specs: pick(a.specs), data: pick(a.data) } };
}

/** Slots renumbered for a subset of the items. */
function subsetSlots(slots: Map<string, Slot>, picked: readonly number[]): Map<string, Slot> {
  const out = new Map<string, Slot>();
  for (const slot of slots.values()) {
    const [a, b, i, ...rest] = slot.at;
    if (a !== 'apdu' || (b !== 'data' && b !== 'specs') || typeof i !== 'number') continue;
    const j = picked.indexOf(i);
    if (j >= 0) {
      const at = [a, b, j, ...rest];
      out.set(key(at), { ...slot, at });
    }
  }
  return out;
}

/** The codec of one use case, from its RTDS templates and slots. */
export function templateCodec(def: TemplateDefinition): UseCaseCodec {
  let parsed: { command: GbcsPayload; response: GbcsPayload } | undefined;
  const templates = () =>
    (parsed ??= {
      command: decodePayload(def.messageCode, fromHex(def.command, 'command'), 0, 1),
      response: decodePayload(def.messageCode, fromHex(def.response, 'response'), 0, 2),
    });
  const commandSlots = new Map((def.commandSlots ?? []).map((s) => [key(s.at), s]));
  const required = new Set(def.required ?? []);
  const responseSlots = new Map((def.responseSlots ?? []).map((s) => [key(s.at), s]));

  const errorOf = (payload: GbcsPayload): number | undefined => {
    if (payload.kind === 'dlms' && payload.apdu.type === 'access-response') {
      return payload.apdu.specs.find((s) => s.result !== 0)?.result;
    }
    if (payload.kind === 'gbz' && payload.gbz.form === 'frame') {
      for (const c of payload.gbz.components) {
        const p = c.payload;
        if (p.kind === 'defaultResponse' && p.status !== 0) return p.status;
        if ('records' in p && p.records) {
          for (const r of p.records) if ('status' in r && r.status !== 0) return r.status;
        }
      }
      return undefined;
    }
    if (payload.kind === 'der') return def.derResult?.(payload);
    return undefined;
  };

  const codec: UseCaseCodec = {
    useCase: def.useCase,
    messageCode: def.messageCode,
    variant: def.variant,
    device: def.device,
    ...(def.selects ? { selects: def.selects } : {}),
    ...(def.encryptedResponse ? { encryptedResponse: true } : {}),

    encodeCommand(body, ctx) {
      const values = { ...asFields(body) };
      for (const [field, make] of Object.entries(def.defaults ?? {})) values[field] ??= make(ctx.now);
      const t = templates().command;
      if (def.optionalItems && t.kind === 'dlms' && t.apdu.type === 'access-request') {
        const named = t.apdu.specs
          .map((_, i) => i)
          .filter((i) => {
            const slot = [...commandSlots.values()].find((s) => s.at[1] === 'data' && s.at[2] === i);
            return slot !== undefined && values[slot.field] !== undefined;
          });
        if (named.length > 0) {
          return build(
            subset(t, named),
            [],
            subsetSlots(commandSlots, named),
            values,
            ctx.now,
            required,
          ) as GbcsPayload;
        }
      }
      return build(t, [], commandSlots, values, ctx.now, required) as GbcsPayload;
    },

    decodeCommand(payload) {
      const out: Record<string, PlainValue> = {};
      const t = templates().command;
      const picked = pickedOf(t, payload);
      if (picked) match(subset(t, picked), payload, [], subsetSlots(commandSlots, picked), out);
      else match(t, payload, [], commandSlots, out);
      for (const s of commandSlots.values()) if (out[s.field] === null) delete out[s.field];
      return { useCase: def.useCase, ...out };
    },

    encodeResponse(outcome, ctx) {
      const picked = pickedOf(templates().command, ctx.command);
      const template = picked ? subset(templates().response, picked) : templates().response;
      if (outcome.status === 'OK') {
        const slots = picked ? subsetSlots(responseSlots, picked) : responseSlots;
        const built = build(template, [], slots, asFields(outcome.payload), ctx.now, NONE) as GbcsPayload;
        return withIdsOf(built, ctx.command);
      }
      return errorResponse(template, outcome.status, ctx.command, ctx.now);
    },

    decodeResponse(payload) {
      // With optional items, a shorter answer is read as answering the first items: the RTDS
      // responses give every item the same shape (ECS57: an action result each).
      const full = templates().response;
      const count = payload.kind === 'dlms' && payload.apdu.type === 'access-response' ? payload.apdu.specs.length : 0;
      const first =
        def.optionalItems &&
        full.kind === 'dlms' &&
        full.apdu.type === 'access-response' &&
        count > 0 &&
        count < full.apdu.specs.length
          ? Array.from({ length: count }, (_, i) => i)
          : undefined;
      const template = first ? subset(full, first) : full;
      const responseSlotsNow = first ? subsetSlots(responseSlots, first) : responseSlots;
      const code = errorOf(payload);
      if (code !== undefined) {
        sameFrame(template, payload);
        const status =
          payload.kind === 'gbz'
            ? statusOfZclStatus(code)
            : payload.kind === 'dlms'
              ? statusOfDlmsResult(code)
              : 'BAD_PAYLOAD';
        return { status, payload: { result: code } } satisfies Outcome;
      }
      const out: Record<string, PlainValue> = {};
      match(template, payload, [], responseSlotsNow, out);
      return { status: 'OK', payload: out };
    },
  };

  /** The template items a DLMS request carries, when the use case allows a subset. */
  function pickedOf(t: GbcsPayload, command: GbcsPayload): number[] | undefined {
    if (!def.optionalItems || t.kind !== 'dlms' || command.kind !== 'dlms') return undefined;
    if (t.apdu.type !== 'access-request' || command.apdu.type !== 'access-request') return undefined;
    return pickItems(t.apdu, command.apdu);
  }

  function errorResponse(template: GbcsPayload, status: DeviceStatus, command: GbcsPayload, now: number): GbcsPayload {
    if (template.kind === 'dlms' && template.apdu.type === 'access-response') {
      const code = dlmsResultFor(status);
      const apdu = template.apdu;
      const invokeId = command.kind === 'dlms' ? command.apdu.invokeId : apdu.invokeId;
      return {
        kind: 'dlms',
        apdu: {
          ...apdu,
          invokeId,
          data: apdu.data.map((): DlmsData => ({ type: 'null-data' })),
          specs: apdu.specs.map((s) => ({ type: s.type, result: code })),
        },
      };
    }
    if (template.kind === 'gbz') {
      const source = command.kind === 'gbz' && command.gbz.form === 'frame' ? command.gbz.components : [];
      const components: GbzComponent[] = source.map((c) => ({
        encrypted: false,
        clusterId: c.clusterId,
        header: {
          frameType: 'global',
          direction: 'serverToClient',
          disableDefaultResponse: false,
          sequence: c.header.sequence,
          commandId: 0x0b,
        },
        payload: { kind: 'defaultResponse', commandId: c.header.commandId, status: zclStatusFor(status) },
      }));
      return { kind: 'gbz', gbz: { form: 'frame', components } };
    }
    if (def.derError) return def.derError(status === 'INVALID_STATE' ? 2 : 1, now);
    return { kind: 'der', der: { root: { type: 'integer', value: 1n } } };
  }

  /** An error answer keeps the template's frame: DLMS the same specs, GBZ the same clusters. */
  function sameFrame(template: GbcsPayload, payload: GbcsPayload): void {
    if (template.kind !== payload.kind) throw new UseCaseError(`the response must be ${template.kind}`, 'payload');
    if (template.kind === 'dlms' && payload.kind === 'dlms') {
      const t = template.apdu;
      const a = payload.apdu;
      if (t.type !== 'access-response' || a.type !== 'access-response' || a.specs.length !== t.specs.length) {
        throw new UseCaseError('the response must answer every item of the use case', 'specs');
      }
      a.specs.forEach((s, i) => {
        if (s.type !== t.specs[i]!.type) throw new UseCaseError(`specs.${i} must be ${t.specs[i]!.type}`, `specs.${i}`);
      });
    }
  }

  return codec;
}

/** The response answers the command: the same invoke id, the same ZCL sequence numbers. */
function withIdsOf(response: GbcsPayload, command: GbcsPayload): GbcsPayload {
  if (response.kind === 'dlms' && command.kind === 'dlms' && response.apdu.type === 'access-response') {
    return { kind: 'dlms', apdu: { ...response.apdu, invokeId: command.apdu.invokeId } };
  }
  if (
    response.kind === 'gbz' &&
    command.kind === 'gbz' &&
    response.gbz.form === 'frame' &&
    command.gbz.form === 'frame'
  ) {
    const cmd = command.gbz.components;
    const components = response.gbz.components.map((c, i) => {
      const sequence = cmd[i]?.header.sequence ?? c.header.sequence;
      return { ...c, header: { ...c.header, sequence } };
    });
    return { kind: 'gbz', gbz: { form: 'frame', components } };
  }
  return response;
}
