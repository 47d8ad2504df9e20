import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  generateUtrn,
  nobleCrypto,
  nodeCrypto,
  parseEui,
  UTRN_OFFSET,
  utrnCheckDigit,
  UtrnCounterCache,
  validateUtrn,
  type UtrnCheckContext,
  type UtrnParams,
  type UtrnValueClass,
} from '../../protocol/index.js';
import { privateKeyFromPem } from '../../protocol/crypto/pem.js';
import { TEST_PKI } from '../support/test-pki.js';

const supplier = parseEui('90-B3-D5-1F-30-01-00-00');
const device = parseEui('00-DB-12-34-56-78-90-A0');
const gasMeter = parseEui('00-DB-12-34-56-78-90-A1');
const supplierPp = privateKeyFromPem(readFileSync(TEST_PKI('90b3d51f30010000-pp-ka.key'), 'utf8'));
const otherSupplierPp = privateKeyFromPem(readFileSync(TEST_PKI('90b3d51f30030000-pp-ka.key'), 'utf8'));
const deviceKa = nodeCrypto.keyPairFromSeed(Buffer.from('esme ka'));
const gasKa = nodeCrypto.keyPairFromSeed(Buffer.from('gsme ka'));

const utrnFor = (
  counter: bigint,
  value = 10,
  valueClass: UtrnValueClass = 'pounds',
  target = device,
  key = supplierPp,
) =>
  generateUtrn(nodeCrypto, key, target === device ? deviceKa.publicKey : gasKa.publicKey, {
    originator: supplier,
    target,
    counter,
    value,
    valueClass,
  });

function meter(cache = new UtrnCounterCache(), overrides: Partial<UtrnCheckContext> = {}): UtrnCheckContext {
  return {
    crypto: nodeCrypto,
    device,
    deviceKeyAgreement: deviceKa,
    supplier,
    supplierPrepaymentKey: supplierPp.publicKey,
    cache,
    siblings: [{ device: gasMeter, keyAgreement: gasKa }],
    ...overrides,
  };
}

describe('UTRN generation (FACTS: Prepayment)', () => {
  it('lays out the PTUT: 7 zero bits, 10-bit counter, 2-bit class, 13-bit value, then the MAC', () => {
    const utrn = utrnFor(0x3_0000_0000n, 8191, 'pennies');
    const ptut = BigInt(utrn.slice(0, 19)) - UTRN_OFFSET;
    const high = Number(ptut >> 32n);
    expect(high >>> 25).toBe(0);
    expect((high >>> 15) & 0x3ff).toBe(3);
    expect((high >>> 13) & 0x3).toBe(0);
    expect(high & 0x1fff).toBe(8191);
    expect(Number(utrn[19])).toBe(utrnCheckDigit(utrn.slice(0, 19)));
  });

  it('truncates the counter to 10 bits', () => {
    const high = Number((BigInt(utrnFor(1025n << 32n).slice(0, 19)) - UTRN_OFFSET) >> 32n);
    expect((high >>> 15) & 0x3ff).toBe(1);
  });

  it('is the same with either provider', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 }),
        fc.integer({ min: 0, max: 8191 }),
        fc.constantFrom<UtrnValueClass>('pennies', 'pounds'),
        (n, value, valueClass) => {
          const params: UtrnParams = {
            originator: supplier,
            target: device,
            counter: BigInt(n) << 32n,
            value,
            valueClass,
          };
          expect(generateUtrn(nobleCrypto, supplierPp, deviceKa.publicKey, params)).toBe(
            generateUtrn(nodeCrypto, supplierPp, deviceKa.publicKey, params),
          );
        },
      ),
      { numRuns: 25 },
    );
  });

  it('refuses counters with low bits set, values over 8191 and unknown classes', () => {
    expect(() => utrnFor(0x1_0000_0001n)).toThrow(expect.objectContaining({ code: 'BAD_COUNTER' }));
    expect(() => utrnFor(0x1_0000_0000n, 8192)).toThrow(expect.objectContaining({ field: 'value' }));
    expect(() => utrnFor(0x1_0000_0000n, 1, 'euros' as UtrnValueClass)).toThrow(
      expect.objectContaining({ field: 'class' }),
    );
  });
});

