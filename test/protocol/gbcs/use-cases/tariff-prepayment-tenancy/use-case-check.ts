import { expect } from 'vitest';
import type { PlainValue } from '../../../../../protocol/cbor.js';
import { findServiceRequest } from '../../../../../protocol/catalogue.js';
import type { Eui64 } from '../../../../../protocol/eui.js';
import { decodePayload, encodePayload, type GbcsPayload } from '../../../../../protocol/gbcs/payload.js';
import type { Outcome, UseCaseCodec } from '../../../../../protocol/gbcs/use-cases/use-case-codec.js';
import type { PremisesHarness } from '../../../../support/premises-harness.js';

/** The RTDS's clock for its commands (2015-01-01, what its issuer event ids say). */
export const RTDS_NOW = Date.UTC(2015, 0, 1);
const CRA = { command: 1, response: 2 } as const;

export function command(codec: UseCaseCodec, bytes: Uint8Array): GbcsPayload {
  return decodePayload(codec.messageCode, bytes, 0, CRA.command);
}

export function response(codec: UseCaseCodec, bytes: Uint8Array): GbcsPayload {
  return decodePayload(codec.messageCode, bytes, 0, CRA.response);
}

/** The wire layer sets a DLMS invoke-id from the counter (§14.9): compare with the RTDS one put back. */
function withInvokeId(payload: GbcsPayload, like: GbcsPayload): GbcsPayload {
  return payload.kind === 'dlms' && like.kind === 'dlms'
    ? { kind: 'dlms', apdu: { ...payload.apdu, invokeId: like.apdu.invokeId } }
    : payload;
}

/** (1) The RTDS command decodes to a body, and that body encodes to the RTDS bytes again. */
export function expectCommandRoundTrip(codec: UseCaseCodec, bytes: Uint8Array, target: Eui64): PlainValue {
  const payload = command(codec, bytes);
  const body = codec.decodeCommand(payload);
  const again = codec.encodeCommand(body, { now: RTDS_NOW, target });
  expect(Buffer.from(encodePayload(withInvokeId(again, payload))).toString('hex')).toBe(
    Buffer.from(bytes).toString('hex'),
  );
  return body;
}

/** What a payload is made of, without its values: OBIS codes / attributes / ZCL fields, order and types. */
export function shapeOf(payload: GbcsPayload): unknown {
  if (payload.kind === 'dlms') {
    const a = payload.apdu;
    if (a.type === 'access-response')
      return { type: a.type, data: a.data.map((d) => d.type), specs: a.specs.map((s) => s.type) };
    if (a.type === 'access-request') return { type: a.type, specs: a.specs, data: a.data.map((d) => d.type) };
    return { type: a.type };
  }
  if (payload.kind === 'gbz' && payload.gbz.form === 'frame')
    return payload.gbz.components.map((c) => ({
      cluster: c.clusterId,
      header: c.header,
      kind: c.payload.kind,
      ...(c.payload.kind === 'clusterCommand'
        ? { name: c.payload.name, fields: c.payload.fields.map((f) => [f.name, f.type]) }
        : {}),
      ...(c.payload.kind === 'defaultResponse' ? { commandId: c.payload.commandId } : {}),
    }));
  return payload.kind;
}

/** Run a body on a device of the harness, signed by the supplier when the SR is critical; a GSME takes its commands at its next wake. */
export async function execute(
  h: PremisesHarness,
  to: Eui64,
  variant: string,
  body: PlainValue,
  gas = false,
): Promise<Outcome> {
  const before = h.responses(variant).length;
  const critical = findServiceRequest(variant)?.critical === true;
  await h.send({
    to,
    sr: variant,
    payload: body,
    ...(critical ? { authority: { role: 'Supplier' as const, by: 'supplier' as const } } : {}),
  });
  if (gas) await h.advance(30 * 60_000);
  const answers = h.responses(variant);
  expect(answers.length).toBe(before + 1);
  const answer = h.lastResponse(variant);
  return { status: answer.status, payload: answer.payload };
}

/**
 * (2)/(3) The device's outcome as the use case's response: the same shape as the RTDS response,
 * and read back by the head-end as the same success or failure as the RTDS one.
 */
export function expectResponseLike(
  codec: UseCaseCodec,
  outcome: Outcome,
  rtdsCommand: Uint8Array,
  rtdsResponse: Uint8Array,
  device: Eui64,
): Outcome {
  const ours = codec.encodeResponse(outcome, { now: RTDS_NOW, command: command(codec, rtdsCommand), device });
  const theirs = response(codec, rtdsResponse);
  // Ours must survive the wire: encoded, decoded strictly, it is the same payload.
  const wire = encodePayload(ours);
  expect(shapeOf(response(codec, wire))).toEqual(shapeOf(theirs));
  const told = codec.decodeResponse(response(codec, wire));
  expect(told.status === 'OK').toBe(codec.decodeResponse(theirs).status === 'OK');
  return told;
}
