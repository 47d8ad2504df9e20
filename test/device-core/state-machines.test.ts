import { describe, expect, it } from 'vitest';
import { DEVICE_LIFECYCLE, JOIN_STATE, PAYMENT_MODE, SUPPLY_SWITCH } from '../../device-core/lifecycles.js';
import { IllegalTransitionError, type StateMachine } from '../../device-core/state-machine.js';

/** Every (state, event) cell: the table's answer or an IllegalTransitionError, nothing else. */
function exhaustive<S extends string, E extends string>(machine: StateMachine<S, E>, expected: Record<S, Partial<Record<E, S>>>) {
  for (const state of machine.states) {
    for (const event of machine.events) {
      const to = expected[state][event];
      if (to === undefined) {
        expect(machine.can(state, event), `${state} --${event}-->`).toBe(false);
        expect(() => machine.next(state, event)).toThrow(IllegalTransitionError);
      } else {
        expect(machine.next(state, event), `${state} --${event}-->`).toBe(to);
      }
    }
  }
}

describe('device state machines, every cell of each table', () => {
  it('device lifecycle: installed → commissioned → decommissioned, never back', () => {
    exhaustive(DEVICE_LIFECYCLE, {
      Installed: { commission: 'Commissioned', decommission: 'Decommissioned' },
      Commissioned: { decommission: 'Decommissioned' },
      Decommissioned: {},
    });
  });

  it('supply switch (SR 7.1-7.3, credit exhaustion, the consumer button)', () => {
    exhaustive(SUPPLY_SWITCH, {
      Enabled: { enable: 'Enabled', disable: 'Disabled', creditExhausted: 'Disabled' },
      Disabled: { enable: 'Enabled', disable: 'Disabled', arm: 'Armed', creditExhausted: 'Disabled' },
      Armed: { enable: 'Enabled', disable: 'Disabled', arm: 'Armed', buttonPress: 'Enabled', creditExhausted: 'Disabled' },
    });
  });

  it('payment mode (SR 1.6)', () => {
    exhaustive(PAYMENT_MODE, { Credit: { toPrepayment: 'Prepayment', toCredit: 'Credit' }, Prepayment: { toCredit: 'Credit', toPrepayment: 'Prepayment' } });
  });

  it('join state (SR 8.7 / 8.8)', () => {
    exhaustive(JOIN_STATE, { NotJoined: { join: 'Joined' }, Joined: { unjoin: 'NotJoined', join: 'Joined' } });
  });

  it('freezes its table', () => {
    expect(Object.isFrozen(SUPPLY_SWITCH.table)).toBe(true);
    expect(Object.isFrozen(SUPPLY_SWITCH.table.Enabled)).toBe(true);
  });

  it('names the machine, state and event when it refuses', () => {
    expect(() => SUPPLY_SWITCH.next('Enabled', 'buttonPress')).toThrow('supply switch: "buttonPress" is not allowed in state Enabled');
  });
});
