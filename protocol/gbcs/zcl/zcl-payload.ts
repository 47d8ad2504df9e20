import { ByteReader, ByteWriter } from '../byte-reader.js';
import { commandSchema } from './cluster-commands.js';
import { readClusterCommand, writeClusterCommand } from './cluster-command-codec.js';
import { globalPayloadFits, readGlobalPayload, writeGlobalPayload } from './global-commands.js';
import type { ZclHeader, ZclPayload } from './types.js';

export type PlainZclPayload = Exclude<ZclPayload, { kind: 'encrypted' }>;

/**
 * Reads a clear ZCL payload (everything after the ZCL header) as the header says: global
 * commands by id, cluster-specific ones by the schema for (cluster, direction, command), and raw
 * bytes when there is no schema. Consumes the whole reader.
 */
export function readZclPayload(r: ByteReader, clusterId: number, header: ZclHeader, field: string): PlainZclPayload {
  if (header.frameType === 'global') {
    const p = readGlobalPayload(r, header.commandId, field);
    r.end(field);
    return p;
  }
  const schema = commandSchema(clusterId, header.direction, header.commandId);
  if (!schema) return { kind: 'raw', bytes: r.take(r.remaining, field) };
  return readClusterCommand(r, schema, field);
}

export function writeZclPayload(w: ByteWriter, clusterId: number, header: ZclHeader, p: PlainZclPayload): void {
  if (header.frameType === 'global') {
    if (!globalPayloadFits(header.commandId, p))
      throw new RangeError(`a ${p.kind} payload does not go with global command 0x${header.commandId.toString(16)}`);
    writeGlobalPayload(w, p);
    return;
  }
  const schema = commandSchema(clusterId, header.direction, header.commandId);
  if (!schema) {
    if (p.kind !== 'raw') throw new RangeError(`cluster command without a schema must be raw, got ${p.kind}`);
    w.bytes(p.bytes);
    return;
  }
  if (p.kind !== 'clusterCommand') throw new RangeError(`${schema.name} needs a clusterCommand payload, got ${p.kind}`);
  writeClusterCommand(w, schema, p);
}

/**
 * Decodes a ZCL payload the envelope has just decrypted (GBCS-FACTS §6.5): the plaintext of an
 * encrypted GBZ component, read under that component's cluster and (clear) ZCL header.
 * `baseOffset` is where the plaintext would start in the message, for error offsets.
 */
export function decodeZclPayload(
  plaintext: Uint8Array,
  clusterId: number,
  header: ZclHeader,
  baseOffset: number,
): PlainZclPayload {
  return readZclPayload(new ByteReader(plaintext, baseOffset), clusterId, header, 'zcl.payload');
}

/** The plaintext an encrypted component carries, ready for the envelope to encrypt. */
export function encodeZclPayload(clusterId: number, header: ZclHeader, p: PlainZclPayload): Uint8Array {
  const w = new ByteWriter();
  writeZclPayload(w, clusterId, header, p);
  return w.finish();
}
