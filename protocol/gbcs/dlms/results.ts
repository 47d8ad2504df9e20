/**
 * Result codes of access-response specifications (GBCS-FACTS §8.3): Data-Access-Result for get
 * and set, Action-Result for action. Codes 0–14 and 250 are shared; the rest differ.
 */
export const DATA_ACCESS_RESULT = {
  0: 'success',
  1: 'hardware-fault',
  2: 'temporary-failure',
  3: 'read-write-denied',
  4: 'object-undefined',
  9: 'object-class-inconsistent',
  11: 'object-unavailable',
  12: 'type-unmatched',
  13: 'scope-of-access-violated',
  14: 'data-block-unavailable',
  15: 'long-get-aborted',
  16: 'no-long-get-in-progress',
  17: 'long-set-aborted',
  18: 'no-long-set-in-progress',
  19: 'data-block-number-invalid',
  250: 'other-reason',
} as const;

export const ACTION_RESULT = {
  0: 'success',
  1: 'hardware-fault',
  2: 'temporary-failure',
  3: 'read-write-denied',
  4: 'object-undefined',
  9: 'object-class-inconsistent',
  11: 'object-unavailable',
  12: 'type-unmatched',
  13: 'scope-of-access-violated',
  14: 'data-block-unavailable',
  15: 'long-action-aborted',
  16: 'no-long-action-in-progress',
  250: 'other-reason',
} as const;

/** The name of a response spec's result, or undefined for a code neither table defines. */
export function resultName(kind: 'get' | 'set' | 'action', code: number): string | undefined {
  const table: Readonly<Record<number, string>> = kind === 'action' ? ACTION_RESULT : DATA_ACCESS_RESULT;
  return table[code];
}
