/** DUIS command variants: how a request travels (FACTS: Command variants). */
export const COMMAND_VARIANTS = {
  1: { critical: false, delivery: 'wan', meaning: 'non-critical, sent to the device over the WAN' },
  2: { critical: false, delivery: 'local', meaning: 'non-critical, returned to the user for local delivery' },
  3: { critical: false, delivery: 'both', meaning: 'non-critical, both WAN and local' },
  4: { critical: true, delivery: 'pre-command', meaning: 'critical: transformed and returned as a pre-command' },
  5: { critical: true, delivery: 'wan', meaning: 'a signed pre-command, sent to the device over the WAN' },
  6: { critical: true, delivery: 'local', meaning: 'a signed pre-command returned for local delivery' },
  7: { critical: true, delivery: 'both', meaning: 'a signed pre-command, both WAN and local' },
  8: { critical: false, delivery: 'dcc', meaning: 'non-device request, answered by the DCC itself' },
} as const;

export type CommandVariant = keyof typeof COMMAND_VARIANTS;

export function isCommandVariant(value: unknown): value is CommandVariant {
  return typeof value === 'number' && Object.hasOwn(COMMAND_VARIANTS, value);
}
