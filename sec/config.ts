/** The SEC side's settings; every figure the seed leaves open is one of these, with its default. */
export interface SecConfig {
  /** SEC ch. 5: the six-month rule runs from the later of accession and Go-Live (ms since epoch). */
  readonly goLive: number;
  /** The application fee, integer pence (SEC ch. 5; the charges issue will set it). */
  readonly applicationFeePence: number;
  /** SEC ch. 6: the credit cover that proves financial security, integer pence, until the charges issue computes it. */
  readonly creditCoverPence: number;
  /**
   * SEC ch. 20: the minimum notice before a voluntary withdrawal takes effect, in working days.
   * The seed cites 28 days (BSC) and 30 working days (MRA); we default to the MRA's 30 working
   * days, so that the notice is counted on the same working-day calendar as every other clock.
   */
  readonly withdrawalNoticeWorkingDays: number;
  /** SEC ch. 20: how long a party that left may still read its inbox (working days; an emulator choice). */
  readonly inboxRetentionWorkingDays: number;
  /** SEC ch. 19: a material breach becomes an event of default when not remedied within this many days. */
  readonly breachRemedyDays: number;
  /** SEC ch. 19: a payment outstanding on this working day after the DCC's notice is an event of default. */
  readonly paymentWorkingDays: number;
  /** SEC ch. 19: a credit-cover shortfall not made good within this many working days (the seed gives no figure: emulator choice). */
  readonly creditCoverRemedyWorkingDays: number;
  /** SEC ch. 8 (FACTS: Timing): the initial evaluation within 10 working days, the firm offer within 20. */
  readonly evaluationWorkingDays: number;
  readonly offerWorkingDays: number;
  /** SEC ch. 8: how long a firm offer stays open. An open question in the seed: configurable, default 30 working days. */
  readonly offerAcceptanceWorkingDays: number;
  /** SEC ch. 8: offers (and their deadlines) are only due from this date (ms since epoch). */
  readonly electiveOffersFrom: number;
  /** England and Wales bank holidays (ISO dates) replacing the built-in table, if given. */
  readonly bankHolidays?: readonly string[];
}

export const DEFAULT_SEC_CONFIG: SecConfig = {
  goLive: Date.UTC(2026, 0, 1),
  applicationFeePence: 50_000,
  creditCoverPence: 1_000_000,
  withdrawalNoticeWorkingDays: 30,
  inboxRetentionWorkingDays: 5,
  breachRemedyDays: 30,
  paymentWorkingDays: 10,
  creditCoverRemedyWorkingDays: 5,
  evaluationWorkingDays: 10,
  offerWorkingDays: 20,
  offerAcceptanceWorkingDays: 30,
  electiveOffersFrom: Date.UTC(2026, 0, 1),
};
