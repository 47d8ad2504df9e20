import { assertPlain, DEFAULT_PLAIN_LIMITS, decodeCbor, encodeCbor, type PlainValue } from './cbor.js';
import { isDeviceStatus, type DeviceStatus } from './device-status.js';
import { formatEuiBytes, euiToBytes, type Eui64 } from './eui.js';
import { FrameError } from './frame-error.js';
import { MAX_COUNTER } from './request-id.js';
import { DEVICE_TRUST_ROLES } from './roles.js';

/** Frames larger than this are refused before any parsing. Firmware images travel in chunks. */
export const DEFAULT_MAX_FRAME_BYTES = 64 * 1024;
export const FRAME_VERSION = 1;

/** Who put a signature on a frame: a remote party role, or the device itself. */
export const SIGNER_ROLES = [...DEVICE_TRUST_ROLES, 'Device'] as const;
export type SignerRole = (typeof SIGNER_ROLES)[number];

export interface FrameSignature {
  readonly role: SignerRole;
  readonly signer: Eui64;
  /** ECDSA P-256 / SHA-256, 64-byte r||s, over `signedContent(frame)`. */
  readonly value: Uint8Array;
}

export interface FrameHeader {
  readonly originator: Eui64;
  readonly recipient: Eui64;
  /** The originator's 64-bit counter; must rise strictly per originator. */
  readonly counter: bigint;
  /** Milliseconds since the epoch, on the originator's clock. */
  readonly createdAt: number;
  /** A future-dated command's execution time, ms since the epoch. */
  readonly executeAt?: number;
  /**
   * A command's expiry, ms since the epoch: the DCC's response deadline. The hub and the device
   * refuse a command past it, so that one the party was told had timed out (E20/E21) never runs
   * later. GBCS has no such field (its command date-time is `00`, GBCS-FACTS §4): emulator choice,
   * docs/ARCHITECTURE.md "What a timed-out command does".
   */
  readonly expiresAt?: number;
}

export interface CommandFrame {
  readonly kind: 'command';
  readonly header: FrameHeader;
  /** The DUIS service reference variant, e.g. "4.1.1". */
  readonly serviceRequest: string;
  readonly payload: PlainValue;
  readonly signatures: readonly FrameSignature[];
}

export interface ResponseFrame {
  readonly kind: 'response';
  readonly header: FrameHeader;
  readonly serviceRequest: string;
  /** The counter of the command this answers. */
  readonly inResponseTo: bigint;
  /** "OK" or the device's refusal reason (protocol/device-status.ts). */
  readonly status: DeviceStatus;
  readonly payload: PlainValue;
  readonly signatures: readonly FrameSignature[];
}

export interface AlertFrame {
  readonly kind: 'alert';
  readonly header: FrameHeader;
  /** The 2-byte device alert code (e.g. 0x8F51) or a hub-raised code. */
  readonly alertCode: number;
  readonly payload: PlainValue;
  readonly signatures: readonly FrameSignature[];
}

export type Frame = CommandFrame | ResponseFrame | AlertFrame;
export type FrameKind = Frame['kind'];
/** A frame before it is signed. */
export type UnsignedFrame = DistributiveOmit<Frame, 'signatures'>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

// Wire layout: one CBOR map with short keys in a fixed order, so that the same frame always
// encodes to the same bytes (replays are byte for byte, signatures are reproducible).
const KIND_TO_WIRE = { command: 'C', response: 'R', alert: 'A' } as const;
const WIRE_TO_KIND = { C: 'command', R: 'response', A: 'alert' } as const;
const COMMON_KEYS = ['v', 'k', 'o', 'r', 'n', 't', 'x', 'e', 'm', 'p', 's'] as const;
const RESPONSE_KEYS = ['q', 'c'] as const;

function counterBytes(counter: bigint): Uint8Array {
  if (counter < 0n || counter > MAX_COUNTER) throw new FrameError('BAD_VALUE', 'counter must be 0..2^64-1', 'counter');
  const high = Number(counter >> 32n);
  const low = Number(counter & 0xffffffffn);
  return Uint8Array.of(
    high >>> 24,
    (high >>> 16) & 0xff,
    (high >>> 8) & 0xff,
    high & 0xff,
    low >>> 24,
    (low >>> 16) & 0xff,
    (low >>> 8) & 0xff,
    low & 0xff,
  );
}

