import type { Eui64 } from '../../protocol/index.js';

/** SEC ch. 5: an application to accede, with what the Panel decided. */
export interface Application {
  readonly id: number;
  readonly party: Eui64;
  readonly company: { readonly name: string; readonly number: string; readonly registeredAddress: string };
  readonly legal: { readonly licensed: boolean; readonly licenceBindsToSec: boolean; readonly signatory: string };
  readonly financial: { readonly creditRating?: string; readonly bankAccount?: string };
  readonly feePence: number;
  readonly submittedAt: number;
  readonly state: 'Submitted' | 'Admitted' | 'Refused' | 'Appealed' | 'AppealUpheld' | 'AppealDismissed';
  readonly decidedAt?: number;
  readonly reason?: string;
  readonly appeal?: {
    readonly at: number;
    readonly grounds: string;
    readonly decidedAt?: number;
    readonly reason?: string;
  };
}

/** SEC ch. 19: the kinds of event of default, each with its own clock. */
export type DefaultKind = 'materialBreach' | 'payment' | 'creditCoverShortfall' | 'insolvency';

/** A matter that may become an event of default when its clock runs out. */
export interface DefaultClock {
  readonly id: number;
  readonly kind: DefaultKind;
  readonly openedAt: number;
  /** When the clock runs out (end of its last day); insolvency has none: it is a default at once. */
  readonly deadline: number;
  readonly description: string;
  readonly amountPence?: number;
  readonly remediedAt?: number;
  /** When it became an event of default. */
  readonly defaultAt?: number;
}

export interface RectificationPlan {
  readonly demandedAt: number;
  readonly deadline: number;
  readonly reason: string;
  readonly submittedAt?: number;
  readonly text?: string;
  readonly approvedAt?: number;
}

export interface WithdrawalNotice {
  readonly givenAt: number;
  readonly effectiveAt: number;
  readonly state: 'Pending' | 'Effective' | 'Refused';
  readonly reason?: string;
}

/** The SEC side's record of one party. */
export interface SecParty {
  readonly party: Eui64;
  readonly licensed: boolean;
  readonly boundByLicence: boolean;
  readonly accededAt?: number;
  /** SEC ch. 5: the Panel's extension of the six-month rule. */
  readonly sixMonthsExtendedTo?: number;
  readonly creditCoverPence: number;
  readonly clocks: readonly DefaultClock[];
  readonly plan?: RectificationPlan;
  readonly withdrawal?: WithdrawalNotice;
  /** SEC ch. 6: how each entry process was passed. */
  readonly entry: Readonly<
    Record<string, { readonly at: number; readonly by: 'test' | 'attestation'; readonly detail: string }>
  >;
  /** SEC ch. 8: has requested an elective or new core service (the six-month rule). */
  readonly requestedService?: number;
}

/** A notice: one event, with its reason, date and the parties it was sent to. */
export interface Notice {
  readonly id: number;
  readonly at: number;
  readonly kind: string;
  readonly subject: Eui64;
  readonly reason: string;
  readonly detail: Readonly<Record<string, unknown>>;
  readonly recipients: readonly Eui64[];
}