describe('UTRN validation on the meter (FACTS: Prepayment)', () => {
  it('accepts a genuine UTRN and reports its credit', () => {
    const verdict = validateUtrn(utrnFor(1n << 32n, 25, 'pounds'), meter());
    expect(verdict).toEqual({ ok: true, counter: 1n << 32n, value: 25, valueClass: 'pounds', amountPence: 2500 });
    expect(validateUtrn(utrnFor(2n << 32n, 99, 'pennies'), meter())).toMatchObject({ ok: true, amountPence: 99 });
  });

  it('refuses a second use as DUPLICATE (0x8F51)', () => {
    const cache = new UtrnCounterCache();
    const utrn = utrnFor(7n << 32n);
    const first = validateUtrn(utrn, meter(cache));
    expect(first.ok).toBe(true);
    if (first.ok) cache.accept(first.counter);
    expect(validateUtrn(utrn, meter(cache))).toEqual({ ok: false, reason: 'DUPLICATE' });
  });

  it('refuses a changed digit: a bad check digit, or NOT_AUTHENTIC (0x8F63) when the check digit is fixed up', () => {
    const utrn = utrnFor(1n << 32n);
    const flipped = `${utrn.slice(0, 18)}${(Number(utrn[18]) + 1) % 10}${utrn[19]}`;
    expect(validateUtrn(flipped, meter())).toEqual({ ok: false, reason: 'BAD_CHECK_DIGIT' });
    const forged19 = flipped.slice(0, 19);
    expect(validateUtrn(`${forged19}${utrnCheckDigit(forged19)}`, meter())).toEqual({
      ok: false,
      reason: 'NOT_AUTHENTIC',
    });
  });

  it('refuses a UTRN made with another supplier\u2019s key as NOT_AUTHENTIC', () => {
    expect(validateUtrn(utrnFor(1n << 32n, 10, 'pounds', device, otherSupplierPp), meter())).toEqual({
      ok: false,
      reason: 'NOT_AUTHENTIC',
    });
  });

  it('refuses a UTRN for the gas meter of the same premises as WRONG_DEVICE (0x8F64)', () => {
    expect(validateUtrn(utrnFor(1n << 32n, 10, 'pounds', gasMeter), meter())).toEqual({
      ok: false,
      reason: 'WRONG_DEVICE',
    });
    expect(validateUtrn(utrnFor(1n << 32n, 10, 'pounds', gasMeter), meter(undefined, { siblings: [] }))).toEqual({
      ok: false,
      reason: 'NOT_AUTHENTIC',
    });
  });

  it('refuses a counter older than everything the meter remembers as OUT_OF_WINDOW', () => {
    const cache = new UtrnCounterCache(3);
    const early = utrnFor(1n << 32n);
    for (const n of [2n, 3n, 4n]) cache.accept(n << 32n);
    expect(validateUtrn(early, meter(cache))).toEqual({ ok: false, reason: 'OUT_OF_WINDOW' });
    expect(validateUtrn(utrnFor(5n << 32n), meter(cache))).toMatchObject({ ok: true });
  });

  it('accepts UTRNs out of order within the window', () => {
    const cache = new UtrnCounterCache();
    for (const n of [5n, 3n, 4n]) {
      const verdict = validateUtrn(utrnFor(n << 32n), meter(cache));
      expect(verdict).toMatchObject({ ok: true, counter: n << 32n });
      if (verdict.ok) cache.accept(verdict.counter);
    }
  });

  it('rebuilds the full counter across the 10-bit wrap', () => {
    const cache = new UtrnCounterCache(10, [1020]);
    expect(cache.reconstruct(3)).toBe(1027n << 32n); // 3 is far below p=1020: the next lap
    expect(cache.reconstruct(1019)).toBe(1019n << 32n);
    const high = new UtrnCounterCache(10, [1030]); // p = 6
    expect(high.reconstruct(1000)).toBe(1000n << 32n); // far above p: the previous lap
    expect(validateUtrn(utrnFor(1027n << 32n), meter(cache))).toMatchObject({ ok: true, counter: 1027n << 32n });
  });

  it('refuses malformed input without throwing', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 25 }), (text) => {
        const verdict = validateUtrn(text, meter());
        expect(verdict.ok).toBe(false);
      }),
    );
    expect(validateUtrn('99999999999999999999', meter())).toMatchObject({ ok: false });
  });

  it('accepts what it generates, for any counter in the window, value and class', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 0, max: 8191 }),
        fc.constantFrom<UtrnValueClass>('pennies', 'pounds'),
        (n, value, valueClass) => {
          const verdict = validateUtrn(utrnFor(BigInt(n) << 32n, value, valueClass), meter());
          expect(verdict).toMatchObject({ ok: true, value, valueClass, counter: BigInt(n) << 32n });
        },
      ),
      { numRuns: 30 },
    );
  });
});
