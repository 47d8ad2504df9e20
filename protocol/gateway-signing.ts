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
