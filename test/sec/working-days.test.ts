import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ENGLAND_AND_WALES_BANK_HOLIDAYS } from '../../sec/calendar/bank-holidays.js';
import { CalendarError, WorkingDayCalendar } from '../../sec/calendar/working-days.js';

const DAY = 86_400_000;
const at = (date: string, time = '12:00') => Date.parse(`${date}T${time}:00Z`);
const calendar = new WorkingDayCalendar();

describe('SEC working days (England and Wales)', () => {
  it('no bank holiday in the table falls at a weekend (substitute days are in the table instead)', () => {
    for (const date of ENGLAND_AND_WALES_BANK_HOLIDAYS) {
      const day = new Date(`${date}T00:00:00Z`).getUTCDay();
      expect([0, 6], date).not.toContain(day);
    }
  });

  it('weekends and bank holidays are not working days', () => {
    expect(calendar.isWorkingDay(at('2026-04-03'))).toBe(false); // Good Friday
    expect(calendar.isWorkingDay(at('2026-04-06'))).toBe(false); // Easter Monday
    expect(calendar.isWorkingDay(at('2026-04-04'))).toBe(false); // Saturday
    expect(calendar.isWorkingDay(at('2026-12-28'))).toBe(false); // substitute Boxing Day
    expect(calendar.isWorkingDay(at('2026-04-07'))).toBe(true);
  });

  it('the 10th working day after a date skips Easter 2026', () => {
    // From Wednesday 1 April: 2 (Thu), then 7, 8, 9, 10, 13, 14, 15, 16, 17 April (3 and 6 April out).
    expect(WorkingDayCalendar.dateOf(calendar.nthWorkingDayAfter(at('2026-04-01'), 10))).toBe('2026-04-17');
    expect(WorkingDayCalendar.dateOf(calendar.deadline(at('2026-04-01'), 10))).toBe('2026-04-17');
    expect(calendar.deadline(at('2026-04-01'), 10)).toBe(at('2026-04-17', '23:59') + 59_999);
  });

  it('20 working days over Christmas 2026 ends on 21 January 2027', () => {
    // From 21 Dec: 22, 23, 24, 29, 30, 31 Dec, then 4-8, 11-15, 18-21 Jan (25 and 28 Dec, 1 Jan out).
    expect(WorkingDayCalendar.dateOf(calendar.deadline(at('2026-12-21'), 20))).toBe('2027-01-21');
  });

  it('a table override replaces the holidays', () => {
    const custom = new WorkingDayCalendar(['2026-04-07']);
    expect(custom.isWorkingDay(at('2026-04-03'))).toBe(true);
    expect(custom.isWorkingDay(at('2026-04-07'))).toBe(false);
    expect(() => new WorkingDayCalendar(['7 April'])).toThrow(CalendarError);
  });

  it('a deadline is met on its last day and late by working days after it', () => {
    const deadline = calendar.deadline(at('2026-04-01'), 10); // Friday 17 April
    expect(calendar.outcome(deadline, at('2026-04-17', '23:00'))).toEqual({ met: true });
    expect(calendar.outcome(deadline, at('2026-04-20'))).toEqual({ met: false, lateByWorkingDays: 1 });
    expect(calendar.outcome(deadline, at('2026-04-21'))).toEqual({ met: false, lateByWorkingDays: 2 });
    expect(calendar.outcome(deadline, at('2026-04-18'))).toEqual({ met: false, lateByWorkingDays: 1 });
  });

  const instant = fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2030, 10, 1) });
  const count = fc.integer({ min: 0, max: 60 });

  it('property: the Nth working day after is a working day, N working days later, and N+1 is later still', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 60 }), (from, n) => {
        const day = calendar.nthWorkingDayAfter(from, n);
        expect(calendar.isWorkingDay(day)).toBe(true);
        expect(calendar.workingDaysBetween(from, day)).toBe(n);
        expect(calendar.nthWorkingDayAfter(from, n + 1)).toBeGreaterThan(day);
      }),
    );
  });

  it('property: "within N working days" and "by the Nth working day after" are one deadline', () => {
    fc.assert(
      fc.property(instant, count, (from, n) => {
        const deadline = calendar.deadline(from, n);
        expect(deadline).toBe(calendar.nthWorkingDayAfter(from, n) + DAY - 1);
        expect(calendar.outcome(deadline, deadline)).toEqual({ met: true });
        const late = calendar.outcome(deadline, deadline + 1);
        expect(late.met).toBe(false);
      }),
    );
  });

  it('property: adding working days composes (a then b is a + b)', () => {
    fc.assert(
      fc.property(instant, count, count, (from, a, b) => {
        expect(calendar.nthWorkingDayAfter(calendar.nthWorkingDayAfter(from, a), b)).toBe(
          calendar.nthWorkingDayAfter(from, a + b),
        );
      }),
    );
  });
});
