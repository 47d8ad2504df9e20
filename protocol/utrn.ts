import type { CryptoProvider, EcPrivateKey, EcPublicKey } from './crypto/provider.js';
import { deriveMessageKey, gbcsIv } from './crypto/gbcs-kdf.js';
import { euiToBytes, type Eui64 } from './eui.js';
import { ValidationError } from './errors.js';
import { utrnCheckDigit } from './utrn-check-digit.js';
import type { UtrnCounterCache } from './utrn-counter-cache.js';

/** Added to the 64-bit PTUT to give the 19-digit UTRN value (FACTS: Prepayment). */
export const UTRN_OFFSET = 7394156990786306048n;
export const UTRN_MAX_VALUE = 8191;

export const UTRN_VALUE_CLASSES = { pennies: 0, pounds: 1 } as const;
export type UtrnValueClass = keyof typeof UTRN_VALUE_CLASSES;

export interface UtrnParams {
  /** The supplier: the UTRN's originator. */
  readonly originator: Eui64;
  /** The meter the UTRN is for. */
  readonly target: Eui64;
  /** The 64-bit originator counter; its low 32 bits must be 0 (the UTRN counter is the top 32). */
  readonly counter: bigint;
  /** 0..8191 in units of the value class. */
  readonly value: number;
  readonly valueClass: UtrnValueClass;
}

/** PTUT high word: 7 zero bits, 10-bit truncated counter, 2-bit value class, 13-bit value. */
function highWord(counter: bigint, valueClass: UtrnValueClass, value: number): number {
  const truncated = Number((counter >> 32n) & 0x3ffn);
  return ((truncated << 15) | (UTRN_VALUE_CLASSES[valueClass] << 13) | value) >>> 0;
}

/**
 * The PTUT's low word: the last 4 bytes of the AES-128-GCM tag over no plaintext, keyed by ECDH
 * between the supplier's prepayment KA key and the device's KA key, then the GBCS KDF with
 * message type 01 (command). ECDH is symmetric, so the supplier and the meter each call this with
 * their own private key and the other's public key.
 */
function utrnMac(
  crypto: CryptoProvider,
  ownKey: EcPrivateKey,
  peerKey: EcPublicKey,
  originator: Eui64,
  target: Eui64,
  counter: bigint,
  high: number,
): number {
  const key = deriveMessageKey(crypto, ownKey, peerKey, {
    originator,
    recipient: target,
    messageType: 'command',
    counter,
  });
  const aad = Buffer.alloc(6 + 8 + 8 + 1 + 8 + 4);
  aad.set([0x11, 0, 0, 0, 0, 0], 0);
  aad.set(euiToBytes(originator), 6);
  aad.set(euiToBytes(target), 14);
  aad[22] = 0x01;
  aad.writeBigUInt64BE(counter, 23);
  aad.writeUInt32BE(high, 31);
  const { tag } = crypto.gcmEncrypt(key, gbcsIv(originator), new Uint8Array(0), aad);
  return Buffer.from(tag).readUInt32BE(12);
}

/** Make a UTRN: 19 digits of PTUT + offset, then the GBCS check digit. */
export function generateUtrn(
  crypto: CryptoProvider,
  supplierPrepaymentKey: EcPrivateKey,
  deviceKeyAgreement: EcPublicKey,
  params: UtrnParams,
): string {
  const { counter, value, valueClass } = params;
  if (counter < 0n || counter >= 1n << 64n || (counter & 0xffffffffn) !== 0n) {
    throw new ValidationError(
      'BAD_COUNTER',
      'a UTRN counter is a 64-bit value whose low 32 bits are 0 (e.g. 0x100000000)',
      'counter',
    );
  }
  if (!Number.isInteger(value) || value < 0 || value > UTRN_MAX_VALUE) {
    throw new ValidationError('BAD_ARGUMENT', `a UTRN value is an integer from 0 to ${UTRN_MAX_VALUE}`, 'value');
  }
  if (!Object.hasOwn(UTRN_VALUE_CLASSES, valueClass)) {
    throw new ValidationError('BAD_ARGUMENT', 'the value class is "pennies" or "pounds"', 'class');
  }
  const high = highWord(counter, valueClass, value);
  const low = utrnMac(
    crypto,
    supplierPrepaymentKey,
    deviceKeyAgreement,
    params.originator,
    params.target,
    counter,
    high,
  );
  const digits = ((BigInt(high) << 32n) + BigInt(low) + UTRN_OFFSET).toString().padStart(19, '0');
  return `${digits}${utrnCheckDigit(digits)}`;
}

