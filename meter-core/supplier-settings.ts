/**
 * What a supplier sets on a meter beyond tariff and credit (SRs 1.5 credit mode, 1.7, 3.1, 3.4,
 * 3.5, 9.1, 14.1): plain state that reads back and that the display and the reads may show.
 * Defaults are emulator choices: the facts give none.
 */
export interface DisplayMessage {
  readonly text: string;
  readonly shownAt: number;
  /** When it stops being shown; undefined = until replaced (ZSE duration 0xFFFF). */
  readonly until: number | undefined;
}

export interface NetworkSampling {
  readonly sampleId: number;
  readonly startAt: number;
  readonly intervalSeconds: number;
  readonly maxSamples: number;
}

export class SupplierSettings {
  displayMessage: DisplayMessage | undefined;
  supplierName: string | undefined;
  supplierTelephone: string | undefined;
  /** The consumer's privacy PIN protects the display's data until SR 3.5 disables it. */
  privacyPinEnabled = true;
  /** Customer identification number (SR 9.1), shown to the consumer to prove the supplier's call. */
  cin: string | undefined;
  /** SR 1.7: when the tariff block counters were last reset, and the register then. */
  blockCountersResetAt: number | undefined;
  blockCounterBaseUnits = 0;
  /** The credit-mode meter balance in pence (SR 1.5 GCS40c/d): adjusted, reset, never charged by the model. */
  creditModeBalancePence = 0;
  /** SR 14.1: the gas network data sampling in progress. */
  networkSampling: NetworkSampling | undefined;
  private lastSampleId = 0;

  nextSampleId(): number {
    this.lastSampleId = (this.lastSampleId % 0xfffe) + 1; // 0xFFFF means refused (ZSE)
    return this.lastSampleId;
  }
}
