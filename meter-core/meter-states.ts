import { StateMachine } from '../protocol/state-machine.js';

/**
 * The ESME supply switch, or the GSME valve (SR 7.1-7.3, prepayment disablement). A disabled
 * supply must be armed and then enabled by the consumer's button, or enabled remotely.
 * Re-sending the state a switch is already in is accepted, as meters do.
 */
export type SupplyState = 'Enabled' | 'Disabled' | 'Armed';
export type SupplyEvent = 'enable' | 'disable' | 'arm' | 'creditExhausted' | 'buttonPress';
export const SUPPLY_SWITCH = new StateMachine<SupplyState, SupplyEvent>(
  'supply switch',
  {
    Enabled: { enable: 'Enabled', disable: 'Disabled', creditExhausted: 'Disabled' },
    Disabled: { enable: 'Enabled', disable: 'Disabled', arm: 'Armed', creditExhausted: 'Disabled' },
    Armed: {
      enable: 'Enabled',
      disable: 'Disabled',
      arm: 'Armed',
      buttonPress: 'Enabled',
      creditExhausted: 'Disabled',
    },
  },
  ['enable', 'disable', 'arm', 'creditExhausted', 'buttonPress'],
);

/** SR 1.6 Update Payment Mode. */
export type PaymentMode = 'Credit' | 'Prepayment';
export type PaymentModeEvent = 'toCredit' | 'toPrepayment';
export const PAYMENT_MODE = new StateMachine<PaymentMode, PaymentModeEvent>(
  'payment mode',
  {
    Credit: { toPrepayment: 'Prepayment', toCredit: 'Credit' },
    Prepayment: { toCredit: 'Credit', toPrepayment: 'Prepayment' },
  },
  ['toCredit', 'toPrepayment'],
);
