import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GbcsError } from '../../../../protocol/gbcs/errors.js';
import { decodeDer, encodeDer } from '../../../../protocol/gbcs/asn1/index.js';
import type { DerNode } from '../../../../protocol/gbcs/asn1/index.js';
import { hex } from '../zcl/hex.js';

/** decodeDer returns a value that re-encodes to exactly the input, or throws a GbcsError within it. */
function decodeIsCanonicalOrTyped(bytes: Uint8Array, base: number): void {
  let p;
  try {
    p = decodeDer(bytes, base);
  } catch (err) {
    if (!(err instanceof GbcsError)) throw err;
    expect(err.offset).toBeGreaterThanOrEqual(base);
    expect(err.offset).toBeLessThanOrEqual(base + bytes.length);
    return;
  }
  expect(encodeDer(p)).toEqual(bytes);
}

const printable = fc.stringMatching(/^[A-Za-z0-9 '()+,\-./:=?]{0,20}$/);
const digits = (n: number): fc.Arbitrary<string> => fc.stringMatching(new RegExp(`^\\d{${n}}$`));
const oid = fc
  .tuple(
    fc.constantFrom(0, 1, 2),
    fc.nat({ max: 39 }),
    fc.array(fc.bigInt({ min: 0n, max: 1n << 70n }), { maxLength: 5 }),
  )
  .map(([a, b, rest]) => [a, a === 2 ? b + 1000 : b, ...rest].join('.'));

const leaf: fc.Arbitrary<DerNode> = fc.oneof(
  fc.boolean().map((value) => ({ type: 'boolean' as const, value })),
  fc.bigInt({ min: -(1n << 80n), max: 1n << 80n }).map((value) => ({ type: 'integer' as const, value })),
  fc.bigInt({ min: -1000n, max: 1000n }).map((value) => ({ type: 'enumerated' as const, value })),
  fc.tuple(fc.uint8Array({ minLength: 1, maxLength: 10 }), fc.nat({ max: 7 })).map(([bytes, u]) => {
    const b = Uint8Array.from(bytes);
    b[b.length - 1] = b[b.length - 1]! & ~((1 << u) - 1) & 0xff;
    return { type: 'bitString' as const, unusedBits: u, bytes: b };
  }),
  fc.uint8Array({ maxLength: 300 }).map((value) => ({ type: 'octetString' as const, value })),
  fc.constant({ type: 'null' as const }),
  oid.map((value) => ({ type: 'oid' as const, value })),
  fc.string({ unit: 'grapheme', maxLength: 10 }).map((value) => ({ type: 'utf8String' as const, value })),
  printable.map((value) => ({ type: 'printableString' as const, value })),
  fc.string({ unit: 'binary-ascii', maxLength: 10 }).map((value) => ({ type: 'ia5String' as const, value })),
  digits(12).map((d) => ({ type: 'utcTime' as const, value: `${d}Z` })),
  digits(14).map((d) => ({ type: 'generalizedTime' as const, value: `${d}Z` })),
  fc
    .record({
      tagClass: fc.constantFrom('context' as const, 'application' as const, 'private' as const),
      tagNumber: fc.nat({ max: 30 }),
      content: fc.uint8Array({ maxLength: 20 }),
    })
    .map((t) => ({ type: 'tagged' as const, constructed: false as const, ...t })),
);

/** Adds a longer-than-needed length form where one exists (the RTDS `82 00 xx` case). */
function withLengthForm(n: DerNode, form: 0 | 1 | 2): DerNode {
  const b = encodeDer({ root: n });
  const first = b[1]!;
  const contentLength = first < 0x80 ? first : first === 0x81 ? b[2]! : (b[2]! << 8) | b[3]!;
  if (form === 1 && contentLength < 0x80) return { ...n, lengthBytes: 1 };
  if (form === 2 && contentLength < 0x100) return { ...n, lengthBytes: 2 };
  return n;
}

const { node } = fc.letrec<{ node: DerNode }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc
      .record({
        type: fc.constantFrom('sequence' as const, 'set' as const),
        children: fc.array(tie('node'), { maxLength: 4 }),
      })
      .map((x): DerNode => x),
    fc
      .record({
        tagClass: fc.constantFrom('context' as const, 'application' as const),
        tagNumber: fc.nat({ max: 30 }),
        children: fc.array(tie('node'), { maxLength: 3 }),
      })
      .map((t): DerNode => ({ type: 'tagged', constructed: true, ...t })),
  ),
}));

const nodeWithForms = fc.tuple(node, fc.constantFrom<0 | 1 | 2>(0, 0, 1, 2)).map(([n, f]) => withLengthForm(n, f));

const SEEDS = [
  hex('3010020102040800DB12345678909C020103'), // CS03B join command
  hex('3014180F32303134313233313233333030305A020100'), // GCS28 response
  hex('3082001A 3018 03020780 0408 90B3D51F30010000 0408 44899792D196F4B8'), // CS02f-like, 82 00 xx length
  hex('300E 0603551D0F 0101FF 0404 03020780'), // key-usage extension
];

describe('DER codec properties (fast-check)', () => {
  it('random bytes give a canonical value or a GbcsError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.nat({ max: 1000 }), (bytes, base) => {
        decodeIsCanonicalOrTyped(bytes, base);
        decodeIsCanonicalOrTyped(Uint8Array.of(0x30, bytes.length, ...bytes), base);
      }),
      { numRuns: 2000 },
    );
  });

  it('mutated RTDS payloads give a canonical value or a GbcsError', () => {
    const mutation = fc.record({
      seed: fc.constantFrom(...SEEDS),
      edits: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 3 }),
      cut: fc.nat(),
    });
    fc.assert(
      fc.property(mutation, ({ seed, edits, cut }) => {
        const b = Uint8Array.from(seed);
        for (const [at, v] of edits) b[at % b.length] = v;
        decodeIsCanonicalOrTyped(b, 3);
        decodeIsCanonicalOrTyped(b.subarray(0, cut % (b.length + 1)), 3);
      }),
      { numRuns: 2000 },
    );
  });

  it('arbitrary valid trees round-trip through encode and decode', () => {
    fc.assert(
      fc.property(nodeWithForms, (root) => {
        const bytes = encodeDer({ root });
        const back = decodeDer(bytes, 0);
        expect(back.root).toEqual(root);
        expect(encodeDer(back)).toEqual(bytes);
      }),
      { numRuns: 1000 },
    );
  });
});
