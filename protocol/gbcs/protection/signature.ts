import type { CryptoProvider, EcPrivateKey } from '../../crypto/provider.js';
import type { GroupingHeader } from '../envelope/types.js';
import type { GbcsKeyResolver } from './keys.js';
import { notChecked, INVALID, VALID, type CheckOutcome } from './outcome.js';

/**
 * ECDSA P-256 / SHA-256 over the signed part (GBCS-FACTS §6.4: the General-Signing APDU from the
 * byte after its tag to the last content byte), checked with the grouping-header originator's DS
 * certificate.
 */
export function checkSignature(
  crypto: CryptoProvider,
  keys: GbcsKeyResolver,
  header: GroupingHeader,
  signedPart: Uint8Array,
  signature: Uint8Array,
): CheckOutcome {
  const key = keys.publicKey(header.originator, 'ds');
  if (!key) return notChecked(`no DS certificate for the originator ${header.originator}`);
  return crypto.verify(key, signedPart, signature) ? VALID : INVALID;
}

export function produceSignature(crypto: CryptoProvider, key: EcPrivateKey, signedPart: Uint8Array): Uint8Array {
  return crypto.sign(key, signedPart);
}
