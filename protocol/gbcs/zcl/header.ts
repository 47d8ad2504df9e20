import { GbcsError } from '../errors.js';
import type { ByteReader, ByteWriter } from '../byte-reader.js';
import { readU16LE, writeU16LE } from './little-endian.js';
import type { ZclHeader } from './types.js';

// Frame-control bits, GBCS-FACTS §9.2 (ZCL 2.4.1.1).
const FRAME_TYPE_MASK = 0x03;
const MANUFACTURER_SPECIFIC = 0x04;
const SERVER_TO_CLIENT = 0x08;
const DISABLE_DEFAULT_RESPONSE = 0x10;
const RESERVED = 0xe0;

export function readZclHeader(r: ByteReader, field: string): ZclHeader {
  const at = r.offset;
  const fc = r.u8(`${field}.frameControl`);
  const type = fc & FRAME_TYPE_MASK;
  // Frame types 2 and 3 are reserved, as are bits 5–7: refuse them rather than guess.
  if (type > 1 || (fc & RESERVED) !== 0)
    throw new GbcsError('BAD_VALUE', `ZCL frame control 0x${fc.toString(16)} uses reserved bits`, at, field);
  const manufacturerCode = fc & MANUFACTURER_SPECIFIC ? readU16LE(r, `${field}.manufacturerCode`) : undefined;
  const sequence = r.u8(`${field}.sequence`);
  const commandId = r.u8(`${field}.commandId`);
  return {
    frameType: type === 0 ? 'global' : 'cluster',
    direction: fc & SERVER_TO_CLIENT ? 'serverToClient' : 'clientToServer',
    disableDefaultResponse: (fc & DISABLE_DEFAULT_RESPONSE) !== 0,
    ...(manufacturerCode === undefined ? {} : { manufacturerCode }),
    sequence,
    commandId,
  };
}

export function frameControlOf(h: ZclHeader): number {
  return (
    (h.frameType === 'cluster' ? 1 : 0) |
    (h.manufacturerCode === undefined ? 0 : MANUFACTURER_SPECIFIC) |
    (h.direction === 'serverToClient' ? SERVER_TO_CLIENT : 0) |
    (h.disableDefaultResponse ? DISABLE_DEFAULT_RESPONSE : 0)
  );
}

export function writeZclHeader(w: ByteWriter, h: ZclHeader): void {
  w.u8(frameControlOf(h));
  if (h.manufacturerCode !== undefined) writeU16LE(w, h.manufacturerCode);
  w.u8(checkByte(h.sequence, 'sequence')).u8(checkByte(h.commandId, 'commandId'));
}

export function checkByte(n: number, what: string): number {
  if (!Number.isInteger(n) || n < 0 || n > 0xff) throw new RangeError(`${what} ${n} is not a byte`);
  return n;
}
