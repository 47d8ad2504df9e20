import type { PlainValue } from '../../../cbor.js';
import type { ServiceReferenceVariant } from '../../../catalogue.js';
import { euiToBytes, type Eui64 } from '../../../eui.js';
import { obisToBytes, type ObisCode } from '../../dlms/obis-code.js';
import type { AccessRequestSpec, DlmsApdu, DlmsData } from '../../dlms/types.js';
import type { GbcsPayload } from '../../payload.js';
import {
  UseCaseError,
  type CommandContext,
  type Outcome,
  type ResponseContext,
  type UseCaseCodec,
} from '../use-case-codec.js';
import { itemsOf, NULL_DATA, numberOf, octets, octetsOf, struct } from './dlms-values.js';
import { dlmsResultFor, statusOfDlmsResult } from './outcome-codes.js';

/** One COSEM attribute a read names: class, logical name, attribute (GBCS-FACTS §8.2). */
export interface CosemRead {
  readonly classId: number;
  readonly obis: ObisCode;
  readonly attributeId: number;
  /**
   * Selective access from the body (a range), or absent for a plain get. `encode` builds the
   * selector's parameters; `decode` reads them back into body fields and throws UseCaseError.
   */
  readonly selection?: {
    readonly selector: number;
    encode(body: PlainValue, ctx: CommandContext): DlmsData;
    decode(parameters: DlmsData): { readonly [key: string]: PlainValue };
  };
}

/**
 * A command context may carry the grouping header's counter and originator: a protected read's
 * command repeats them in its protection parameters (GBCS-FACTS §6.5, §8.5). Without them the
 * codec writes counter 0 and an all-zero originator, which the spine's wire layer must fill in.
 */
export interface ReadCommandContext extends CommandContext {
  readonly counter?: bigint;
  readonly originator?: Eui64;
}

export interface DlmsReadSpec {
  readonly useCase: string;
  readonly messageCode: number;
  readonly variant: ServiceReferenceVariant;
  readonly device?: 'ESME' | 'CHF';
  /**
   * Present: the read goes through the data-protection object (IC 30, method 1) of this OBIS
   * (`0-0:43.2.n.255`) and its answer is encrypted (§6.5).
   */
  readonly protectedVia?: ObisCode;
  readonly reads: readonly CosemRead[];
  /** The handler's answer as one Data item per read. */
  toData(payload: PlainValue): readonly DlmsData[];
  /** The Data items back as the answer's fields; throws UseCaseError. */
  fromData(data: readonly DlmsData[]): PlainValue;
}

/**
 * A 4.x read on the ESME (or CHF), plain or protected. The body is what the selections read
 * (`from`/`to` for a range), or null for a read with none.
 *
 * Encrypted answers (the plan's seam: the wire layer encrypts, the codec gives the plaintext): a
 * protected answer's data item is structure {protection parameters, *plaintext*}, where the
 * plaintext is the Data structure the ciphertext holds (one item per read), standing in the
 * place of the `31 ‖ IC ‖ ciphertext ‖ tag` octet string. The wire layer encodes and encrypts it
 * there on the way out, and puts the decrypted Data back there before decodeResponse.
 */
