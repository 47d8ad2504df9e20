import { ByteReader, ByteWriter } from '../byte-reader.js';
import { readNode, writeNode } from './der.js';
import { derShape } from './shapes.js';
import type { DerPayload } from './types.js';

/**
 * The ASN.1 DER payload codec (GBCS-FACTS §10): the payloads of the security-credential,
 * join/unjoin, firmware-activation, time and device-log use cases, which the envelope picks by
 * message code (§7). `decodeDer(bytes, baseOffset)` reads exactly one value (trailing bytes are
 * refused) and throws only `GbcsError`, with offsets from the message start; it refuses unknown
 * universal tags, high tag numbers, the indefinite length, lengths beyond the bytes, content DER
 * does not allow (non-minimal INTEGERs, BOOLEANs other than 00/FF, ...) and nesting beyond
 * MAX_DER_DEPTH. `encodeDer(decodeDer(b))` gives `b` back byte for byte.
 */
export function decodeDer(bytes: Uint8Array, baseOffset: number): DerPayload {
  const r = new ByteReader(bytes, baseOffset);
  const root = readNode(r, 0, 'der');
  r.end('der');
  return { root, shape: derShape(root) };
}

export function encodeDer(p: DerPayload): Uint8Array {
  const w = new ByteWriter();
  writeNode(w, p.root);
  return w.finish();
}

export { MAX_DER_DEPTH } from './der.js';
export { UNIVERSAL_TAGS } from './universal.js';
export { derShape, findCertificates, isCertificate } from './shapes.js';
export type { DerNode, DerPayload, DerShape, DerTagClass } from './types.js';
export { derUseCaseView, type DerUseCaseView } from './schemas.js';
