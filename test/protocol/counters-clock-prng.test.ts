import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CounterSource, CounterWindow, parseEui, Prng, VirtualClock } from '../../protocol/index.js';

const A = parseEui('90-B3-D5-1F-30-01-00-00');
const B = parseEui('90-B3-D5-1F-30-03-00-00');

describe('anti-replay counters (GBCS)', () => {
  it('accepts only counters strictly above the last, per originator', () => {
    const window = new CounterWindow();
    expect(window.accept(A, 5n)).toBe(true);
    expect(window.accept(A, 5n)).toBe(false);
    expect(window.accept(A, 4n)).toBe(false);
    expect(window.accept(B, 1n)).toBe(true);
    expect(window.accept(A, 6n)).toBe(true);
    expect(window.lastAccepted(A)).toBe(6n);
  });

  it('sets floors, as a credentials update does', () => {
    const window = new CounterWindow([[A, 10n]]);
    window.setFloor(A, 100n);
    expect(window.isFresh(A, 50n)).toBe(false);
    expect(window.isFresh(A, 101n)).toBe(true);
  });

  it('never accepts a counter at or below one already accepted', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 0n, max: 1000n }), { maxLength: 50 }), (counters) => {
        const window = new CounterWindow();
        let high = -1n;
        for (const c of counters) {
          expect(window.accept(A, c)).toBe(c > high);
          if (c > high) high = c;
        }
      }),
    );
  });

  it('gives UTRN counters with the low 32 bits clear', () => {
    const source = new CounterSource(5n);
    expect(source.nextUtrnCounter()).toBe(1n << 32n);
    expect(source.next()).toBe((1n << 32n) + 1n);
    expect(source.nextUtrnCounter()).toBe(2n << 32n);
  });
});

describe('virtual clock', () => {
  it('fires timers in due order, each at its own time', () => {
    const clock = new VirtualClock(0);
    const fired: [string, number][] = [];
    clock.setTimeout(() => fired.push(['b', clock.now()]), 200);
    clock.setTimeout(() => fired.push(['a', clock.now()]), 100);
    const cancelled = clock.setTimeout(() => fired.push(['x', clock.now()]), 150);
    clock.clearTimeout(cancelled);
    clock.advance(1000);
    expect(fired).toEqual([
      ['a', 100],
      ['b', 200],
    ]);
    expect(clock.now()).toBe(1000);
  });

  it('runs a 30-minute wake cycle without real time passing', async () => {
    const clock = new VirtualClock(0);
    let wakes = 0;
    const wake = () => {
      wakes++;
      if (wakes < 48) clock.setTimeout(wake, 30 * 60_000);
    };
    clock.setTimeout(wake, 30 * 60_000);
    const started = Date.now();
    expect(await clock.runUntilIdle()).toBe(48);
    expect(clock.now()).toBe(24 * 3600_000);
    expect(Date.now() - started).toBeLessThan(5_000); // a bound on a hang, not a speed claim
  });

  it('refuses to go backwards', () => {
    expect(() => new VirtualClock(0).advance(-1)).toThrow(RangeError);
  });
});

describe('seeded PRNG', () => {
  it('replays the same sequence from the same seed', () => {
    const a = new Prng(42);
    const b = new Prng(42);
    expect(Array.from({ length: 5 }, () => a.nextUint32())).toEqual(Array.from({ length: 5 }, () => b.nextUint32()));
  });

  it('gives named streams that do not depend on other draws', () => {
    const root = new Prng('scenario');
    const first = root.stream('meter/1').next();
    root.next();
    root.stream('meter/2').next();
    expect(root.stream('meter/1').next()).toBe(first);
    expect(root.stream('meter/2').next()).not.toBe(first);
  });

  it('stays in range', () => {
    const rng = new Prng(1);
    for (let i = 0; i < 1000; i++) {
      const x = rng.next();
      expect(x >= 0 && x < 1).toBe(true);
      expect(rng.int(7)).toBeLessThan(7);
    }
    expect(rng.bytes(5)).toHaveLength(5);
  });
});

describe('virtual clock ordering under load', () => {
  it('fires thousands of timers in (due, creation) order, skipping cleared ones', () => {
    const clock = new VirtualClock(0);
    const rng = new Prng('timers');
    const expected: [number, number][] = [];
    const fired: [number, number][] = [];
    for (let i = 0; i < 5000; i++) {
      const due = rng.int(1000);
      const handle = clock.setTimeout(() => fired.push([clock.now(), i]), due);
      if (i % 7 === 0) clock.clearTimeout(handle);
      else expected.push([due, i]);
    }
    expected.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    clock.advance(1000);
    expect(fired).toEqual(expected);
    expect(clock.pendingCount).toBe(0);
  });

  it('fires a timer set by a firing timer when it falls due within the same advance', () => {
    const clock = new VirtualClock(0);
    const times: number[] = [];
    clock.setTimeout(() => {
      times.push(clock.now());
      clock.setTimeout(() => times.push(clock.now()), 10);
    }, 10);
    clock.advance(25);
    expect(times).toEqual([10, 20]);
  });
});
