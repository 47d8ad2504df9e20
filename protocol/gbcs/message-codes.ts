import { MESSAGE_CODES } from './message-codes.generated.js';

/**
 * The message-code table (GBCS-FACTS §5): code → use case, payload format and device. The data is
 * generated from reference/gbcs-message-codes.csv by scripts/generate-gbcs-message-codes.mjs.
 */
export type MessageCodeEntry = (typeof MESSAGE_CODES)[number];
export type PayloadFormat = MessageCodeEntry['format'];
export type UseCaseDevice = MessageCodeEntry['device'];

const BY_CODE: ReadonlyMap<number, MessageCodeEntry> = new Map(MESSAGE_CODES.map((entry) => [entry.code, entry]));

export function messageCodeEntry(code: number): MessageCodeEntry | undefined {
  return BY_CODE.get(code);
}

export function payloadFormatOf(code: number): PayloadFormat | undefined {
  return BY_CODE.get(code)?.format;
}

/** `0x0027 ECS17b`, or `0x7777 (not in the use-case table)`. */
export function describeMessageCode(code: number): string {
  const hex = `0x${code.toString(16).padStart(4, '0').toUpperCase()}`;
  const entry = BY_CODE.get(code);
  return entry ? `${hex} ${entry.useCase}` : `${hex} (not in the use-case table)`;
}