export function dlmsRead(spec: DlmsReadSpec): UseCaseCodec {
  return {
    useCase: spec.useCase,
    messageCode: spec.messageCode,
    variant: spec.variant,
    device: spec.device ?? 'ESME',
    ...(spec.protectedVia ? { encryptedResponse: true } : {}),
    encodeCommand(body, ctx) {
      if (spec.protectedVia) {
        const c = ctx as ReadCommandContext;
        const list: DlmsData = {
          type: 'array',
          items: spec.reads.map((r) =>
            struct(
              { type: 'long-unsigned', value: r.classId },
              octets(obisBytes(r.obis)),
              { type: 'integer', value: r.attributeId },
              { type: 'long-unsigned', value: 0 },
              struct(
                { type: 'enum', value: r.selection?.selector ?? 0 },
                r.selection ? r.selection.encode(body, ctx) : NULL_DATA,
              ),
            ),
          ),
        };
        const params = protectionParameters(c.counter ?? 0n, c.originator, ctx.target);
        return apdu({
          type: 'access-request',
          invokeId: invokeId(c.counter ?? 0n),
          dateTime: null,
          specs: [{ type: 'action', method: { classId: 30, instance: spec.protectedVia, methodId: 1 } }],
          data: [struct(list, { type: 'array', items: [params] })],
        });
      }
      const c = ctx as ReadCommandContext;
      return apdu({
        type: 'access-request',
        invokeId: invokeId(c.counter ?? 0n),
        dateTime: null,
        specs: spec.reads.map((r): AccessRequestSpec => {
          const attribute = { classId: r.classId, instance: r.obis, attributeId: r.attributeId };
          return r.selection
            ? {
                type: 'get-with-selection',
                attribute,
                selector: r.selection.selector,
                parameters: r.selection.encode(body, ctx),
              }
            : { type: 'get', attribute };
        }),
        data: spec.reads.map(() => NULL_DATA),
      });
    },
    decodeCommand(payload) {
      const request = requestOf(payload);
      let body: { [key: string]: PlainValue } | null = null;
      const take = (fields: { readonly [key: string]: PlainValue }) => (body = { ...(body ?? {}), ...fields });
      if (spec.protectedVia) {
        const [only] = request.specs;
        if (
          request.specs.length !== 1 ||
          only?.type !== 'action' ||
          only.method.classId !== 30 ||
          only.method.instance !== spec.protectedVia ||
          only.method.methodId !== 1
        )
          throw new UseCaseError(`${spec.useCase} must be one action on ${spec.protectedVia}`, 'specs');
        const [list, params] = itemsOf(request.data[0], 'structure', 'data[0]', 2);
        itemsOf(params, 'array', 'protection parameters');
        const entries = itemsOf(list, 'array', 'object list', spec.reads.length);
        spec.reads.forEach((r, i) => {
          const f = `object list[${i}]`;
          const [cls, ln, attr, index, access] = itemsOf(entries[i], 'structure', f, 5);
          if (numberOf(cls, 'long-unsigned', `${f}.class`) !== r.classId) throw new UseCaseError(`${f} class`, f);
          if (!sameBytes(octetsOf(ln, `${f}.obis`, 6), obisBytes(r.obis)))
            throw new UseCaseError(`${f} must be ${r.obis}`, f);
          if (numberOf(attr, 'integer', `${f}.attribute`) !== r.attributeId)
            throw new UseCaseError(`${f} attribute`, f);
          numberOf(index, 'long-unsigned', `${f}.data-index`);
          const [selector, parameters] = itemsOf(access, 'structure', `${f}.access`, 2);
          if (numberOf(selector, 'enum', `${f}.selector`) !== (r.selection?.selector ?? 0))
            throw new UseCaseError(`${f} selector`, f);
          if (r.selection) take(r.selection.decode(parameters!));
        });
        return body;
      }
      if (request.specs.length !== spec.reads.length || request.data.length !== spec.reads.length)
        throw new UseCaseError(`${spec.useCase} must read ${spec.reads.length} attributes`, 'specs');
      spec.reads.forEach((r, i) => {
        const s = request.specs[i]!;
        const f = `specs[${i}]`;
        const wanted = r.selection ? 'get-with-selection' : 'get';
        if (s.type !== wanted) throw new UseCaseError(`${f} must be ${wanted}`, f);
        const a = s.attribute;
        if (a.classId !== r.classId || a.instance !== r.obis || a.attributeId !== r.attributeId)
          throw new UseCaseError(`${f} must read ${r.classId}/${r.obis}/${r.attributeId}`, f);
        if (s.type === 'get-with-selection' && r.selection) {
          if (s.selector !== r.selection.selector) throw new UseCaseError(`${f} selector`, f);
          take(r.selection.decode(s.parameters));
        }
      });
      return body;
    },
    encodeResponse(outcome, ctx) {
      const id = invokeIdOf(ctx.command);
      if (spec.protectedVia) {
        if (outcome.status !== 'OK')
          return response(id, [NULL_DATA], [{ type: 'action', result: dlmsResultFor(outcome.status) }]);
        const params = answerParameters(ctx);
        const plaintext = struct(...spec.toData(outcome.payload));
        return response(id, [struct({ type: 'array', items: [params] }, plaintext)], [{ type: 'action', result: 0 }]);
      }
      if (outcome.status !== 'OK') {
        const code = dlmsResultFor(outcome.status);
        return response(
          id,
          spec.reads.map(() => NULL_DATA),
          spec.reads.map(() => ({ type: 'get' as const, result: code })),
        );
      }
      const data = spec.toData(outcome.payload);
      return response(
        id,
        data,
        data.map(() => ({ type: 'get' as const, result: 0 })),
      );
    },
    decodeResponse(payload): Outcome {
      if (payload.kind !== 'dlms' || payload.apdu.type !== 'access-response')
        throw new UseCaseError(`${spec.useCase} response must be a DLMS access-response`, 'apdu');
      const r = payload.apdu;
      const failed = r.specs.find((s) => s.result !== 0);
      if (failed) return { status: statusOfDlmsResult(failed.result), payload: { result: failed.result } };
      if (spec.protectedVia) {
        const [, plaintext] = itemsOf(r.data[0], 'structure', 'data[0]', 2);
        if (plaintext?.type === 'octet-string')
          throw new UseCaseError(`${spec.useCase} response is still encrypted`, 'data[0][1]');
        return {
          status: 'OK',
          payload: spec.fromData(itemsOf(plaintext, 'structure', 'plaintext', spec.reads.length)),
        };
      }
      if (r.data.length !== spec.reads.length)
        throw new UseCaseError(`${spec.useCase} response must have ${spec.reads.length} items`, 'data');
      return { status: 'OK', payload: spec.fromData(r.data) };
    },
  };
}

