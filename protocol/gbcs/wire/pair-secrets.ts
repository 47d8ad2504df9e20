import { gbcsKdf, kdfOtherInfo, type KdfMessageType } from '../../crypto/gbcs-kdf.js';
import type { CryptoProvider, EcPublicKey } from '../../crypto/provider.js';
import type { Eui64 } from '../../eui.js';
import type { GroupingHeader } from '../envelope/types.js';
import type { GbcsKeyResolver } from '../protection/keys.js';
import { messageCodeEntry } from '../message-codes.js';

/**
 * The ECDH shared secret Z of two parties' KA keys (GBCS-FACTS §6.1), from whichever side this
 * process holds a private key for. Z is fixed per party pair while neither key changes, so a
 * source caches it: a message then costs one SHA-256 (the KDF) and one GCM, never an ECDH.
 * Undefined when this side holds neither private key (a MAC to a supplier is the supplier's).
 */
export interface PairSecrets {
  secret(a: Eui64, b: Eui64): Uint8Array | undefined;
}

/** The head-end's side: ECDH from a key resolver (ACB KA private × device KA certificate), cached per pair. */
export class CachingPairSecrets implements PairSecrets {
  private readonly cache = new Map<string, { readonly peer: Uint8Array; readonly z: Uint8Array }>();

  constructor(
    private readonly crypto: CryptoProvider,
    private readonly keys: GbcsKeyResolver,
  ) {}

  secret(a: Eui64, b: Eui64): Uint8Array | undefined {
    for (const [own, peer] of [
      [a, b],
      [b, a],
    ] as const) {
      const ownKey = this.keys.privateKey(own, 'ka');
      const peerKey = this.keys.publicKey(peer, 'ka');
      if (ownKey && peerKey) return this.cached(own, peer, peerKey, () => this.crypto.ecdh(ownKey, peerKey));
    }
    return undefined;
  }

  private cached(own: Eui64, peer: Eui64, peerKey: EcPublicKey, compute: () => Uint8Array): Uint8Array {
    const id = `${own}/${peer}`;
    const hit = this.cache.get(id);
    // A KA key can be replaced (SR 6.15, 6.23): the entry is valid only for the key it was made with.
    if (hit && sameBytes(hit.peer, peerKey.point)) return hit.z;
    const z = compute();
    this.cache.set(id, { peer: peerKey.point, z });
    return z;
  }
}

const KDF_TYPE: Readonly<Record<GroupingHeader['cra'], KdfMessageType>> = {
  command: 'command',
  response: 'response',
  alert: 'alert',
};

/**
 * Commands one HAN device sends another (PPMID → GSME: PCS*, PECS*, HECS*) are not made by the
 * ACB; GBCS-FACTS §15 leaves their key pair open. The reading taken (as in protection/mac.ts):
 * originator ↔ recipient.
 */
function hanOriginated(header: GroupingHeader): boolean {
  const useCase = messageCodeEntry(header.otherInformation.messageCode)?.useCase ?? '';
  return header.cra === 'command' && /^(PCS|PECS|HECS)/.test(useCase);
}

/**
 * Which two parties' KA keys make a message's MAC (GBCS-FACTS §6.3): a command's is the ACB ↔
 * the target device whoever originated it; a response's or alert's is the header recipient ↔ the
 * device that sent it.
 */
export function macPair(header: GroupingHeader, acb: Eui64): readonly [Eui64, Eui64] {
  if (header.cra !== 'command' || hanOriginated(header)) return [header.recipient, header.originator];
  return [acb, header.recipient];
}

/** The AES-128 key of one message (GBCS-FACTS §6.1): the KDF over Z with the grouping header's fields. */
export function messageKey(crypto: CryptoProvider, z: Uint8Array, header: GroupingHeader): Uint8Array {
  return gbcsKdf(
    crypto,
    z,
    kdfOtherInfo({
      originator: header.originator,
      recipient: header.recipient,
      counter: header.counter,
      messageType: KDF_TYPE[header.cra],
    }),
  );
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
