import {
  gatewaySigningString,
  parseEui,
  parseGatewayDate,
  verifyGatewaySignature,
  type CryptoProvider,
  type Eui64,
} from '../../protocol/index.js';
import { GatewayError } from '../duis-error.js';
import type { Party } from '../parties.js';

/** How far X-Smetsim-Date may be from the DCC clock (replay window). */
export const MAX_CLOCK_SKEW_MS = 300_000;

export interface SignedCall {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Uint8Array;
}

function header(call: SignedCall, name: string): string {
  const value = call.headers[name.toLowerCase()];
  if (typeof value !== 'string' || value.length === 0)
    throw new GatewayError('MISSING_HEADER', `the ${name} header is required`, 401, name);
  return value;
}

/**
 * Step 2 of the request pipeline: who is calling. Every call carries the party's EUI, a date
 * within 300 s of the DCC clock, and an ECDSA signature over method, path, date and body hash.
 */
export function authenticate(
  call: SignedCall,
  partyOf: (eui: Eui64) => Party | undefined,
  crypto: CryptoProvider,
  now: number,
): Eui64 {
  let party: Eui64;
  try {
    party = parseEui(header(call, 'X-Smetsim-Party'), 'X-Smetsim-Party');
  } catch (error) {
    if (error instanceof GatewayError) throw error;
    throw new GatewayError('BAD_HEADER', (error as Error).message, 401, 'X-Smetsim-Party');
  }
  const date = header(call, 'X-Smetsim-Date');
  // Strict: an impossible date is refused here, never left to a NaN skew (issue 17, defect 4).
  const at = parseGatewayDate(date);
  if (at === undefined)
    throw new GatewayError(
      'BAD_HEADER',
      'X-Smetsim-Date must be a real RFC 3339 UTC date-time, e.g. 2026-11-28T12:00:00Z (month 01-12, a day the month has, hour 00-23, no leap second)',
      401,
      'X-Smetsim-Date',
    );
  const skew = Math.abs(at - now);
  if (skew > MAX_CLOCK_SKEW_MS) {
    throw new GatewayError(
      'STALE_DATE',
      `X-Smetsim-Date is ${Math.round(skew / 1000)} s from the DCC clock (${new Date(now).toISOString()}); the limit is 300 s`,
      401,
      'X-Smetsim-Date',
    );
  }
  const signatureText = header(call, 'X-Smetsim-Signature');
  const signature = Buffer.from(signatureText, 'base64');
  if (signature.length !== 64 || signature.toString('base64') !== signatureText) {
    throw new GatewayError(
      'BAD_SIGNATURE',
      'X-Smetsim-Signature must be the base64 of a 64-byte r||s ECDSA signature',
      401,
      'X-Smetsim-Signature',
    );
  }
  const record = partyOf(party);
  if (!record)
    throw new GatewayError('UNKNOWN_PARTY', `${party} is not a SEC party known to this DCC`, 401, 'X-Smetsim-Party');
  // High-S signatures are accepted, by decision (issue 17, defect 7). Neither GBCS (ECDSA P-256
  // per FIPS 186-4) nor XMLDSig for DUIS requires low-S, and OpenSSL and HSMs make high-S half the
  // time, so refusing it would turn away conformant parties. Malleability gives nothing here:
  // (r, n - s) signs the very same bytes, counter and date included, so a resubmission is still
  // refused by the counter (COUNTER_NOT_FRESH) or the 300 s window, exactly as a copy of the
  // original signature would be; and nothing in the DCC keys on the signature's bytes.
  const signed = gatewaySigningString(crypto, call.method, call.url, date, call.body);
  if (!verifyGatewaySignature(crypto, record.keys.ds, signed, signature)) {
    throw new GatewayError(
      'BAD_SIGNATURE',
      `X-Smetsim-Signature does not verify with ${party}'s signing key over "${call.method}\\n${call.url}\\n${date}\\n<sha256 of body>"`,
      401,
      'X-Smetsim-Signature',
    );
  }
  return party;
}