function apdu(a: DlmsApdu): GbcsPayload {
  return { kind: 'dlms', apdu: a };
}

function response(
  invokeId: number,
  data: readonly DlmsData[],
  specs: readonly { readonly type: 'get' | 'set' | 'action'; readonly result: number }[],
): GbcsPayload {
  return apdu({ type: 'access-response', invokeId, dateTime: null, requestSpecs: null, data, specs });
}

/** GBCS-FACTS §8.1: 0x20 ‖ the low 24 bits of the grouping-header counter. */
function invokeId(counter: bigint): number {
  return 0x2000_0000 + Number(counter & 0xff_ffffn);
}

function invokeIdOf(command: GbcsPayload): number {
  return command.kind === 'dlms' ? command.apdu.invokeId : 0x2000_0000;
}

function requestOf(payload: GbcsPayload) {
  if (payload.kind !== 'dlms' || payload.apdu.type !== 'access-request')
    throw new UseCaseError('a 4.x ESME read must be a DLMS access-request', 'apdu');
  return payload.apdu;
}

/** structure {enum 2, structure {04 ‖ counter, originator, recipient, '', structure {enum 2, structure {02, ''}}}} (§8.5). */
function protectionParameters(counter: bigint, originator: Eui64 | undefined, recipient: Eui64 | Uint8Array): DlmsData {
  const txn = new Uint8Array(9);
  txn[0] = 0x04;
  new DataView(txn.buffer).setBigUint64(1, counter);
  return protectionBlock(txn, originator ? euiToBytes(originator) : new Uint8Array(8), toBytes(recipient));
}

function protectionBlock(txn: Uint8Array, from: Uint8Array, to: Uint8Array): DlmsData {
  return struct(
    { type: 'enum', value: 2 },
    struct(
      octets(txn),
      octets(from),
      octets(to),
      octets(new Uint8Array(0)),
      struct({ type: 'enum', value: 2 }, struct(octets(Uint8Array.of(2)), octets(new Uint8Array(0)))),
    ),
  );
}

/** The answer's parameters: the command's, with originator and recipient swapped (RTDS ECS17b). */
function answerParameters(ctx: ResponseContext): DlmsData {
  const device = euiToBytes(ctx.device);
  try {
    if (ctx.command.kind === 'dlms' && ctx.command.apdu.type === 'access-request') {
      const [, params] = itemsOf(ctx.command.apdu.data[0], 'structure', 'data[0]', 2);
      const [first] = itemsOf(params, 'array', 'parameters');
      const [, fields] = itemsOf(first, 'structure', 'parameters[0]', 2);
      const [txn, from] = itemsOf(fields, 'structure', 'parameters[0][1]', 5);
      return protectionBlock(octetsOf(txn, 'txn'), device, octetsOf(from, 'originator'));
    }
  } catch (error) {
    if (!(error instanceof UseCaseError)) throw error;
  }
  return protectionBlock(Uint8Array.of(4, 0, 0, 0, 0, 0, 0, 0, 0), device, new Uint8Array(8));
}

function toBytes(eui: Eui64 | Uint8Array): Uint8Array {
  return eui instanceof Uint8Array ? eui : euiToBytes(eui);
}

function obisBytes(code: ObisCode): Uint8Array {
  return obisToBytes(code);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
