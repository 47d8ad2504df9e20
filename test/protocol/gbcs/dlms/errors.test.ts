import { describe, expect, it } from 'vitest';
import { GbcsError } from '../../../../protocol/gbcs/errors.js';
import type { GbcsErrorCode } from '../../../../protocol/gbcs/errors.js';
import { MAX_DATA_DEPTH, decodeDlms, decodeDlmsData, encodeDlms } from '../../../../protocol/gbcs/dlms/index.js';
import type { DlmsApdu, DlmsData } from '../../../../protocol/gbcs/dlms/index.js';
import { hex } from './hex.js';

/** The GbcsError a decode throws; fails the test if it throws anything else or nothing. */
function refusal(run: () => unknown): GbcsError {
  try {
    run();
  } catch (err) {
    if (err instanceof GbcsError) return err;
    throw err;
  }
  throw new Error('expected a GbcsError, nothing was thrown');
}

function expectRefused(bytes: Uint8Array, base: number, code: GbcsErrorCode, offset: number, field?: string): void {
  const err = refusal(() => decodeDlms(bytes, base));
  expect({ code: err.code, offset: err.offset }).toEqual({ code, offset });
  if (field !== undefined) expect(err.field).toBe(field);
}

// ECS40 get ×2 (GBCS-FACTS §8.2), decoded as if it sat at byte 47 of its message.
const ECS40 = hex('D9 200003EA 00 02 01 0001 00005E2C220B 02 01 0001 0100000002FF 02 02 00 00');
const BASE = 47;

describe('GBCS-FACTS §8: typed refusals carry the offset from the message start', () => {
  it('truncated anywhere: TRUNCATED or BAD_LENGTH at or before the cut, never past it', () => {
    for (let cut = 0; cut < ECS40.length; cut++) {
      const err = refusal(() => decodeDlms(ECS40.subarray(0, cut), BASE));
      expect(['TRUNCATED', 'BAD_LENGTH']).toContain(err.code);
      expect(err.offset).toBeGreaterThanOrEqual(BASE);
      expect(err.offset).toBeLessThanOrEqual(BASE + cut);
    }
  });

  it('a cut inside the invoke id is TRUNCATED at the invoke id', () => {
    expectRefused(ECS40.subarray(0, 3), BASE, 'TRUNCATED', BASE + 1, 'dlms.invokeId');
  });

  it('an unknown APDU tag is BAD_TAG at the first byte', () => {
    expectRefused(hex('C0 200003EA 00'), BASE, 'BAD_TAG', BASE, 'dlms.tag');
  });

  it('an unknown request-spec CHOICE is BAD_TAG at that byte', () => {
    const bad = ECS40.slice();
    bad[7] = 0x07;
    expectRefused(bad, BASE, 'BAD_TAG', BASE + 7, 'dlms.specs[0]');
  });

  it('an unknown Data tag is BAD_TAG at the tag', () => {
    const bad = ECS40.slice();
    bad[ECS40.length - 1] = 0x07; // second null-data becomes tag 07, not defined
    expectRefused(bad, BASE, 'BAD_TAG', BASE + ECS40.length - 1, 'dlms.data[1]');
  });

  it('a byte after the APDU is TRAILING at that byte', () => {
    const longer = Uint8Array.from([...ECS40, 0x00]);
    expectRefused(longer, BASE, 'TRAILING', BASE + ECS40.length);
  });

  it('more data items than specs is BAD_VALUE at the data count', () => {
    const bad = hex('D9 200003EA 00 01 01 0001 00005E2C220B 02 02 00 00');
    expectRefused(bad, BASE, 'BAD_VALUE', BASE + 17, 'dlms.data.count');
  });

  it('a count the bytes left cannot hold is BAD_LENGTH before any element is read', () => {
    expectRefused(hex('0F 200007D0 00 01 7F 00 00'), 0, 'BAD_LENGTH', 7, 'dlms.body.count');
    expectRefused(hex('D9 200003EA 00 05 01 0001 00005E2C220B 02'), 0, 'BAD_LENGTH', 6, 'dlms.specs.count');
  });

  it('a length in a longer form than it needs is BAD_LENGTH (§2, strict)', () => {
    expectRefused(hex('0F 200007D0 00 09 81 01 AA'), 0, 'BAD_LENGTH', 7);
    expectRefused(hex('0F 200007D0 00 09 82 0001 AA'), 0, 'BAD_LENGTH', 7);
  });

  it('a length form beyond 82 is BAD_LENGTH', () => {
    expectRefused(hex('0F 200007D0 00 09 83 000001 AA'), 0, 'BAD_LENGTH', 7);
  });

  it('nesting deeper than the limit is TOO_DEEP', () => {
    const deep = Uint8Array.from([
      0x0f,
      0x20,
      0,
      0,
      1,
      0x00,
      ...Array<number>(40)
        .fill(0x02)
        .flatMap((t) => [t, 1]),
      0,
    ]);
    const err = refusal(() => decodeDlms(deep, 0));
    expect(err.code).toBe('TOO_DEEP');
    expect(err.offset).toBe(6 + 2 * (MAX_DATA_DEPTH + 1));
  });

  it('a boolean byte other than 00 or FF is BAD_VALUE', () => {
    expectRefused(hex('0F 200007D0 00 03 01'), 0, 'BAD_VALUE', 7);
  });

  it('an APDU date-time of neither 0 nor 12 bytes is BAD_LENGTH', () => {
    expectRefused(hex('0F 200007D0 05 0102030405 00'), 0, 'BAD_LENGTH', 5, 'dlms.dateTime');
  });

  it('a visible-string with a control character is BAD_VALUE', () => {
    expectRefused(hex('0F 200007D0 00 0A 02 41 0A'), 0, 'BAD_VALUE', 7);
  });

  it('a compact-array whose element takes no bytes is BAD_VALUE', () => {
    expectRefused(hex('0F 200007D0 00 13 00 00'), 0, 'BAD_VALUE', 7);
  });

  it('a compact-array whose contents end inside an element is TRUNCATED', () => {
    const err = refusal(() => decodeDlms(hex('0F 200007D0 00 13 12 03 0001 02'), 0));
    expect(err.code).toBe('TRUNCATED');
    expect(err.offset).toBe(11);
  });

  it('decodeDlmsData refuses trailing bytes after its one value', () => {
    const err = refusal(() => decodeDlmsData(hex('11 05 00'), 100));
    expect({ code: err.code, offset: err.offset }).toEqual({ code: 'TRAILING', offset: 102 });
  });
});

