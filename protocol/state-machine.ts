import { SmetsimError } from './errors.js';

export class IllegalTransitionError extends SmetsimError {
  declare readonly code: 'ILLEGAL_TRANSITION';
  constructor(
    readonly machine: string,
    readonly from: string,
    readonly event: string,
  ) {
    super('ILLEGAL_TRANSITION', `${machine}: "${event}" is not allowed in state ${from}`);
  }
}

/** A transition table: for each state, the events it accepts and the state each leads to. */
export type TransitionTable<S extends string, E extends string> = {
  readonly [state in S]: { readonly [event in E]?: S };
};

/**
 * One enum plus a frozen transition table; an illegal transition throws (STYLE: a state machine
 * that only logs is how illegal states creep in).
 */
export class StateMachine<S extends string, E extends string> {
  readonly states: readonly S[];
  readonly events: readonly E[];

  constructor(
    readonly name: string,
    readonly table: TransitionTable<S, E>,
    events: readonly E[],
  ) {
    this.states = Object.keys(table) as S[];
    this.events = events;
    Object.freeze(table);
    for (const state of this.states) Object.freeze(table[state]);
  }

  can(from: S, event: E): boolean {
    return this.table[from]?.[event] !== undefined;
  }

  /** The state after `event`, or IllegalTransitionError. */
  next(from: S, event: E): S {
    const to = this.table[from]?.[event];
    if (to === undefined) throw new IllegalTransitionError(this.name, from, event);
    return to;
  }
}
