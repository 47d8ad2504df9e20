import { expect } from 'vitest';
import { IllegalTransitionError, type StateMachine } from '../../protocol/state-machine.js';

/** Every (state, event) cell of a table: the expected next state, or IllegalTransitionError. */
export function expectExhaustively<S extends string, E extends string>(
  machine: StateMachine<S, E>,
  expected: Record<S, Partial<Record<E, S>>>,
): void {
  for (const state of machine.states) {
    for (const event of machine.events) {
      const to = expected[state][event];
      if (to === undefined) {
        expect(machine.can(state, event), `${state} --${event}-->`).toBe(false);
        expect(() => machine.next(state, event), `${state} --${event}-->`).toThrow(IllegalTransitionError);
      } else {
        expect(machine.next(state, event), `${state} --${event}-->`).toBe(to);
      }
    }
  }
}
