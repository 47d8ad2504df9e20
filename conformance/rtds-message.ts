import { nodeCrypto } from '../protocol/crypto/node-provider.js';
import { decodeGbcsWithLayout, encodeGbcs } from '../protocol/gbcs/envelope/index.js';
import { GbcsError } from '../protocol/gbcs/errors.js';
import {
  checkProtection,
  decryptParts,
  readPlaintext,
  type CheckOutcome,
  type GbcsKeyResolver,
} from '../protocol/gbcs/protection/index.js';

/** What the suite found for one RTDS message. */
export interface MessageResult {
  readonly file: string;
  /** Null when it decoded; else where and why it did not. */
  readonly decodeError: string | null;
  readonly mac: CheckOutcome | null;
  readonly signature: CheckOutcome | null;
  /** Null when it did not decode; else whether the re-encoding is byte-identical. */
  readonly roundTrip: boolean | null;
  /** The payload codec that read it (`dlms`, `gbz`, `der`) or `raw:<format>` while none is wired in. */
  readonly payload: string | null;
  /** The first byte where the re-encoding differs, when it does. */
  readonly firstDifference: number | null;
  /** One outcome per encrypted part of the payload (GBCS-FACTS §6.5). */
  readonly decrypted: readonly CheckOutcome[];
  /** Decrypted parts whose plaintext its codec refused, with why. */
  readonly plaintextErrors: readonly string[];
}

/** Decode, check and re-encode one message. Anything but a GbcsError escaping decode is a defect: it is reported as one. */
export function runMessage(file: string, bytes: Uint8Array, keys: GbcsKeyResolver): MessageResult {
  let decoded;
  try {
    decoded = decodeGbcsWithLayout(bytes);
  } catch (error) {
    const why = error instanceof GbcsError ? error.message : `NOT A GbcsError: ${String(error)}`;
    return {
      file,
      decodeError: why,
      mac: null,
      signature: null,
      roundTrip: null,
      payload: null,
      firstDifference: null,
      decrypted: [],
      plaintextErrors: [],
    };
  }
  const { mac, signature } = checkProtection(nodeCrypto, keys, bytes, decoded);
  const header = decoded.message.signing.header;
  const parts = decryptParts(nodeCrypto, keys, header, decoded.message.signing.payload);
  const decrypted = parts.map((p) => p.outcome);
  const plaintextErrors: string[] = [];
  for (const part of parts) {
    if (!part.plaintext) continue;
    try {
      readPlaintext(part, part.plaintext);
    } catch (error) {
      plaintextErrors.push(`${part.path}: ${error instanceof GbcsError ? error.message : String(error)}`);
    }
  }
  let encoded: Uint8Array;
  try {
    encoded = encodeGbcs(decoded.message);
  } catch {
    encoded = new Uint8Array(0);
  }
  const firstDifference = differenceAt(bytes, encoded);
  const p = decoded.message.signing.payload;
  return {
    file,
    decodeError: null,
    mac,
    signature,
    roundTrip: firstDifference === null,
    payload: p.kind === 'raw' ? `raw:${p.format}` : p.kind,
    firstDifference,
    decrypted,
    plaintextErrors,
  };
}

function differenceAt(a: Uint8Array, b: Uint8Array): number | null {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? null : n;
}

/** A message passes when it decodes, no check it could make failed, and it round-trips. */
export function passed(result: MessageResult): boolean {
  return (
    result.decodeError === null &&
    result.roundTrip === true &&
    result.mac?.status !== 'invalid' &&
    result.signature?.status !== 'invalid' &&
    result.decrypted.every((o) => o.status !== 'invalid') &&
    result.plaintextErrors.length === 0
  );
}
