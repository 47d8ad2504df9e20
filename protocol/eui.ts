import { ValidationError } from './errors.js';

/**
 * An EUI-64 in its canonical written form: 8 upper-case hex octets joined by hyphens,
 * e.g. `90-B3-D5-1F-30-01-00-00`. The brand stops a raw string being passed where a parsed
 * identity is required.
 */
export type Eui64 = string & { readonly __brand: 'Eui64' };

const HYPHENATED = /^[0-9a-fA-F]{2}(?:-[0-9a-fA-F]{2}){7}$/;
const BARE = /^[0-9a-fA-F]{16}$/;

/**
 * Parse an EUI-64. Accepts the hyphenated form in any case, and the bare 16-hex-digit form used
 * in certificate file names (`90b3d51f30010000`). Anything else is refused.
 */
export function parseEui(text: string, field = 'eui'): Eui64 {
  if (typeof text !== 'string') throw new ValidationError('BAD_EUI', `${field} must be a string`, field);
  if (HYPHENATED.test(text)) return text.toUpperCase() as Eui64;
  if (BARE.test(text)) return formatEuiBytes(Buffer.from(text, 'hex'));
  throw new ValidationError(
    'BAD_EUI',
    `${field} "${truncate(text)}" is not an EUI-64: write 8 hex octets joined by hyphens, e.g. 90-B3-D5-1F-30-01-00-00`,
    field,
  );
}

export function isEui(text: unknown): text is Eui64 {
  return typeof text === 'string' && HYPHENATED.test(text) && text === text.toUpperCase();
}

// Frames carry EUIs as bytes; these two run for every frame, so they avoid regexes and copies.
const HEX_OCTETS = Array.from({ length: 256 }, (_, i) => i.toString(16).toUpperCase().padStart(2, '0'));

/** The 8 raw bytes of an EUI-64: the GBCS "system title". */
export function euiToBytes(eui: Eui64): Uint8Array {
  const out = new Uint8Array(8);
  for (let i = 0; i < 8; i++) out[i] = parseInt(eui.slice(i * 3, i * 3 + 2), 16);
  return out;
}

export function formatEuiBytes(bytes: Uint8Array): Eui64 {
  if (bytes.length !== 8) throw new ValidationError('BAD_EUI', `an EUI-64 is 8 bytes, got ${bytes.length}`);
  const h = HEX_OCTETS;
  return `${h[bytes[0]!]}-${h[bytes[1]!]}-${h[bytes[2]!]}-${h[bytes[3]!]}-${h[bytes[4]!]}-${h[bytes[5]!]}-${h[bytes[6]!]}-${h[bytes[7]!]}` as Eui64;
}

/** Lower-case bare hex, as used in the test PKI's file names. */
export function euiToFileStem(eui: Eui64): string {
  return eui.replaceAll('-', '').toLowerCase();
}

function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
