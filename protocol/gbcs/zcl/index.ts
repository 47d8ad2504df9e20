import { ByteReader, ByteWriter } from '../byte-reader.js';
import { readGbz, writeGbz, type GbzDecodeOptions } from './gbz.js';
import type { GbzPayload } from './types.js';

/**
 * The GBZ / ZigBee ZCL payload codec (GBCS-FACTS §9): the payload of GSME and GPF use cases.
 *
 * `decodeGbz(bytes, baseOffset, options?)` reads one whole payload (trailing bytes are refused)
 * and throws only `GbcsError`, with offsets from the message start (`baseOffset` is where
 * `bytes[0]` sits in the message). Pass the grouping header's CRA flag and message code in
 * `options`: CRA 3 selects the alert form (§9.3), and the message code picks the layout of the
 * alert content (00CD, 00CF, 00F2, 008B). Without them the alert form is told from its first
 * byte and alert content is kept raw. `encodeGbz(decodeGbz(b))` gives `b` back byte for byte.
 *
 * Encrypted components keep their ciphertext (§6.5); after decrypting, the envelope reads the
 * plaintext with `decodeZclPayload(plain, clusterId, header, offset)` and writes it back with
 * `encodeZclPayload`.
 */
export function decodeGbz(bytes: Uint8Array, baseOffset: number, options: GbzDecodeOptions = {}): GbzPayload {
  return readGbz(new ByteReader(bytes, baseOffset), options);
}

export function encodeGbz(p: GbzPayload): Uint8Array {
  const w = new ByteWriter();
  writeGbz(w, p);
  return w.finish();
}

export type { GbzDecodeOptions } from './gbz.js';
export { GBZ_PROFILE_ID, GBZ_ALERT_MESSAGE_CODES } from './gbz.js';
export { decodeZclPayload, encodeZclPayload, type PlainZclPayload } from './zcl-payload.js';
export { ZCL_TYPES, type ZclTypeName, type ZclValue } from './data-types.js';
export { CLUSTER_COMMANDS, commandSchema, type CommandSchema } from './cluster-commands.js';
export { GLOBAL_COMMANDS } from './global-commands.js';
export { ZCL_CLUSTERS, ZCL_ATTRIBUTES, GCS13A_ATTRIBUTES, attributeName, clusterName } from './attributes.js';
export type * from './types.js';
