import { expect } from 'vitest';
import type { PlainValue } from '../../../../../protocol/cbor.js';
import type { ServiceReferenceVariant } from '../../../../../protocol/catalogue.js';
import { decodeGbcs, encodePayload, type GbcsPayload } from '../../../../../protocol/gbcs/index.js';
import { decodeDlmsData } from '../../../../../protocol/gbcs/dlms/index.js';
import type { DlmsData } from '../../../../../protocol/gbcs/dlms/types.js';
import { decodeZclPayload } from '../../../../../protocol/gbcs/zcl/index.js';
import type { GbzComponent } from '../../../../../protocol/gbcs/zcl/types.js';
import type { Outcome, UseCaseCodec } from '../../../../../protocol/gbcs/use-cases/index.js';
import type { ReadCommandContext } from '../../../../../protocol/gbcs/use-cases/reads/dlms-read.js';
import type { Eui64 } from '../../../../../protocol/eui.js';
import type { Execution } from '../../../../../device-core/firmware.js';
import type { ServiceCommand } from '../../../../../device-core/handlers.js';
import { ESME_HANDLERS } from '../../../../../meter-esme/handlers/index.js';
import { GSME_HANDLERS } from '../../../../../meter-gsme/handlers/index.js';
import { PremisesHarness } from '../../../../support/premises-harness.js';

/** An RTDS message as the vectors hold it: the whole message, and the plaintexts of its encrypted parts. */
export interface RtdsMessage {
  readonly message: string;
  readonly plaintexts: readonly string[];
}

const bytes = (hex: string) => Uint8Array.from(Buffer.from(hex, 'hex'));

export function decodeRtds(m: RtdsMessage) {
  const decoded = decodeGbcs(bytes(m.message));
  const header = decoded.signing.header;
  return {
    header,
    counter: header.counter,
    originator: header.originator,
    recipient: header.recipient,
    payload: plaintextForm(decoded.signing.payload, m.plaintexts.map(bytes)),
    raw: decoded.signing.payload,
  };
}

/** The payload with each encrypted part replaced by its plaintext: the form the read codecs give and take. */
export function plaintextForm(payload: GbcsPayload, plaintexts: readonly Uint8Array[]): GbcsPayload {
  let next = 0;
  if (payload.kind === 'dlms' && payload.apdu.type === 'access-response') {
    const swap = (d: DlmsData): DlmsData => {
      if (d.type === 'octet-string' && d.bytes[0] === 0x31 && d.bytes.length >= 17 && next < plaintexts.length)
        return decodeDlmsData(plaintexts[next++]!, 0, 'plaintext');
      if (d.type === 'structure' || d.type === 'array') return { ...d, items: d.items.map(swap) };
      return d;
    };
    return { kind: 'dlms', apdu: { ...payload.apdu, data: payload.apdu.data.map(swap) } };
  }
  if (payload.kind === 'gbz' && payload.gbz.form === 'frame') {
    const components = payload.gbz.components.map((c): GbzComponent => {
      if (!c.encrypted) return c;
      const plain = decodeZclPayload(plaintexts[next++]!, c.clusterId, c.header, 0);
      return { encrypted: false, clusterId: c.clusterId, header: c.header, payload: plain };
    });
    return { kind: 'gbz', gbz: { form: 'frame', components } };
  }
  return payload;
}

/**
 * The shape of a payload: APDU kind, OBIS codes and attributes, Data types, ZCL attribute ids and
 * value types, in order; the values themselves and the length of a repeated list are left out
 * (a list's shape is that of its first element), since those come from the device's state.
 */
export function shapeOf(payload: GbcsPayload): unknown {
  if (payload.kind === 'dlms') {
    const a = payload.apdu;
    if (a.type === 'access-response')
      return {
        type: a.type,
        specs: a.specs.map((s) => `${s.type}:${s.result === 0 ? 'ok' : 'error'}`),
        data: a.data.map(dataShape),
      };
    if (a.type === 'access-request') return { type: a.type, specs: a.specs, data: a.data.map(dataShape) };
    return a.type;
  }
  if (payload.kind === 'gbz' && payload.gbz.form === 'frame')
    return payload.gbz.components.map((c) => ({
      clusterId: c.clusterId,
      commandId: c.header.commandId,
      frameType: c.header.frameType,
      direction: c.header.direction,
      encrypted: c.encrypted,
      payload:
        c.payload.kind === 'readAttributesResponse'
          ? c.payload.records.map((r) =>
              'value' in r ? `${r.attributeId}:${r.value.type}` : `${r.attributeId}:status`,
            )
          : c.payload.kind === 'clusterCommand'
            ? {
                name: c.payload.name,
                fields: c.payload.fields.map((f) => `${f.name}:${f.type}`),
                record: c.payload.records?.[0]?.map((f) => `${f.name}:${f.type}`),
              }
            : c.payload.kind,
    }));
  return payload.kind;
}

function dataShape(d: DlmsData): unknown {
  switch (d.type) {
    case 'structure':
      return d.items.map(dataShape);
    case 'array':
      return { array: d.items[0] ? dataShape(d.items[0]) : null };
    case 'compact-array':
      return { compact: d.description };
    default:
      return d.type;
  }
}

/** A command to a device's handler, from a party, as the guard passes it on. */
export function command(
  variant: ServiceReferenceVariant,
  from: Eui64,
  to: Eui64,
  payload: PlainValue,
  at: number,
): ServiceCommand {
  return {
    kind: 'command',
    header: { originator: from, recipient: to, counter: 1000n, createdAt: at },
    serviceRequest: variant,
    payload,
    signatures: [],
  };
}

