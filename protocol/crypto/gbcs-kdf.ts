import { euiToBytes, type Eui64 } from '../eui.js';
import type { CryptoProvider, EcPrivateKey, EcPublicKey } from './provider.js';

/** The GBCS message types that enter the KDF's OtherInfo. */
export const KDF_MESSAGE_TYPE = { command: 0x01, response: 0x02, alert: 0x03, encryption: 0x04 } as const;
export type KdfMessageType = keyof typeof KDF_MESSAGE_TYPE;

/** The fixed OtherInfo prefix: the algorithm id of the GBCS KDF (FACTS: GBCS cryptography). */
const ALGORITHM_ID = Uint8Array.of(0x60, 0x85, 0x74, 0x06, 0x08, 0x03, 0x00);

export interface KdfParams {
  readonly originator: Eui64;
  readonly recipient: Eui64;
  readonly messageType: KdfMessageType;
  /** The originator's 64-bit counter. */
  readonly counter: bigint;
}

/**
 * OtherInfo = 60 85 74 06 08 03 00 || originator system title || 09 || message type ||
 * originator counter || recipient system title.
 */
export function kdfOtherInfo(params: KdfParams): Uint8Array {
  const out = Buffer.alloc(ALGORITHM_ID.length + 8 + 1 + 1 + 8 + 8);
  let at = 0;
  out.set(ALGORITHM_ID, at);
  at += ALGORITHM_ID.length;
  out.set(euiToBytes(params.originator), at);
  at += 8;
  out[at++] = 0x09;
  out[at++] = KDF_MESSAGE_TYPE[params.messageType];
  out.writeBigUInt64BE(params.counter, at);
  at += 8;
  out.set(euiToBytes(params.recipient), at);
  return out;
}

/** key = first 16 bytes of SHA-256(00000001 || Z || OtherInfo). */
export function gbcsKdf(crypto: CryptoProvider, z: Uint8Array, otherInfo: Uint8Array): Uint8Array {
  const input = Buffer.concat([Uint8Array.of(0, 0, 0, 1), z, otherInfo]);
  return crypto.sha256(input).subarray(0, 16);
}

/** ECDH then the GBCS KDF: the AES-128 key shared by two parties for one message. */
export function deriveMessageKey(
  crypto: CryptoProvider,
  ownKey: EcPrivateKey,
  peerKey: EcPublicKey,
  params: KdfParams,
): Uint8Array {
  return gbcsKdf(crypto, crypto.ecdh(ownKey, peerKey), kdfOtherInfo(params));
}

/** IV = originator system title || 00 00 00 00. */
export function gbcsIv(originator: Eui64): Uint8Array {
  const iv = new Uint8Array(12);
  iv.set(euiToBytes(originator));
  return iv;
}
