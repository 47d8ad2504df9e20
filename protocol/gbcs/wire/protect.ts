import type { CryptoProvider } from '../../crypto/provider.js';
import type { Eui64 } from '../../eui.js';
import { ByteWriter } from '../byte-reader.js';
import { encodeGeneralCiphering } from '../envelope/general-ciphering.js';
import { encodeGeneralSigning, writeSignedPart } from '../envelope/general-signing.js';
import type { DecodedGbcs } from '../envelope/index.js';
import type { GeneralSigning } from '../envelope/types.js';
import { computeMac, macMatches } from '../protection/mac.js';
import { ABSENT, INVALID, notChecked, VALID, type CheckOutcome } from '../protection/outcome.js';
import { macPair, messageKey, type PairSecrets } from './pair-secrets.js';
import { WireError } from './wire-error.js';

/**
 * The bytes a signature covers (GBCS-FACTS §6.4): the General-Signing APDU from the byte after
 * its `DF` tag to the last content byte. This is also the DUIS variant 4 pre-command without its
 * tag: the pre-command itself is `DF` ‖ these bytes (§1).
 */
export function signedPart(signing: Omit<GeneralSigning, 'signature'>): Uint8Array {
  const writer = new ByteWriter();
  writeSignedPart(writer, signing);
  return writer.finish();
}

/** The pre-command of DUIS variant 4 (GBCS-FACTS §1): `DF` and the signed part, no signature field. */
export function preCommandBytes(signing: Omit<GeneralSigning, 'signature'>): Uint8Array {
  return encodeGeneralSigning({ ...signing, signature: { kind: 'absent' } });
}

/**
 * Wrap a General-Signing APDU (signature field in place: the MAC covers it) in General-Ciphering
 * with its MAC (GBCS-FACTS §3, §6.2, §6.3). Throws WireError NO_KEY when this side holds neither
 * private key of the MAC's party pair.
 */
export function sealWithMac(
  crypto: CryptoProvider,
  secrets: PairSecrets,
  signing: GeneralSigning,
  acb: Eui64,
): Uint8Array {
  const apdu = encodeGeneralSigning(signing);
  const [a, b] = macPair(signing.header, acb);
  const z = secrets.secret(a, b);
  if (!z) throw new WireError('NO_KEY', `no KA key pair between ${a} and ${b} to MAC a ${signing.header.cra}`);
  return encodeGeneralCiphering(
    apdu,
    computeMac(crypto, messageKey(crypto, z, signing.header), signing.header.originator, apdu),
  );
}

/**
 * Check the MAC of a decoded message over the bytes it came in (GBCS-FACTS §6.2): absent on a bare
 * `DF`, not checked when this side holds neither private key of the pair.
 */
export function checkMac(
  crypto: CryptoProvider,
  secrets: PairSecrets,
  bytes: Uint8Array,
  decoded: DecodedGbcs,
  acb: Eui64,
): CheckOutcome {
  const { message, layout } = decoded;
  if (message.kind !== 'ciphering') return ABSENT;
  const header = message.signing.header;
  const [a, b] = macPair(header, acb);
  const z = secrets.secret(a, b);
  if (!z) return notChecked(`no KA private key of ${a} or ${b}`);
  const apdu = bytes.subarray(layout.signingStart, layout.signingEnd);
  return macMatches(crypto, messageKey(crypto, z, header), header.originator, apdu, message.mac) ? VALID : INVALID;
}

/** The signed part of a decoded message, as received (for a signature check). */
export function receivedSignedPart(bytes: Uint8Array, decoded: DecodedGbcs): Uint8Array {
  return bytes.subarray(decoded.layout.signingStart + 1, decoded.layout.contentEnd);
}