export function outcomeOf(e: Execution): Outcome {
  return { status: e.status, payload: e.payload ?? null };
}

/** (1) The RTDS command decodes into the body and re-encodes to the same payload bytes. */
export function expectCommandRoundTrip(codec: UseCaseCodec, m: RtdsMessage, now = 0): PlainValue {
  const rtds = decodeRtds(m);
  expect(rtds.header.otherInformation.messageCode).toBe(codec.messageCode);
  const body = codec.decodeCommand(rtds.payload);
  const ctx: ReadCommandContext = { now, target: rtds.recipient, counter: rtds.counter, originator: rtds.originator };
  expect(Buffer.from(encodePayload(codec.encodeCommand(body, ctx))).toString('hex')).toBe(
    Buffer.from(encodePayload(rtds.raw)).toString('hex'),
  );
  return body;
}

export interface ReadCaseSpec {
  /** The describe title: use case, SR and name, e.g. `ECS17b 4.1.1 read import energy registers`. */
  readonly title: string;
  readonly codec: UseCaseCodec;
  readonly commands: readonly RtdsMessage[];
  readonly response: RtdsMessage;
  readonly errorResponse?: RtdsMessage;
  /** Checks on the RTDS response as our head-end reads it (its values are the RTDS's). */
  readonly rtdsAnswer?: (payload: PlainValue) => void;
  /** Run the handler on an emulated device with this body; the premises has lived `days` days. */
  readonly run: (body: PlainValue) => Execution;
  /** Checks on the device's answer after it crossed the codec both ways. */
  readonly deviceAnswer?: (payload: PlainValue, handler: PlainValue) => void;
  /** The body the device is run with (default: the RTDS command's). */
  readonly body?: (rtdsBody: PlainValue) => PlainValue;
}

export function responseContext(codec: UseCaseCodec, m: RtdsMessage, device: Eui64, now: number) {
  return { now, command: decodeRtds(m).payload, device };
}

/** The three checks the plan asks of every read codec, given its RTDS vectors and its device. */
export function readCaseChecks(spec: ReadCaseSpec, it: (name: string, fn: () => void) => void, device: () => Eui64) {
  it('decodes the RTDS command into the body and re-encodes it to the same bytes', () => {
    for (const c of spec.commands) expectCommandRoundTrip(spec.codec, c);
  });
  it('reads the RTDS response as a success', () => {
    const answer = spec.codec.decodeResponse(decodeRtds(spec.response).payload);
    expect(answer.status).toBe('OK');
    spec.rtdsAnswer?.(answer.payload);
  });
  it('the device answers the RTDS command with the RTDS response shape, with its own values', () => {
    const first = spec.commands[0]!;
    const rtdsBody = spec.codec.decodeCommand(decodeRtds(first).payload);
    const execution = spec.run(spec.body ? spec.body(rtdsBody) : rtdsBody);
    expect(execution.status).toBe('OK');
    const ours = spec.codec.encodeResponse(outcomeOf(execution), responseContext(spec.codec, first, device(), 0));
    expect(shapeOf(ours)).toEqual(shapeOf(decodeRtds(spec.response).payload));
    // and the bytes are valid GBCS content that the head-end reads back
    expect(encodePayload(ours).length).toBeGreaterThan(0);
    const back = spec.codec.decodeResponse(ours);
    expect(back.status).toBe('OK');
    spec.deviceAnswer?.(back.payload, execution.payload ?? null);
  });
  if (spec.errorResponse) {
    const error = spec.errorResponse;
    it('the RTDS ERROR response reads as a refusal, and a refusal keeps its status across', () => {
      expect(spec.codec.decodeResponse(decodeRtds(error).payload).status).not.toBe('OK');
      const ctx = responseContext(spec.codec, spec.commands[0]!, device(), 0);
      for (const status of ['BAD_PAYLOAD', 'NOT_SUPPORTED', 'INTERNAL_ERROR'] as const)
        expect(spec.codec.decodeResponse(spec.codec.encodeResponse({ status, payload: null }, ctx)).status).toBe(
          status,
        );
    });
  }
}

/** A commissioned premises that has lived `days` days on the virtual clock (no link needed: handlers are run directly). */
export function livedPremises(days = 2) {
  const h = new PremisesHarness();
  h.clock.advance(days * 24 * 3600_000);
  return h.premises;
}

export const RTDS_SUPPLIER = '90-B3-D5-1F-30-01-00-00' as Eui64;

export function runEsme(variant: ServiceReferenceVariant, days = 2) {
  const premises = livedPremises(days);
  return (body: PlainValue): Execution => {
    const handler = ESME_HANDLERS[variant];
    if (!handler) throw new Error(`no ESME handler for ${variant}`);
    return handler(premises.esme, command(variant, RTDS_SUPPLIER, premises.esme.eui, body, premises.esme.now()));
  };
}

export function runGsme(variant: ServiceReferenceVariant, days = 2) {
  const premises = livedPremises(days);
  return (body: PlainValue): Execution => {
    const handler = GSME_HANDLERS[variant];
    if (!handler) throw new Error(`no GSME handler for ${variant}`);
    return handler(premises.gsme, command(variant, RTDS_SUPPLIER, premises.gsme.eui, body, premises.gsme.now()));
  };
}
