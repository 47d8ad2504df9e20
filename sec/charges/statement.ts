import { ChargesError } from './errors.js';

/**
 * The five fixed-charge pots of SEC ch. 9 (§207-253): each is shared by the parties of its class
 * in proportion to their enrolled systems. An electricity system pays three (import supplier,
 * export supplier, electricity distributor), a gas system two (gas supplier, gas transporter).
 */
export const POTS = [
  'importSupplier',
  'exportSupplier',
  'gasSupplier',
  'electricityDistributor',
  'gasTransporter',
] as const;
export type Pot = (typeof POTS)[number];
export type PerPot = Readonly<Record<Pot, number>>;

/** A charging statement: the DCC's prices for a charging year, from a period on. */
export interface ChargingStatement {
  readonly id: number;
  /** The charging year it is for: the year in which that charging year starts (2026 = April 2026 to March 2027). */
  readonly year: number;
  /** The first instant it applies (the start of a quarter: SEC ch. 9, never retroactive). */
  readonly effectiveFrom: number;
  readonly setAt: number;
  /** The DCC's estimated fixed costs for the charging year, pence. */
  readonly fixedCostsPence: number;
  /** Each pot's share of the fixed costs, basis points; they sum to 10,000. */
  readonly potSharesBp: PerPot;
  /** Enrolled systems per class for the period: past plus forecast (the divisor of each pot). */
  readonly systems: PerPot;
  /**
   * Before Go-Live only the DCC's own and governance costs are recovered, spread by the systems
   * mandated for enrolment (SEC ch. 9). Absent: nothing fixed is charged before Go-Live.
   */
  readonly preGoLive?: { readonly costsPence: number; readonly mandatedSystems: PerPot };
  /** Explicit charges: firm for the charging year. */
  readonly pencePerGb: number;
  readonly applicationFeePence: number;
  readonly membershipFeePencePerMonth: number;
  readonly optOutFeePence: number;
}

export type StatementInput = Omit<ChargingStatement, 'id' | 'effectiveFrom' | 'setAt'>;

/** Check a statement before it is stored: named errors, nothing written. */
export function checkStatement(input: StatementInput): void {
  const money = (value: number, field: string) => {
    if (!Number.isSafeInteger(value)) throw new ChargesError('BAD_CHARGES_INPUT', `${field} is whole pence`, field);
    if (value < 0) throw new ChargesError('NEGATIVE_AMOUNT', `${field} may not be negative`, field);
  };
  money(input.fixedCostsPence, 'fixedCostsPence');
  money(input.pencePerGb, 'pencePerGb');
  money(input.applicationFeePence, 'applicationFeePence');
  money(input.membershipFeePencePerMonth, 'membershipFeePencePerMonth');
  money(input.optOutFeePence, 'optOutFeePence');
  for (const pot of POTS) {
    money(input.potSharesBp[pot], `potSharesBp.${pot}`);
    money(input.systems[pot], `systems.${pot}`);
  }
  const sum = POTS.reduce((s, pot) => s + input.potSharesBp[pot], 0);
  if (sum !== 10_000)
    throw new ChargesError(
      'POT_SHARES_NOT_100',
      `the five pot shares must sum to 10000 basis points (100%); they sum to ${sum}`,
      'potSharesBp',
    );
  if (input.preGoLive) {
    money(input.preGoLive.costsPence, 'preGoLive.costsPence');
    for (const pot of POTS) money(input.preGoLive.mandatedSystems[pot], `preGoLive.mandatedSystems.${pot}`);
  }
}

/** The charging year an instant falls in (the calendar year in which it starts). */
export function chargingYearOf(at: number, yearStartMonth: number): number {
  const d = new Date(at);
  return d.getUTCMonth() + 1 >= yearStartMonth ? d.getUTCFullYear() : d.getUTCFullYear() - 1;
}

/**
 * The start of the next charging period after `at`: periods are the quarters of the charging
 * year, because forecasts are revised every three months and a revision applies from the next
 * period, never retroactively (SEC ch. 9). A statement set before its year starts applies from the
 * year's first day.
 */
export function nextPeriodStart(at: number, year: number, yearStartMonth: number): number {
  const yearStart = Date.UTC(year, yearStartMonth - 1, 1);
  if (at < yearStart) return yearStart;
  // Quarters 2 to 4 of the year; after the last has begun, no period of this year is left.
  for (let q = 1; q <= 3; q++) {
    const start = Date.UTC(year, yearStartMonth - 1 + 3 * q, 1);
    if (at < start) return start;
  }
  throw new ChargesError(
    'BAD_CHARGES_INPUT',
    `charging year ${year} has no period left to apply from: set the next year's statement`,
    'year',
  );
}

/** "YYYY-MM" → the first instant of that month and of the next. */
export function monthBounds(month: string): { start: number; end: number } {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!match) throw new ChargesError('BAD_CHARGES_INPUT', `month is YYYY-MM, not ${month}`, 'month');
  const year = Number(match[1]);
  const m = Number(match[2]);
  return { start: Date.UTC(year, m - 1, 1), end: Date.UTC(year, m, 1) };
}

export function monthOf(at: number): string {
  return new Date(at).toISOString().slice(0, 7);
}
