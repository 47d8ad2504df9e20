import { decodeDer, encodeDer, type DerPayload } from './asn1/index.js';
import { decodeDlms, encodeDlms, type DlmsApdu } from './dlms/index.js';
import { payloadFormatOf, type PayloadFormat } from './message-codes.js';
import { decodeGbz, encodeGbz, type GbzPayload } from './zcl/index.js';

/** A payload format with `by-content` resolved (GBCS-FACTS §7 step 2). */
export type ResolvedFormat = Exclude<PayloadFormat, 'by-content'> | 'unknown';

/**
 * The content of a General-Signing APDU, decoded by the codec its format calls for (GBCS-FACTS
 * §7). A format whose codec is not wired in yet keeps its bytes (`raw`), so that the envelope still
 * round-trips; `format` then says what the bytes are.
 */
export type GbcsPayload =
  | { readonly kind: 'dlms'; readonly apdu: DlmsApdu }
  | { readonly kind: 'gbz'; readonly gbz: GbzPayload }
  | { readonly kind: 'der'; readonly der: DerPayload }
  | { readonly kind: 'raw'; readonly format: ResolvedFormat; readonly bytes: Uint8Array };

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

/**
 * Decode a payload; `baseOffset` is where it starts in the whole message, for error offsets. `cra`
 * is the grouping header's CRA flag byte: a GBZ alert has its own layout (§9.3).
 */
export function decodePayload(messageCode: number, bytes: Uint8Array, baseOffset: number, cra?: number): GbcsPayload {
  const format = payloadFormat(messageCode, bytes);
  switch (format) {
    case 'dlms':
      return { kind: 'dlms', apdu: decodeDlms(bytes, baseOffset) };
    case 'gbz':
      return {
        kind: 'gbz',
        gbz: decodeGbz(bytes, baseOffset, cra === undefined ? { messageCode } : { cra, messageCode }),
      };
    case 'der':
      return { kind: 'der', der: decodeDer(bytes, baseOffset) };
    default:
      return { kind: 'raw', format, bytes };
  }
}

export function encodePayload(payload: GbcsPayload): Uint8Array {
  switch (payload.kind) {
    case 'dlms':
      return encodeDlms(payload.apdu);
    case 'gbz':
      return encodeGbz(payload.gbz);
    case 'der':
      return encodeDer(payload.der);
    case 'raw':
      return payload.bytes;
  }
}
