import type { ByteReader } from '../byte-reader.js';
import { ByteWriter } from '../byte-reader.js';
import { GbcsError } from '../errors.js';

export const GENERAL_CIPHERING_TAG = 0xdd;

/**
 * The fixed bytes of General-Ciphering in GBCS (GBCS-FACTS §3): the tag, five empty octet strings
 * (transaction-id, originator and recipient system titles, date-time, other-information: GBCS puts
 * them in the inner General-Signing instead) and key-info absent.
 */
const FIXED_PREFIX = Uint8Array.of(GENERAL_CIPHERING_TAG, 0, 0, 0, 0, 0, 0);

/** Security control `11` (suite 1, authenticated, not encrypted) and invocation counter 0 (§3). */
export const SECURITY_HEADER = Uint8Array.of(0x11, 0, 0, 0, 0);

export const MAC_LENGTH = 12;

const FIELDS = [
  'general-ciphering.tag',
  'general-ciphering.transaction-id',
  'general-ciphering.originator',
  'general-ciphering.recipient',
  'general-ciphering.date-time',
  'general-ciphering.other-information',
  'general-ciphering.key-info',
] as const;

/**
 * Reads the wrapper around the General-Signing APDU. Returns a reader over the APDU and the MAC.
 * RTDS holds nothing but these fixed bytes; anything else (General Block Transfer, encrypted
 * content, a key-info) is outside GBCS-FACTS, so it is refused with the field it is in.
 */
export function readGeneralCiphering(reader: ByteReader): { readonly inner: ByteReader; readonly mac: Uint8Array } {
  FIXED_PREFIX.forEach((byte, i) => reader.expect(byte, FIELDS[i]!));
  const lengthOffset = reader.offset;
  const length = reader.minimalLength('general-ciphering.ciphered-content.length');
  if (length < SECURITY_HEADER.length + 1 + MAC_LENGTH)
    throw new GbcsError(
      'BAD_LENGTH',
      `ciphered content of ${length} bytes cannot hold a security header, an APDU and a MAC`,
      lengthOffset,
      'general-ciphering.ciphered-content.length',
    );
  const content = reader.sub(length, 'general-ciphering.ciphered-content');
  reader.end('general-ciphering');
  const headerOffset = content.offset;
  const securityControl = content.u8('general-ciphering.security-control');
  if (securityControl !== SECURITY_HEADER[0])
    throw new GbcsError(
      'BAD_VALUE',
      `security control must be 0x11 (authenticated, in clear), got 0x${securityControl.toString(16).padStart(2, '0')}`,
      headerOffset,
      'general-ciphering.security-control',
    );
  const counterOffset = content.offset;
  if (content.u32('general-ciphering.invocation-counter') !== 0)
    throw new GbcsError(
      'BAD_VALUE',
      'invocation counter must be 0',
      counterOffset,
      'general-ciphering.invocation-counter',
    );
  const inner = content.sub(content.remaining - MAC_LENGTH, 'general-signing');
  const mac = content.take(MAC_LENGTH, 'mac');
  return { inner, mac };
}

export function encodeGeneralCiphering(generalSigning: Uint8Array, mac: Uint8Array): Uint8Array {
  if (mac.length !== MAC_LENGTH) throw new RangeError(`a GBCS MAC is ${MAC_LENGTH} bytes`);
  return new ByteWriter()
    .bytes(FIXED_PREFIX)
    .length(SECURITY_HEADER.length + generalSigning.length + MAC_LENGTH)
    .bytes(SECURITY_HEADER)
    .bytes(generalSigning)
    .bytes(mac)
    .finish();
}