/** What the meter makes of a UTRN typed in or sent to it. */
export type UtrnVerdict =
  | {
      readonly ok: true;
      readonly counter: bigint;
      readonly value: number;
      readonly valueClass: UtrnValueClass;
      /** The credit in pence. */
      readonly amountPence: number;
    }
  | { readonly ok: false; readonly reason: UtrnRefusal };

/**
 * MALFORMED: not 20 digits or a PTUT out of range; BAD_CHECK_DIGIT: a typing error;
 * NOT_AUTHENTIC: the MAC fails (GBCS alert 0x8F63); WRONG_DEVICE: the MAC verifies for another
 * device on the same HAN (0x8F64); DUPLICATE: already accepted (0x8F51); OUT_OF_WINDOW: older than
 * every counter the meter still remembers, so it cannot be told from a replay.
 */
export type UtrnRefusal =
  'MALFORMED' | 'BAD_CHECK_DIGIT' | 'NOT_AUTHENTIC' | 'WRONG_DEVICE' | 'DUPLICATE' | 'OUT_OF_WINDOW';

export interface UtrnCheckContext {
  readonly crypto: CryptoProvider;
  readonly device: Eui64;
  readonly deviceKeyAgreement: EcPrivateKey;
  readonly supplier: Eui64;
  readonly supplierPrepaymentKey: EcPublicKey;
  readonly cache: UtrnCounterCache;
  /**
   * Other devices of the same premises that take UTRNs from the same supplier (e.g. the GSME
   * beside the ESME), with their KA private keys. Only used to tell WRONG_DEVICE from
   * NOT_AUTHENTIC: the 20 digits carry no device id and the MAC is keyed per device, so only a
   * holder of the sibling's key can recognise its UTRN. Emulator choice: the simulated premises
   * shares these keys with the check; real firmware would report 0x8F63 for such a UTRN.
   */
  readonly siblings?: readonly { readonly device: Eui64; readonly keyAgreement: EcPrivateKey }[];
}

export function decodeUtrnDigits(utrn: string): { high: number; low: number } | UtrnRefusal {
  if (typeof utrn !== 'string' || !/^\d{20}$/.test(utrn)) return 'MALFORMED';
  if (utrnCheckDigit(utrn.slice(0, 19)) !== Number(utrn[19])) return 'BAD_CHECK_DIGIT';
  const ptut = BigInt(utrn.slice(0, 19)) - UTRN_OFFSET;
  if (ptut < 0n || ptut >> 57n !== 0n) return 'MALFORMED'; // the 7 top bits must be zero
  return { high: Number(ptut >> 32n), low: Number(ptut & 0xffffffffn) };
}

/** Validate a UTRN on the meter. Does not record it: call `cache.accept(counter)` after crediting. */
export function validateUtrn(utrn: string, ctx: UtrnCheckContext): UtrnVerdict {
  const decoded = decodeUtrnDigits(utrn);
  if (typeof decoded === 'string') return { ok: false, reason: decoded };
  const { high, low } = decoded;
  const truncated = (high >>> 15) & 0x3ff;
  const classBits = (high >>> 13) & 0x3;
  const value = high & 0x1fff;
  const valueClass: UtrnValueClass | undefined = classBits === 0 ? 'pennies' : classBits === 1 ? 'pounds' : undefined;
  if (valueClass === undefined) return { ok: false, reason: 'MALFORMED' };

  const counter = ctx.cache.reconstruct(truncated);
  if (counter < 0n) return { ok: false, reason: 'NOT_AUTHENTIC' };
  const mac = utrnMac(
    ctx.crypto,
    ctx.deviceKeyAgreement,
    ctx.supplierPrepaymentKey,
    ctx.supplier,
    ctx.device,
    counter,
    high,
  );
  if (mac !== low) {
    const forSibling = ctx.siblings?.some(
      (s) =>
        utrnMac(ctx.crypto, s.keyAgreement, ctx.supplierPrepaymentKey, ctx.supplier, s.device, counter, high) === low,
    );
    return { ok: false, reason: forSibling ? 'WRONG_DEVICE' : 'NOT_AUTHENTIC' };
  }
  const seen = ctx.cache.verdict(counter);
  if (seen !== 'NEW') return { ok: false, reason: seen };
  return { ok: true, counter, value, valueClass, amountPence: valueClass === 'pounds' ? value * 100 : value };
}