describe('encodeDlms refuses values its fields cannot carry, with a typed error', () => {
  const base: DlmsApdu = {
    type: 'data-notification',
    invokeId: 0x200007d0,
    dateTime: null,
    body: { type: 'null-data' },
  };
  const withBody = (body: DlmsData): DlmsApdu => ({ ...base, body });

  it.each<[string, DlmsApdu]>([
    ['an unsigned of 256', withBody({ type: 'unsigned', value: 256 })],
    ['a fractional long', withBody({ type: 'long', value: 1.5 })],
    ['a visible-string with é', withBody({ type: 'visible-string', value: 'é' })],
    ['a visible-string with Ł (0x141, not clipped to A)', withBody({ type: 'visible-string', value: 'Ł' })],
    ['a visible-string with a newline', withBody({ type: 'visible-string', value: 'a\nb' })],
    ['a bit-string with too few bytes', withBody({ type: 'bit-string', bitLength: 9, bytes: new Uint8Array(1) })],
    ['a long64 beyond 64 bits', withBody({ type: 'long64', value: 1n << 63n })],
    ['an invoke id beyond u32', { ...base, invokeId: 2 ** 32 }],
    [
      'a compact-array element of the wrong type',
      withBody({
        type: 'compact-array',
        description: { type: 'simple', dataType: 'unsigned' },
        items: [{ type: 'long', value: 1 }],
      }),
    ],
    [
      'an access-request with more specs than data',
      {
        type: 'access-request',
        invokeId: 1,
        dateTime: null,
        specs: [{ type: 'get', attribute: { classId: 1, instance: '0-0:1.0.0.255', attributeId: 2 } }],
        data: [],
      },
    ],
    [
      'a descriptor with a malformed OBIS code',
      {
        type: 'access-request',
        invokeId: 1,
        dateTime: null,
        specs: [{ type: 'get', attribute: { classId: 1, instance: '0-0:1.0.0.256', attributeId: 2 } }],
        data: [{ type: 'null-data' }],
      },
    ],
  ])('%s', (_name, apdu) => {
    const err = refusal(() => encodeDlms(apdu));
    expect(err.code).toBe('BAD_VALUE');
  });
});
