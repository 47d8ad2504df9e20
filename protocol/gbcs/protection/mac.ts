import { gbcsIv, type KdfMessageType } from '../../crypto/gbcs-kdf.js';
import type { CryptoProvider } from '../../crypto/provider.js';
import { parseEui, type Eui64 } from '../../eui.js';
import type { GroupingHeader } from '../envelope/types.js';
import { messageCodeEntry } from '../message-codes.js';
import { gcmSeal, sameBytes } from './gcm.js';
import { agreeKey, type DerivedKey } from './key-agreement.js';
import type { GbcsKeyResolver } from './keys.js';

/** The DCC's Access Control Broker in the RTDS test PKI: it MACs every command (GBCS-FACTS §6.3). */
export const RTDS_ACB = parseEui('90B3D51F30000002');

/** The 6 bytes before the General-Signing APDU in the MAC's AAD (GBCS-FACTS §6.2; why 6 is unconfirmed). */
const AAD_PREFIX = Uint8Array.of(0x11, 0, 0, 0, 0, 0);

const KDF_TYPE: Readonly<Record<GroupingHeader['cra'], KdfMessageType>> = {
  command: 'command',
  response: 'response',
  alert: 'alert',
};

/**
 * Commands a HAN device sends another (PPMID → GSME: PCS*, PECS*, HCALCS: HECS*) are not made by
 * the ACB. The facts do not say which pair makes them (GBCS-FACTS §1, §15); the reading taken
 * here is originator ↔ recipient, whose private keys are never published, so they stay unchecked.
 */
function hanOriginated(header: GroupingHeader): boolean {
  const useCase = messageCodeEntry(header.otherInformation.messageCode)?.useCase ?? '';
  return header.cra === 'command' && /^(PCS|PECS|HECS)/.test(useCase);
}

/**
 * Which key pair and KDF inputs make a message's MAC (GBCS-FACTS §6.3): a command's is ACB ↔
 * target device, yet the KDF names the header originator; a response's or alert's is the header
 * recipient ↔ the device that sent it. The counter is always the header's.
 */
export function macKey(
  crypto: CryptoProvider,
  keys: GbcsKeyResolver,
  header: GroupingHeader,
  acb: Eui64 = RTDS_ACB,
): DerivedKey {
  const kdf = {
    originator: header.originator,
    recipient: header.recipient,
    counter: header.counter,
    messageType: KDF_TYPE[header.cra],
  };
  if (header.cra !== 'command' || hanOriginated(header))
    return agreeKey(crypto, keys, header.recipient, header.originator, kdf);
  return agreeKey(crypto, keys, acb, header.recipient, kdf);
}

/** The AAD: the 6-byte prefix and the whole General-Signing APDU, signature field included (§6.2). */
function macAad(generalSigning: Uint8Array): Uint8Array {
  const aad = new Uint8Array(AAD_PREFIX.length + generalSigning.length);
  aad.set(AAD_PREFIX);
  aad.set(generalSigning, AAD_PREFIX.length);
  return aad;
}

/** The 12-byte MAC of a General-Signing APDU: GCM over empty plaintext, IV = originator ‖ 0 (§6.2). */
export function computeMac(
  crypto: CryptoProvider,
  key: Uint8Array,
  originator: Eui64,
  generalSigning: Uint8Array,
): Uint8Array {
  return gcmSeal(crypto, key, gbcsIv(originator), new Uint8Array(0), macAad(generalSigning)).tag;
}

export function macMatches(
  crypto: CryptoProvider,
  key: Uint8Array,
  originator: Eui64,
  generalSigning: Uint8Array,
  mac: Uint8Array,
): boolean {
  return sameBytes(computeMac(crypto, key, originator, generalSigning), mac);
}
