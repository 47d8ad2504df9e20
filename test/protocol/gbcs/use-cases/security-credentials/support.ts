import fc from 'fast-check';
import { expect } from 'vitest';
import { asn1, GbcsError, type GbcsPayload } from '../../../../../protocol/gbcs/index.js';
import { UseCaseError, type UseCaseCodec } from '../../../../../protocol/gbcs/use-cases/index.js';
import { USE_CASES } from '../../../../../protocol/gbcs/use-cases/index.js';
import type { ServiceCommand } from '../../../../../device-core/handlers.js';
import type { DeviceType, Eui64, PlainValue } from '../../../../../protocol/index.js';
import { PremisesHarness, START } from '../../../../support/premises-harness.js';

export const der = (bytes: Uint8Array): GbcsPayload => ({ kind: 'der', der: asn1.decodeDer(bytes, 0) });
export const bytesOf = (p: GbcsPayload): Uint8Array => {
  if (p.kind !== 'der') throw new Error(`not DER: ${p.kind}`);
  return asn1.encodeDer(p.der);
};
export const hexOf = (u: Uint8Array): string => Buffer.from(u).toString('hex').toUpperCase();

/**
 * The layout of a DER tree without its values: types, tags, and item counts, recursively. A
 * certificate is one leaf: its inside is the issuing PKI's, not the use case's.
 */
export function shapeOf(n: asn1.DerNode): unknown {
  if (asn1.isCertificate(n)) return 'certificate';
  switch (n.type) {
    case 'sequence':
    case 'set':
      return { [n.type]: n.children.map(shapeOf) };
    case 'tagged':
      return n.constructed ? { [`[${n.tagNumber}]`]: n.children.map(shapeOf) } : `[${n.tagNumber}]`;
    default:
      return n.type;
  }
}

export function codec(useCase: string, device: DeviceType): UseCaseCodec {
  const c = USE_CASES.find((u) => u.useCase === useCase && u.device === device);
  if (!c) throw new Error(`no codec ${useCase} for ${device}`);
  return c;
}

/** An emulated premises whose devices a test drives through their handlers directly. */
export function premises(): PremisesHarness {
  return new PremisesHarness();
}

let counter = 1n;
export function command(
  sr: ServiceCommand['serviceRequest'],
  to: Eui64,
  from: Eui64,
  payload: PlainValue,
): ServiceCommand {
  return {
    kind: 'command',
    header: { originator: from, recipient: to, counter: counter++, createdAt: START },
    serviceRequest: sr,
    payload,
    signatures: [],
  };
}

/** fast-check: random and mutated payloads give the codec's typed errors only. */
export function expectOnlyTypedErrors(c: UseCaseCodec, samples: readonly Uint8Array[]): void {
  const run = (bytes: Uint8Array) => {
    let payload: GbcsPayload;
    try {
      payload = der(bytes);
    } catch (e) {
      expect(e).toBeInstanceOf(GbcsError);
      return;
    }
    for (const f of [() => c.decodeCommand(payload), () => c.decodeResponse(payload)]) {
      try {
        f();
      } catch (e) {
        if (!(e instanceof UseCaseError)) throw e;
      }
    }
  };
  fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), run), { numRuns: 300 });
  const mutated = fc
    .tuple(
      fc.constantFrom(...samples),
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }),
    )
    .map(([s, edits]) => {
      const out = Uint8Array.from(s);
      for (const [at, v] of edits) out[at % out.length] = v;
      return out;
    });
  fc.assert(fc.property(mutated, run), { numRuns: 300 });
}

/** The i-th item of a DER SEQUENCE payload's root. */
export function item(p: GbcsPayload, i: number): asn1.DerNode {
  if (p.kind !== 'der' || p.der.root.type !== 'sequence') throw new Error('not a DER SEQUENCE');
  const n = p.der.root.children[i];
  if (!n) throw new Error(`no item ${i}`);
  return n;
}

/** The root node of a DER payload. */
export function rootOf(p: GbcsPayload): asn1.DerNode {
  if (p.kind !== 'der') throw new Error(`not DER: ${p.kind}`);
  return p.der.root;
}
