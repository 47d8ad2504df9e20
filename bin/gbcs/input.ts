import { existsSync, readFileSync } from 'node:fs';
import { ValidationError } from '../../protocol/errors.js';

const HEX = /^(?:[0-9a-fA-F]{2})+$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function opensAsGbcs(bytes: Uint8Array): boolean {
  return bytes[0] === 0xdd || bytes[0] === 0xdf;
}

/**
 * The bytes of `smetsim gbcs decode FILE|HEX`: a file of hex text (as RTDS), of base64 (as the
 * DUIS GBCSPayload, GBCS-FACTS §14.14) or of raw bytes; or the argument itself as hex or base64.
 * Whitespace in hex and base64 is ignored. Base64 is taken only when it decodes to DD/DF.
 */
export function readGbcsInput(arg: string): Uint8Array {
  if (existsSync(arg)) {
    let raw: Buffer;
    try {
      raw = readFileSync(arg);
    } catch (error) {
      throw new ValidationError('BAD_ARGUMENT', `cannot read ${arg}: ${(error as Error).message}`, 'FILE');
    }
    if (opensAsGbcs(raw)) return raw;
    return fromText(raw.toString('latin1'), `the file ${arg}`);
  }
  return fromText(arg, 'the argument');
}

function fromText(text: string, what: string): Uint8Array {
  const compact = text.replace(/\s+/g, '');
  if (HEX.test(compact)) return Buffer.from(compact, 'hex');
  if (BASE64.test(compact)) {
    const bytes = Buffer.from(compact, 'base64');
    if (opensAsGbcs(bytes)) return bytes;
  }
  throw new ValidationError(
    'BAD_ARGUMENT',
    `${what} is neither a file nor GBCS hex (an even number of hex digits) nor base64 of a GBCS message`,
    'FILE|HEX',
  );
}
