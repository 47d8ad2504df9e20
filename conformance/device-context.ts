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
];

/** Emergency credit is offered only below its threshold (£5 by default, docs/ARCHITECTURE.md): a low balance. */
const LOW_CREDIT: DeviceContext = { options: { paymentMode: 'Prepayment', initialBalancePence: 100 } };

const CONTEXTS: Readonly<Record<string, DeviceContext>> = {
  ...Object.fromEntries(PREPAYMENT_USE_CASES.map((u) => [u, PREPAYMENT])),
  // The ERROR variant of 2.5 is emergency credit asked for while the balance is above the threshold.
  ECS09: LOW_CREDIT,
  GCS06: LOW_CREDIT,
  'ECS09/ERROR': PREPAYMENT,
  'GCS06/ERROR': PREPAYMENT,
  // 8.1.1 commissions a device that is installed and in the device log, not yet commissioned.
  ECS70Commission: { prepare: (home) => (home.esme.lifecycle = 'Installed') },
  GCS28Commission: { prepare: (home) => (home.gsme.lifecycle = 'Installed') },
};

/** The use case from an RTDS folder name: `4.1.1_ECS17b` → `ECS17b`, `NA_PCS01` → `PCS01`. */
export function useCaseOfFolder(folder: string): string {
  return folder.slice(folder.indexOf('_') + 1);
}

/** The context of one RTDS command file: its ERROR variant's own when the table has one (`ECS09/ERROR`). */
export function contextFor(useCase: string, file = ''): DeviceContext {
  const error = /_ERROR_/i.test(file) ? CONTEXTS[`${useCase}/ERROR`] : undefined;
  return error ?? CONTEXTS[useCase] ?? {};
}
