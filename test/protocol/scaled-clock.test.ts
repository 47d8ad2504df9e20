import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ScaledClock } from '../../protocol/index.js';

/** `serve --speed 60`: DCC time runs 60 times the wall clock, and timers fire 60 times sooner. */
describe('ScaledClock', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(Date.UTC(2026, 0, 5, 9, 0));
  });
  afterEach(() => vi.useRealTimers());

  it('starts at the wall clock and moves speed times as fast', () => {
    const clock = new ScaledClock(60);
    expect(clock.now()).toBe(Date.UTC(2026, 0, 5, 9, 0));
    vi.advanceTimersByTime(24 * 60_000); // 24 wall minutes
    expect(clock.now()).toBe(Date.UTC(2026, 0, 6, 9, 0)); // a day
  });

  it('fires a timer after delay / speed of wall time, and not one that was cleared', () => {
    const clock = new ScaledClock(60);
    const fired: string[] = [];
    clock.setTimeout(() => fired.push('half-hour'), 30 * 60_000);
    const cleared = clock.setTimeout(() => fired.push('cleared'), 30 * 60_000);
    clock.clearTimeout(cleared);
    vi.advanceTimersByTime(29_999);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual(['half-hour']);
    expect(clock.now()).toBe(Date.UTC(2026, 0, 5, 9, 30));
  });

  it('refuses a speed that is not above zero', () => {
    expect(() => new ScaledClock(0)).toThrow(RangeError);
    expect(() => new ScaledClock(Number.NaN)).toThrow(RangeError);
  });
});
