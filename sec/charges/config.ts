/** The charging settings (SEC ch. 9); each figure the seed leaves open is one of these, with its default. */
export interface ChargesConfig {
  /** The charging year starts on this month (1-12) and day; SEC ch. 9: 1 April. */
  readonly yearStartMonth: number;
  /** VAT on DCC charges, basis points (2,000 = 20%, the UK standard rate). */
  readonly vatBp: number;
  /**
   * Late payment interest, basis points a year, simple, per day late (days / 365). The seed gives
   * no figure: 800 (8%) after the Late Payment of Commercial Debts Act's margin, with no base rate.
   */
  readonly lateInterestBpPerYear: number;
  /** An invoice is due on this working day after it is issued (the seed is silent: emulator choice). */
  readonly paymentTermsWorkingDays: number;
  /** Credit cover required: this multiple (basis points) of the average of the last invoices. */
  readonly coverMultipleBp: number;
  /** ... over this many recent invoices. */
  readonly coverInvoices: number;
  /** SEC ch. 9/15: the KPI targets per service class (kpi.ts); §395's example is 99% of reads within a set time. */
  readonly kpiTargets: Readonly<Record<'reads' | 'prepayment' | 'commands', { withinMs: number; targetBp: number }>>;
  /** The reduction for a missed KPI, basis points of the month's fixed charges (the seed gives no figure). */
  readonly kpiReductionBp: number;
  /** general: everyone's charges fall when the DCC-wide figure misses; targeted: only the parties whose own figure missed. */
  readonly kpiReductionMode: 'general' | 'targeted';
}

export const DEFAULT_CHARGES_CONFIG: ChargesConfig = {
  yearStartMonth: 4,
  vatBp: 2_000,
  lateInterestBpPerYear: 800,
  paymentTermsWorkingDays: 5,
  // Two months of charges: the month invoiced in arrears, and the month accruing (our reading).
  coverMultipleBp: 20_000,
  coverInvoices: 3,
  // Emulator choices: a read within 30 s, a top-up within 60 s, a command within 60 s (the DCC's own time-outs).
  kpiTargets: {
    reads: { withinMs: 30_000, targetBp: 9_900 },
    prepayment: { withinMs: 60_000, targetBp: 9_900 },
    commands: { withinMs: 60_000, targetBp: 9_900 },
  },
  kpiReductionBp: 500,
  kpiReductionMode: 'targeted',
};