function toWire(frame: UnsignedFrame): Record<string, PlainValue> {
  const h = frame.header;
  const wire: Record<string, PlainValue> = {
    v: FRAME_VERSION,
    k: KIND_TO_WIRE[frame.kind],
    o: euiToBytes(h.originator),
    r: euiToBytes(h.recipient),
    n: counterBytes(h.counter),
    t: h.createdAt,
  };
  if (h.executeAt !== undefined) wire.x = h.executeAt;
  if (h.expiresAt !== undefined) wire.e = h.expiresAt;
  wire.m = frame.kind === 'alert' ? frame.alertCode : frame.serviceRequest;
  if (frame.kind === 'response') {
    wire.q = counterBytes(frame.inResponseTo);
    wire.c = frame.status;
  }
  wire.p = frame.payload;
  return wire;
}

/** The bytes every signature on the frame covers: the frame without its signatures. */
export function signedContent(frame: UnsignedFrame): Uint8Array {
  return encodeCbor(toWire(frame));
}

export function encodeFrame(frame: Frame): Uint8Array {
  const wire = toWire(frame);
  wire.s = frame.signatures.map((s) => [s.role, euiToBytes(s.signer), s.value]);
  return encodeCbor(wire);
}

export interface DecodeOptions {
  readonly maxBytes?: number;
  /**
   * Decode a frame's signed content (`signedContent`): the same map without `s`. A DCC reads a
   * pre-command back this way after the party has signed it.
   */
  readonly unsigned?: boolean;
}

/** Strict decode: returns a well-typed frame or throws FrameError, whatever the bytes. */
export function decodeFrame(bytes: Uint8Array, options: DecodeOptions = {}): Frame {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FRAME_BYTES;
  if (!(bytes instanceof Uint8Array)) throw new FrameError('WRONG_TYPE', 'a frame must be bytes');
  if (bytes.length > maxBytes)
    throw new FrameError('OVERSIZE', `frame of ${bytes.length} bytes is over the ${maxBytes}-byte limit`);
  const wire = decodeCbor(bytes);
  if (wire === null || typeof wire !== 'object' || Array.isArray(wire) || wire instanceof Uint8Array) {
    throw new FrameError('WRONG_TYPE', 'a frame must be a CBOR map');
  }
  return fromWire(wire as Readonly<Record<string, PlainValue>>, options.unsigned ?? false);
}

function fromWire(wire: Readonly<Record<string, PlainValue>>, unsigned: boolean): Frame {
  const kind = WIRE_TO_KIND[str(wire, 'k') as keyof typeof WIRE_TO_KIND];
  if (kind === undefined) throw new FrameError('BAD_VALUE', 'k must be C, R or A', 'k');
  const allowed: readonly string[] = kind === 'response' ? [...COMMON_KEYS, ...RESPONSE_KEYS] : COMMON_KEYS;
  for (const key of Object.keys(wire)) {
    if (!allowed.includes(key)) throw new FrameError('UNKNOWN_FIELD', `unknown frame field "${key}"`, key);
  }
  if (wire.v !== FRAME_VERSION)
    throw new FrameError('BAD_VALUE', `unsupported frame version ${JSON.stringify(wire.v)}`, 'v');
  const header: FrameHeader = {
    originator: eui(wire, 'o'),
    recipient: eui(wire, 'r'),
    counter: counter(wire, 'n'),
    createdAt: timestamp(wire, 't'),
    ...(wire.x !== undefined ? { executeAt: timestamp(wire, 'x') } : {}),
    ...(wire.e !== undefined ? { expiresAt: timestamp(wire, 'e') } : {}),
  };
  const payload = required(wire, 'p');
  if (unsigned && wire.s !== undefined)
    throw new FrameError('UNKNOWN_FIELD', 'signed content carries no signatures', 's');
  const signatures = unsigned ? [] : signatureList(wire);
  switch (kind) {
    case 'command':
      return { kind, header, serviceRequest: str(wire, 'm'), payload, signatures };
    case 'response':
      return {
        kind,
        header,
        serviceRequest: str(wire, 'm'),
        inResponseTo: counter(wire, 'q'),
        status: deviceStatus(wire, 'c'),
        payload,
        signatures,
      };
    case 'alert': {
      const code = required(wire, 'm');
      if (typeof code !== 'number' || !Number.isInteger(code) || code < 0 || code > 0xffff) {
        throw new FrameError('WRONG_TYPE', 'an alert code (m) must be an integer 0..0xFFFF', 'm');
      }
      return { kind, header, alertCode: code, payload, signatures };
    }
  }
}

