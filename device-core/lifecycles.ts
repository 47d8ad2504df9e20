import { StateMachine } from '../protocol/state-machine.js';

/** A device's own lifecycle (GBCS): installed on the HAN, commissioned by its supplier, retired. */
export type DeviceLifecycle = 'Installed' | 'Commissioned' | 'Decommissioned';
export type LifecycleEvent = 'commission' | 'decommission';
export const DEVICE_LIFECYCLE = new StateMachine<DeviceLifecycle, LifecycleEvent>(
  'device lifecycle',
  {
    Installed: { commission: 'Commissioned', decommission: 'Decommissioned' },
    Commissioned: { decommission: 'Decommissioned' },
    Decommissioned: {},
  },
  ['commission', 'decommission'],
);

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

/** A HAN device's join state with the meter it reads (SR 8.7 join, 8.8 unjoin). */
export type JoinState = 'NotJoined' | 'Joined';
export type JoinEvent = 'join' | 'unjoin';
export const JOIN_STATE = new StateMachine<JoinState, JoinEvent>(
  'join state',
  {
    NotJoined: { join: 'Joined' },
    Joined: { unjoin: 'NotJoined', join: 'Joined' },
  },
  ['join', 'unjoin'],
);
