/** What one check found. `absent`: the message carries no such protection (e.g. a pre-command's signature). */
export type CheckOutcome =
  | { readonly status: 'valid' }
  | { readonly status: 'invalid' }
  | { readonly status: 'not-checked'; readonly reason: string }
  | { readonly status: 'absent' };

export const VALID: CheckOutcome = { status: 'valid' };
export const INVALID: CheckOutcome = { status: 'invalid' };
export const ABSENT: CheckOutcome = { status: 'absent' };

export function notChecked(reason: string): CheckOutcome {
  return { status: 'not-checked', reason };
}

/** `valid`, `invalid`, `not checked (no KA key for …)`, `none`: the words `smetsim gbcs decode` prints. */
export function describeOutcome(outcome: CheckOutcome): string {
  switch (outcome.status) {
    case 'valid':
      return 'valid';
    case 'invalid':
      return 'invalid';
    case 'absent':
      return 'none';
    case 'not-checked':
      return `not checked (${outcome.reason})`;
  }
}
