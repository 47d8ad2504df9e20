import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../bin/cli-errors.js';
import { parseDuration } from '../../bin/duration.js';

describe('parseDuration (every duration on the command line)', () => {
  it.each([
    ['90s', 90_000],
    ['5m', 300_000],
    ['1h30m', 5_400_000],
    ['2d', 172_800_000],
    ['250ms', 250],
    ['1m30s', 90_000],
    ['1d2h3m4s5ms', 93_784_005],
    ['0s', 0],
    ['1h0m', 3_600_000],
  ])('reads %s as %i ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each([
    ['', /empty/],
    ['30', /a number needs a unit/],
    ['5x', /at "5x"/],
    ['1h30x', /at "30x"/],
    ['1.5h', /at "1\.5h"/],
    ['-5s', /at "-5s"/],
    ['1 h', /at "1 h"/],
    ['30m1h', /h out of order or repeated/],
    ['1m1m', /m out of order or repeated/],
    ['h', /at "h"/],
    ['1H', /at "1H"/],
    ['99999999999999999999d', /too long/],
  ])('refuses %j, naming the option and saying why', (text, why) => {
    let thrown: unknown;
    try {
      parseDuration(text, '--grace');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UsageError);
    expect((thrown as UsageError).message).toMatch(why);
    expect((thrown as UsageError).message).toMatch(/^--grace ".*" is not a duration/);
    expect((thrown as UsageError).field).toBe('--grace');
  });

  it('reads any well-ordered compound form as the sum of its parts', () => {
    const part = fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: undefined });
    fc.assert(
      fc.property(fc.tuple(part, part, part, part, part), (counts) => {
        const units = [
          ['d', 86_400_000],
          ['h', 3_600_000],
          ['m', 60_000],
          ['s', 1_000],
          ['ms', 1],
        ] as const;
        const present = units.flatMap(([unit, ms], i) =>
          counts[i] === undefined ? [] : [[counts[i], unit, ms] as const],
        );
        fc.pre(present.length > 0);
        const text = present.map(([n, unit]) => `${n}${unit}`).join('');
        expect(parseDuration(text)).toBe(present.reduce((sum, [n, , ms]) => sum + n * ms, 0));
      }),
    );
  });

  it('gives a number or a UsageError for any string, nothing else', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[0-9dhms.]{0,12}$/)), (text) => {
        try {
          expect(Number.isSafeInteger(parseDuration(text))).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(UsageError);
        }
      }),
    );
  });
});
