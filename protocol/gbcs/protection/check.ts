import type { CryptoProvider } from '../../crypto/provider.js';
import type { Eui64 } from '../../eui.js';
import type { DecodedGbcs } from '../envelope/index.js';
import type { GbcsKeyResolver } from './keys.js';
import { macKey, macMatches, RTDS_ACB } from './mac.js';
import { ABSENT, INVALID, notChecked, VALID, type CheckOutcome } from './outcome.js';
import { checkSignature } from './signature.js';

export interface ProtectionReport {
  readonly mac: CheckOutcome;
  readonly signature: CheckOutcome;
}

export interface CheckOptions {
  /** The ACB whose KA key makes command MACs (GBCS-FACTS §6.3); the RTDS one by default. */
  readonly acb?: Eui64;
}

/**
 * Check the MAC and the signature of a decoded message over the bytes it was decoded from (not a
 * re-encoding), with whatever keys the resolver knows. Never throws for a bad MAC or signature:
 * the report says so, and the caller decides.
 */
export function checkProtection(
  crypto: CryptoProvider,
  keys: GbcsKeyResolver,
  bytes: Uint8Array,
  decoded: DecodedGbcs,
  options: CheckOptions = {},
): ProtectionReport {
  const { message, layout } = decoded;
  const header = message.signing.header;
  let signature: CheckOutcome = ABSENT;
  if (message.signing.signature.kind === 'signed') {
    const signedPart = bytes.subarray(layout.signingStart + 1, layout.contentEnd);
    signature = checkSignature(crypto, keys, header, signedPart, message.signing.signature.signature);
  }
  let mac: CheckOutcome = ABSENT;
  if (message.kind === 'ciphering') {
    const key = macKey(crypto, keys, header, options.acb ?? RTDS_ACB);
    if ('missing' in key) mac = notChecked(key.missing);
    else {
      const generalSigning = bytes.subarray(layout.signingStart, layout.signingEnd);
      mac = macMatches(crypto, key.key, header.originator, generalSigning, message.mac) ? VALID : INVALID;
    }
  }
  return { mac, signature };
}