function required(wire: Readonly<Record<string, PlainValue>>, key: string): PlainValue {
  const value = wire[key];
  if (value === undefined) throw new FrameError('MISSING_FIELD', `frame field "${key}" is missing`, key);
  return value;
}

function str(wire: Readonly<Record<string, PlainValue>>, key: string): string {
  const value = required(wire, key);
  if (typeof value !== 'string' || value.length === 0 || value.length > 64) {
    throw new FrameError('WRONG_TYPE', `frame field "${key}" must be a string of 1..64 characters`, key);
  }
  return value;
}

function deviceStatus(wire: Readonly<Record<string, PlainValue>>, key: string): DeviceStatus {
  const value = str(wire, key);
  if (!isDeviceStatus(value)) throw new FrameError('BAD_VALUE', `"${value}" is not a device status`, key);
  return value;
}

function bytesOf(value: PlainValue | undefined, length: number, field: string): Uint8Array {
  if (value === undefined) throw new FrameError('MISSING_FIELD', `frame field "${field}" is missing`, field);
  if (!(value instanceof Uint8Array)) throw new FrameError('WRONG_TYPE', `"${field}" must be a byte string`, field);
  if (value.length !== length)
    throw new FrameError('BAD_VALUE', `"${field}" must be ${length} bytes, got ${value.length}`, field);
  return value;
}

function eui(wire: Readonly<Record<string, PlainValue>>, key: string): Eui64 {
  return formatEuiBytes(bytesOf(wire[key], 8, key));
}

function counter(wire: Readonly<Record<string, PlainValue>>, key: string): bigint {
  const b = bytesOf(wire[key], 8, key);
  const high = ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
  const low = ((b[4]! << 24) | (b[5]! << 16) | (b[6]! << 8) | b[7]!) >>> 0;
  return (BigInt(high) << 32n) | BigInt(low);
}

function timestamp(wire: Readonly<Record<string, PlainValue>>, key: string): number {
  const value = required(wire, key);
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new FrameError('WRONG_TYPE', `"${key}" must be a non-negative integer timestamp in ms`, key);
  }
  return value;
}

const SIGNER_ROLE_SET: ReadonlySet<string> = new Set(SIGNER_ROLES);

function signatureList(wire: Readonly<Record<string, PlainValue>>): FrameSignature[] {
  const list = required(wire, 's');
  if (!Array.isArray(list)) throw new FrameError('WRONG_TYPE', '"s" must be an array of signatures', 's');
  if (list.length > 4) throw new FrameError('BAD_VALUE', 'a frame carries at most 4 signatures', 's');
  return list.map((entry: PlainValue, i: number) => {
    const field = `s[${i}]`;
    if (!Array.isArray(entry) || entry.length !== 3)
      throw new FrameError('WRONG_TYPE', `${field} must be [role, signer, value]`, field);
    const [role, signer, value] = entry as readonly PlainValue[];
    if (typeof role !== 'string' || !SIGNER_ROLE_SET.has(role)) {
      throw new FrameError('BAD_VALUE', `${field} role must be one of ${SIGNER_ROLES.join(', ')}`, field);
    }
    return {
      role: role as SignerRole,
      signer: formatEuiBytes(bytesOf(signer, 8, `${field}.signer`)),
      value: bytesOf(value, 64, `${field}.value`),
    };
  });
}

/** Check a payload built in code against the same rules decode applies. */
export function assertPayload(payload: unknown): asserts payload is PlainValue {
  assertPlain(payload, DEFAULT_PLAIN_LIMITS, 'payload', 1);
}
