import type { CryptoProvider, EcPrivateKey } from '../../crypto/provider.js';
import type { Eui64 } from '../../eui.js';
import { ValidationError } from '../../errors.js';
import { ByteWriter } from '../byte-reader.js';
import { encodeGeneralCiphering } from '../envelope/general-ciphering.js';
import { encodeGeneralSigning, writeSignedPart } from '../envelope/general-signing.js';
import type { GbcsMessage, GeneralSigning } from '../envelope/types.js';
import type { GbcsKeyResolver } from './keys.js';
import { computeMac, macKey, RTDS_ACB } from './mac.js';

/** Sign a General-Signing APDU with the originator's DS private key (GBCS-FACTS §6.4). */
export function signGeneralSigning(
  crypto: CryptoProvider,
  signing: Omit<GeneralSigning, 'signature'>,
  originatorDsKey: EcPrivateKey,
): GeneralSigning {
  const writer = new ByteWriter();
  writeSignedPart(writer, signing);
  return { ...signing, signature: { kind: 'signed', signature: crypto.sign(originatorDsKey, writer.finish()) } };
}

/**
 * Wrap a General-Signing APDU in General-Ciphering with its MAC (GBCS-FACTS §3, §6.2–6.3). The
 * signature, if any, must already be in place: the MAC covers it. Throws ValidationError when the
 * resolver lacks the keys the MAC needs.
 */
export function wrapWithMac(
  crypto: CryptoProvider,
  keys: GbcsKeyResolver,
  signing: GeneralSigning,
  acb: Eui64 = RTDS_ACB,
): GbcsMessage {
  return { kind: 'ciphering', signing, mac: macOf(crypto, keys, signing, encodeGeneralSigning(signing), acb) };
}

/** wrapWithMac straight to bytes, encoding the General-Signing APDU once. */
export function sealGbcs(
  crypto: CryptoProvider,
  keys: GbcsKeyResolver,
  signing: GeneralSigning,
  acb: Eui64 = RTDS_ACB,
): Uint8Array {
  const apdu = encodeGeneralSigning(signing);
  return encodeGeneralCiphering(apdu, macOf(crypto, keys, signing, apdu, acb));
}

function macOf(
  crypto: CryptoProvider,
  keys: GbcsKeyResolver,
  signing: GeneralSigning,
  apdu: Uint8Array,
  acb: Eui64,
): Uint8Array {
  if (signing.signature.kind === 'absent')
    throw new ValidationError('BAD_ARGUMENT', 'a MAC-protected message needs a signature field (unsigned or signed)');
  const key = macKey(crypto, keys, signing.header, acb);
  if ('missing' in key) throw new ValidationError('BAD_ARGUMENT', `cannot make the MAC: ${key.missing}`);
  return computeMac(crypto, key.key, signing.header.originator, apdu);
}
