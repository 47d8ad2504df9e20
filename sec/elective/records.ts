import type { Eui64 } from '../../protocol/index.js';
import type { DeadlineOutcome } from '../calendar/working-days.js';

/** SEC ch. 8 (§183-197): an elective service, from request to acceptance (or not). */
export type ElectiveState =
  | 'Requested'
  | 'Evaluated'
  | 'NeedsCoreChange'
  | 'Proceeding'
  | 'Offered'
  | 'Accepted'
  | 'Declined'
  | 'Lapsed'
  | 'Cancelled';

/** The confidential part: terms, type, performance and price (SEC ch. 8). */
export interface ElectiveTerms {
  readonly type: string;
  readonly performance: string;
  readonly pricePencePerMonth: number;
  readonly text: string;
}

export interface ElectiveService {
  readonly id: number;
  readonly parties: readonly Eui64[];
  readonly description: string;
  readonly requestedAt: number;
  readonly state: ElectiveState;
  readonly evaluationDue: number;
  readonly evaluation?: {
    readonly at: number;
    readonly feasible: boolean;
    readonly indicativeCostPence: number;
    readonly note: string;
  };
  readonly proceededAt?: number;
  /** Due only from config.electiveOffersFrom (SEC ch. 8). */
  readonly offerDue?: number;
  readonly offer?: { readonly at: number; readonly terms: ElectiveTerms; readonly acceptBy: number };
  readonly acceptedAt?: number;
  /** Accepted services are take-or-pay (SEC ch. 8): paid for whether used or not. */
  readonly takeOrPay?: boolean;
  readonly cancelled?: { readonly at: number; readonly reason: string };
  /** The parties that consented to disclose the terms; all of them must (SEC ch. 8). */
  readonly disclosureConsents: readonly Eui64[];
}

/** One tracked deadline: met, late by N working days, or still open. */
export interface DeadlineReport {
  readonly name: string;
  readonly due: string;
  readonly done?: string;
  readonly outcome: DeadlineOutcome | { readonly open: true; readonly lateByWorkingDays: number };
}
