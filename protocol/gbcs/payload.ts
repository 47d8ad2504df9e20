import { payloadFormatOf, type PayloadFormat } from './message-codes.js';

/**
 * The content of a General-Signing APDU, decoded by the codec its format calls for (GBCS-FACTS
 * §7). Until a format's codec is wired in, its payloads are kept as `raw` bytes, so that the
 * envelope still round-trips; `format` says what the bytes are.
 */
export type GbcsPayload = { readonly kind: 'raw'; readonly format: ResolvedFormat; readonly bytes: Uint8Array };

/** A payload format with `by-content` resolved (§7 step 2). */
export type ResolvedFormat = Exclude<PayloadFormat, 'by-content'> | 'unknown';

/**
 * Which codec reads a payload (GBCS-FACTS §7): the message code first, since DER payloads cannot be
 * recognised by their bytes; then, for codes that allow more than one format (the generic alerts,
 * codes outside the table), the first bytes: `01 09` GBZ, `D9`/`DA`/`0F` DLMS.
 */
export function payloadFormat(messageCode: number, bytes: Uint8Array): ResolvedFormat {
  const format = payloadFormatOf(messageCode);
  if (format !== 'by-content' && format !== undefined) return format;
  const first = bytes[0];
  if (first === 0x01 && bytes[1] === 0x09) return 'gbz';
  if (first === 0xd9 || first === 0xda || first === 0x0f) return 'dlms';
  return 'unknown';
}

/** Decode a payload; `baseOffset` is where it starts in the whole message, for error offsets. */
export function decodePayload(messageCode: number, bytes: Uint8Array, baseOffset: number): GbcsPayload {
  void baseOffset;
  return { kind: 'raw', format: payloadFormat(messageCode, bytes), bytes };
}

export function encodePayload(payload: GbcsPayload): Uint8Array {
  return payload.bytes;
}
