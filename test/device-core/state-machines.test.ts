import { describe, expect, it } from 'vitest';
import { expectExhaustively } from '../support/state-machines.js';
import { DEVICE_LIFECYCLE, JOIN_STATE } from '../../device-core/lifecycles.js';
import { PAYMENT_MODE, SUPPLY_SWITCH } from '../../meter-core/meter-states.js';

describe('device state machines, every cell of each table', () => {
  it('device lifecycle: installed → commissioned → decommissioned, never back', () => {
    expectExhaustively(DEVICE_LIFECYCLE, {
      Installed: { commission: 'Commissioned', decommission: 'Decommissioned' },
      Commissioned: { decommission: 'Decommissioned' },
      Decommissioned: {},
    });
  });

  it('supply switch (SR 7.1-7.3, credit exhaustion, the consumer button)', () => {
    expectExhaustively(SUPPLY_SWITCH, {
      Enabled: { enable: 'Enabled', disable: 'Disabled', creditExhausted: 'Disabled' },
      Disabled: { enable: 'Enabled', disable: 'Disabled', arm: 'Armed', creditExhausted: 'Disabled' },
      Armed: {
        enable: 'Enabled',
        disable: 'Disabled',
        arm: 'Armed',
        buttonPress: 'Enabled',
        creditExhausted: 'Disabled',
      },
    });
  });

  it('payment mode (SR 1.6)', () => {
    expectExhaustively(PAYMENT_MODE, {
      Credit: { toPrepayment: 'Prepayment', toCredit: 'Credit' },
      Prepayment: { toCredit: 'Credit', toPrepayment: 'Prepayment' },
    });
  });

  it('join state (SR 8.7 / 8.8)', () => {
    expectExhaustively(JOIN_STATE, { NotJoined: { join: 'Joined' }, Joined: { unjoin: 'NotJoined', join: 'Joined' } });
  });

  it('freezes its table', () => {
    expect(Object.isFrozen(SUPPLY_SWITCH.table)).toBe(true);
    expect(Object.isFrozen(SUPPLY_SWITCH.table.Enabled)).toBe(true);
  });

  it('names the machine, state and event when it refuses', () => {
    expect(() => SUPPLY_SWITCH.next('Enabled', 'buttonPress')).toThrow(
      'supply switch: "buttonPress" is not allowed in state Enabled',
    );
  });
});
