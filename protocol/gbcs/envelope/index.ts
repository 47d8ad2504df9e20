import { ByteReader } from '../byte-reader.js';
import { GbcsError } from '../errors.js';
import { encodeGeneralCiphering, GENERAL_CIPHERING_TAG, readGeneralCiphering } from './general-ciphering.js';
import { encodeGeneralSigning, GENERAL_SIGNING_TAG, readGeneralSigning } from './general-signing.js';
import type { GbcsMessage } from './types.js';

export * from './types.js';
export { encodeGeneralSigning, writeSignedPart } from './general-signing.js';
export { MAC_LENGTH, SECURITY_HEADER } from './general-ciphering.js';

/** The largest message accepted: a 3-byte §2 length tops out at 64 KiB, plus the DD header. */
export const MAX_GBCS_MESSAGE = 0x10000 + 16;

/**
 * Where the protected parts lie in the bytes a message was decoded from, so that a check runs over
 * the bytes as received rather than over a re-encoding.
 */
export interface GbcsLayout {
  /** Offset of the `DF` tag. */
  readonly signingStart: number;
  /** Offset just after the content: the signed part is `signingStart + 1` … `contentEnd` (§6.4). */
  readonly contentEnd: number;
  /** Offset just after the signature field: the MAC covers `signingStart` … `signingEnd` (§6.2). */
  readonly signingEnd: number;
}

export interface DecodedGbcs {
  readonly message: GbcsMessage;
  readonly layout: GbcsLayout;
}

/** Decode a whole GBCS message and say where its protected parts are. Throws only GbcsError. */
export function decodeGbcsWithLayout(bytes: Uint8Array): DecodedGbcs {
  if (bytes.length > MAX_GBCS_MESSAGE)
    throw new GbcsError('OVERSIZE', `${bytes.length} bytes is more than ${MAX_GBCS_MESSAGE}`, 0, 'message');
  const reader = new ByteReader(bytes);
  const tag = reader.peek('message.tag');
  if (tag === GENERAL_SIGNING_TAG) {
    const { signing, contentEnd } = readGeneralSigning(reader);
    return { message: { kind: 'signing', signing }, layout: { signingStart: 0, contentEnd, signingEnd: bytes.length } };
  }
  if (tag === GENERAL_CIPHERING_TAG) {
    const { inner, mac } = readGeneralCiphering(reader);
    const signingStart = inner.offset;
    const { signing, contentEnd } = readGeneralSigning(inner);
    if (signing.signature.kind === 'absent')
      throw new GbcsError(
        'TRUNCATED',
        'a ciphered General-Signing APDU must end with its signature field',
        inner.offset,
        'signature.length',
      );
    return {
      message: { kind: 'ciphering', signing, mac },
      layout: { signingStart, contentEnd, signingEnd: bytes.length - mac.length },
    };
  }
  throw new GbcsError(
    'BAD_TAG',
    `a GBCS message starts with DD (general-ciphering) or DF (general-signing), got ${tag.toString(16).padStart(2, '0').toUpperCase()}`,
    0,
    'message.tag',
  );
}

/** Decode a whole GBCS message (GBCS-FACTS §1–4). Throws only GbcsError, whatever the bytes. */
export function decodeGbcs(bytes: Uint8Array): GbcsMessage {
  return decodeGbcsWithLayout(bytes).message;
}

/** Encode a message: for every message decodeGbcs accepts, encodeGbcs gives its bytes back. */
export function encodeGbcs(message: GbcsMessage): Uint8Array {
  const signing = encodeGeneralSigning(message.signing);
  if (message.kind === 'signing') return signing;
  if (message.signing.signature.kind === 'absent')
    throw new RangeError('a ciphered General-Signing APDU needs a signature field (unsigned or signed)');
  return encodeGeneralCiphering(signing, message.mac);
}
