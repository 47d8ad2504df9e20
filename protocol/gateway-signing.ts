import type { CryptoProvider, EcPrivateKey, EcPublicKey } from './crypto/provider.js';
import type { Eui64 } from './eui.js';

/**
 * The User Gateway's request signature (docs/api.md). A party signs one UTF-8 string: the HTTP
 * method, the path with its query exactly as sent, the X-Smetsim-Date value, and the lowercase
 * hex SHA-256 of the body (of the empty string when there is none), joined by single newlines.
 */
export function gatewaySigningString(
  crypto: CryptoProvider,
  method: string,
  pathWithQuery: string,
  date: string,
  body: Uint8Array | string,
): string {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const hash = Buffer.from(crypto.sha256(bytes)).toString('hex');
  return `${method.toUpperCase()}\n${pathWithQuery}\n${date}\n${hash}`;
}

const RFC3339_UTC = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?Z$/;

/**
 * X-Smetsim-Date as epoch milliseconds, or undefined unless it is a real RFC 3339 (§5.6) UTC
 * date-time. The shape alone is not enough: Date.parse gives NaN for month 13 or hour 25, and
 * rolls 2026-02-29, 04-31 and 24:00 over to the next day; a NaN skew compared as "not stale", so
 * such a signature never expired (issue 17, defect 4). Each field is range-checked, and the day
 * against its month in the proleptic Gregorian calendar.
 *
 * Choices RFC 3339 leaves open, made narrow on purpose: only `Z` (the DCC clock is UTC, and one
 * spelling per instant keeps the signed string unambiguous), upper-case `T` and `Z` only, and no
 * leap second (`:60`), which the DCC clock, like POSIX time, never shows.
 */
export function parseGatewayDate(text: string): number | undefined {
  const match = RFC3339_UTC.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : undefined;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export interface GatewayHeaders {
  readonly 'X-Smetsim-Party': Eui64;
  readonly 'X-Smetsim-Date': string;
  readonly 'X-Smetsim-Signature': string;
}

/** The three headers for a call, signed with the party's key. */
export function signGatewayRequest(
  crypto: CryptoProvider,
  party: Eui64,
  key: EcPrivateKey,
  method: string,
  pathWithQuery: string,
  body: Uint8Array | string,
  date: Date,
): GatewayHeaders {
  const stamp = date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const signature = crypto.sign(
    key,
    Buffer.from(gatewaySigningString(crypto, method, pathWithQuery, stamp, body), 'utf8'),
  );
  return {
    'X-Smetsim-Party': party,
    'X-Smetsim-Date': stamp,
    'X-Smetsim-Signature': Buffer.from(signature).toString('base64'),
  };
}

export function verifyGatewaySignature(
  crypto: CryptoProvider,
  key: EcPublicKey,
  signingString: string,
  signature: Uint8Array,
): boolean {
  return crypto.verify(key, Buffer.from(signingString, 'utf8'), signature);
}
