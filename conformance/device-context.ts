import type { RtdsPremises, RtdsPremisesOptions } from '../world/rtds-premises.js';

/**
 * The device state an RTDS command assumes (issue 13 §4: "set the device state from the
 * command's context"). The RTDS gives no state, only the messages; this table reads it from what
 * the use case means (GBCS use-case names, FACTS.md). By default the premises is as a finished
 * install leaves it: commissioned, credit mode, displays joined.
 */
export interface DeviceContext {
  readonly options?: Pick<RtdsPremisesOptions, 'paymentMode' | 'initialBalancePence' | 'state'>;
  readonly prepare?: (home: RtdsPremises) => void;
}

const PREPAYMENT: DeviceContext = { options: { paymentMode: 'Prepayment', initialBalancePence: 2_000 } };

/** Use cases that act on a prepayment meter: top-ups, balance, debt, emergency credit, the switch back to credit. */
const PREPAYMENT_USE_CASES = [
  'CS01a',
  'CS01b',
  'ECS02',
  'GCS02',
  'ECS04a',
  'ECS04b',
  'GCS40a',
  'GCS40b',
  'GCS40c',
  'GCS40d',
  'ECS07',
  'GCS04',
  'ECS09',
  'GCS06',
];

const CONTEXTS: Readonly<Record<string, DeviceContext>> = {
  ...Object.fromEntries(PREPAYMENT_USE_CASES.map((u) => [u, PREPAYMENT])),
  // 8.1.1 commissions a device that is installed and in the device log, not yet commissioned.
  ECS70Commission: { prepare: (home) => (home.esme.lifecycle = 'Installed') },
  GCS28Commission: { prepare: (home) => (home.gsme.lifecycle = 'Installed') },
};

/** The use case from an RTDS folder name: `4.1.1_ECS17b` → `ECS17b`, `NA_PCS01` → `PCS01`. */
export function useCaseOfFolder(folder: string): string {
  return folder.slice(folder.indexOf('_') + 1);
}

export function contextFor(useCase: string): DeviceContext {
  return CONTEXTS[useCase] ?? {};
}
