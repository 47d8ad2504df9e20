import { SmetsimError } from '../../protocol/index.js';
import { ENGLAND_AND_WALES_BANK_HOLIDAYS } from './bank-holidays.js';

const DAY_MS = 86_400_000;

export class CalendarError extends SmetsimError {
  constructor(message: string, field?: string) {
    super('BAD_CALENDAR', message, field);
  }
}

/** How a deadline went: met, or late by a number of working days. */
export type DeadlineOutcome = { readonly met: true } | { readonly met: false; readonly lateByWorkingDays: number };

/**
 * The SEC's working days on the injected clock's instants. One meaning everywhere: "within N
 * working days of D" and "by the Nth working day after D" are both the end of the Nth working
 * day counted from the day after D's date (`deadline`). Something done on that day is on time.
 *
 * Emulator choice: an instant's day is its UTC calendar date. The SEC counts days in UK civil
 * time; in British Summer Time the two differ between 23:00 and midnight UTC, which no scenario
 * relies on.
 */
export class WorkingDayCalendar {
  private readonly holidays: ReadonlySet<string>;

  constructor(bankHolidays: readonly string[] = ENGLAND_AND_WALES_BANK_HOLIDAYS) {
    for (const date of bankHolidays)
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date)))
        throw new CalendarError(`bank holiday "${date}" is not an ISO date YYYY-MM-DD`, 'bankHolidays');
    this.holidays = new Set(bankHolidays);
  }

  /** The ISO date of an instant. */
  static dateOf(at: number): string {
    return new Date(at).toISOString().slice(0, 10);
  }

  isWorkingDay(at: number): boolean {
    const day = new Date(at).getUTCDay();
    return day !== 0 && day !== 6 && !this.holidays.has(WorkingDayCalendar.dateOf(at));
  }

  /** Midnight (UTC) at the start of the Nth working day after `at`'s date; n = 0 is `at`'s own day. */
  nthWorkingDayAfter(at: number, n: number): number {
    if (!Number.isInteger(n) || n < 0) throw new CalendarError(`${n} is not a whole number of working days`, 'n');
    let day = startOfDay(at);
    for (let counted = 0; counted < n;) {
      day += DAY_MS;
      if (this.isWorkingDay(day)) counted++;
    }
    return day;
  }

  /** The last instant of the Nth working day after `at`: the deadline "within N working days". */
  deadline(at: number, workingDays: number): number {
    return this.nthWorkingDayAfter(at, workingDays) + DAY_MS - 1;
  }

  /** Working days after `from`'s date up to and including `to`'s date (0 when `to` is not later). */
  workingDaysBetween(from: number, to: number): number {
    let count = 0;
    for (let day = startOfDay(from) + DAY_MS; day <= startOfDay(to); day += DAY_MS) if (this.isWorkingDay(day)) count++;
    return count;
  }

  /** Met when done by the deadline; otherwise late by the working days after the deadline's day. */
  outcome(deadline: number, doneAt: number): DeadlineOutcome {
    if (doneAt <= deadline) return { met: true };
    return { met: false, lateByWorkingDays: Math.max(1, this.workingDaysBetween(deadline, doneAt)) };
  }
}

function startOfDay(at: number): number {
  return Math.floor(at / DAY_MS) * DAY_MS;
}
