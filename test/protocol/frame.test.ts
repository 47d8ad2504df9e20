import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeFrame, encodeCbor, encodeFrame, FrameError, parseEui, type CommandFrame } from '../../protocol/index.js';
import { frameArb } from '../support/frames.js';

const command: CommandFrame = {
  kind: 'command',
  header: {
    originator: parseEui('90-B3-D5-1F-30-01-00-00'),
    recipient: parseEui('00-DB-12-34-56-78-90-A0'),
    counter: 0x1_0000_0001n,
    createdAt: Date.UTC(2026, 10, 28, 12),
  },
  serviceRequest: '4.1.1',
  payload: { register: 'import' },
  signatures: [],
};

/** Decode must return a frame or throw FrameError: nothing else may escape, whatever the bytes. */
function decodeOrTypedError(bytes: Uint8Array): void {
  try {
    decodeFrame(bytes);
  } catch (error) {
    if (!(error instanceof FrameError)) throw new Error(`escaped a non-FrameError: ${String(error)}`);
  }
}

describe('CBOR frames', () => {
  it('round-trips every well-formed frame', () => {
    fc.assert(
      fc.property(frameArb, (frame) => {
        const decoded = decodeFrame(encodeFrame(frame));
        expect(decoded).toEqual(JSON.parse(JSON.stringify(frame, bytesAware), revive));
      }),
      { numRuns: 300 },
    );
  });

  it('encodes the same frame to the same bytes', () => {
    fc.assert(
      fc.property(frameArb, (frame) => {
        expect(Buffer.from(encodeFrame(frame))).toEqual(Buffer.from(encodeFrame(structuredClone(frame))));
      }),
    );
  });

  it('refuses random bytes with FrameError only', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => decodeOrTypedError(bytes)),
      { numRuns: 2000 },
    );
  });

  it('refuses mutated valid frames with FrameError only', () => {
    fc.assert(
      fc.property(
        frameArb,
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }),
        fc.nat(),
        (frame, flips, cut) => {
          const bytes = Buffer.from(encodeFrame(frame));
          for (const [at, value] of flips) bytes[at % bytes.length] = value;
          decodeOrTypedError(bytes);
          decodeOrTypedError(bytes.subarray(0, cut % bytes.length));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('refuses random CBOR values that are not frames with FrameError only', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        let bytes: Uint8Array;
        try {
          bytes = encodeCbor(value as never);
        } catch {
          return; // not encodable: nothing to feed
        }
        decodeOrTypedError(bytes);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses oversize frames before parsing', () => {
    const big = encodeFrame({ ...command, payload: { blob: new Uint8Array(70_000) } });
    expect(() => decodeFrame(big)).toThrow(expect.objectContaining({ code: 'OVERSIZE' }));
    expect(() => decodeFrame(encodeFrame(command), { maxBytes: 10 })).toThrow(
      expect.objectContaining({ code: 'OVERSIZE' }),
    );
  });

  it('refuses an unknown field, naming it', () => {
    const wire = {
      v: 1,
      k: 'C',
      o: Buffer.alloc(8),
      r: Buffer.alloc(8),
      n: Buffer.alloc(8),
      t: 0,
      m: '4.1.1',
      p: null,
      s: [],
      extra: 1,
    };
    expect(() => decodeFrame(encodeCbor(wire))).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_FIELD', field: 'extra' }),
    );
  });

  it('refuses a response-only field on a command', () => {
    const wire = {
      v: 1,
      k: 'C',
      o: Buffer.alloc(8),
      r: Buffer.alloc(8),
      n: Buffer.alloc(8),
      t: 0,
      m: '4.1.1',
      p: null,
      s: [],
      q: Buffer.alloc(8),
    };
    expect(() => decodeFrame(encodeCbor(wire))).toThrow(expect.objectContaining({ code: 'UNKNOWN_FIELD' }));
  });

  it('carries a device status from the one table, and refuses any other (protocol/device-status.ts)', () => {
    const wire = {
      v: 1,
      k: 'R',
      o: Buffer.alloc(8),
      r: Buffer.alloc(8),
      n: Buffer.alloc(8),
      t: 0,
      m: '4.1.1',
      q: Buffer.alloc(8),
      c: 'REFUSED_AUTHORITY',
      p: null,
      s: [],
    };
    expect(decodeFrame(encodeCbor(wire))).toMatchObject({ kind: 'response', status: 'REFUSED_AUTHORITY' });
    expect(() => decodeFrame(encodeCbor({ ...wire, c: 'REFUSED_SIGNATURE' }))).toThrow(
      expect.objectContaining({ code: 'BAD_VALUE', field: 'c' }),
    );
  });

  it('refuses wrong types and wrong lengths, naming the field', () => {
    const base = {
      v: 1,
      k: 'C',
      o: Buffer.alloc(8),
      r: Buffer.alloc(8),
      n: Buffer.alloc(8),
      t: 0,
      m: '4.1.1',
      p: null,
      s: [],
    };
    expect(() => decodeFrame(encodeCbor({ ...base, o: Buffer.alloc(7) }))).toThrow(
      expect.objectContaining({ code: 'BAD_VALUE', field: 'o' }),
    );
    expect(() => decodeFrame(encodeCbor({ ...base, n: 5 }))).toThrow(
      expect.objectContaining({ code: 'WRONG_TYPE', field: 'n' }),
    );
    expect(() => decodeFrame(encodeCbor({ ...base, t: -1 }))).toThrow(
      expect.objectContaining({ code: 'WRONG_TYPE', field: 't' }),
    );
    expect(() => decodeFrame(encodeCbor({ ...base, v: 2 }))).toThrow(
      expect.objectContaining({ code: 'BAD_VALUE', field: 'v' }),
    );
    expect(() => decodeFrame(encodeCbor({ ...base, s: [['Nobody', Buffer.alloc(8), Buffer.alloc(64)]] }))).toThrow(
      expect.objectContaining({ code: 'BAD_VALUE', field: 's[0]' }),
    );
    const { p: _p, ...noPayload } = base;
    expect(() => decodeFrame(encodeCbor(noPayload))).toThrow(
      expect.objectContaining({ code: 'MISSING_FIELD', field: 'p' }),
    );
  });

  it('refuses CBOR tags, trailing bytes and deep nesting', () => {
    const tagged = Buffer.from([0xc1, 0x1a, 0x00, 0x00, 0x00, 0x01]); // tag 1 (epoch date)
    expect(() => decodeFrame(tagged)).toThrow(FrameError);
    const good = Buffer.from(encodeFrame(command));
    expect(() => decodeFrame(Buffer.concat([good, Buffer.from([0x00])]))).toThrow(
      expect.objectContaining({ code: 'MALFORMED' }),
    );
    let deep: unknown = 1;
    for (let i = 0; i < 40; i++) deep = [deep];
    expect(() => decodeFrame(encodeFrame({ ...command, payload: deep as never }))).toThrow(
      expect.objectContaining({ code: 'TOO_DEEP' }),
    );
  });

  it('never lets a __proto__ key touch a prototype', () => {
    // {"__proto__": {"polluted": 1}} as a payload, hand-encoded since JS objects cannot hold the key.
    const evilPayload = Buffer.from('a1695f5f70726f746f5f5fa168706f6c6c75746564 01'.replaceAll(' ', ''), 'hex');
    const frameBytes = Buffer.from(encodeFrame({ ...command, payload: 'PLACEHOLDER' }));
    const placeholder = Buffer.from(encodeCbor('PLACEHOLDER'));
    const at = frameBytes.indexOf(placeholder);
    const evil = Buffer.concat([frameBytes.subarray(0, at), evilPayload, frameBytes.subarray(at + placeholder.length)]);
    const decoded = decodeFrame(evil);
    expect(Object.getPrototypeOf(decoded.payload)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

// Byte strings come back as Buffers; compare them as plain bytes.
function bytesAware(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return { $big: value.toString() };
  if (
    value instanceof Uint8Array ||
    (value && typeof value === 'object' && (value as { type?: string }).type === 'Buffer')
  ) {
    return { $bytes: Buffer.from(value as Uint8Array).toString('hex') };
  }
  return value;
}
function revive(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && '$big' in value) return BigInt((value as { $big: string }).$big);
  if (value && typeof value === 'object' && '$bytes' in value)
    return Buffer.from((value as { $bytes: string }).$bytes, 'hex');
  return value;
}

describe('signed content (pre-commands)', () => {
  it('decodes back to the frame without signatures, and refuses a full frame in that mode', async () => {
    const { signedContent } = await import('../../protocol/index.js');
    const content = signedContent(command);
    expect(decodeFrame(content, { unsigned: true })).toEqual({
      ...command,
      payload: { register: 'import' },
      signatures: [],
    });
    expect(() => decodeFrame(content)).toThrow(expect.objectContaining({ code: 'MISSING_FIELD', field: 's' }));
    expect(() => decodeFrame(encodeFrame(command), { unsigned: true })).toThrow(
      expect.objectContaining({ field: 's' }),
    );
  });
});
