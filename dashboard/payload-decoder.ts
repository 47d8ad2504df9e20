import { decodeFrame, formatRequestId, type Frame, type PlainValue } from '../protocol/index.js';
import type { DecodedPayload } from './api-types.js';

/**
 * The seam for payload decoders. A decoder reads the bytes that crossed the SMWAN and says what
 * they are, or returns undefined when they are not its format. The log tries each in turn.
 * Today the wire carries smetsim's own CBOR frame (protocol/frame.ts); when GBCS goes on the wire
 * (design brief, "Frames are GBCS"), a GBCS decoder is put first in the list and the views stay
 * as they are, since they show `DecodedPayload` whatever its format.
 */
export interface PayloadDecoder {
  readonly format: string;
  decode(bytes: Uint8Array): DecodedFrame | undefined;
}

/** What the log needs from a frame to file it, plus the decoded fields to show. */
export interface DecodedFrame {
  readonly kind: 'command' | 'response' | 'alert';
  readonly originator: string;
  readonly recipient: string;
  readonly sr?: string;
  readonly requestId?: string;
  readonly status?: string;
  readonly alertCode?: string;
  readonly payload: DecodedPayload;
}

/** smetsim's CBOR frame: the header, the message code, the status and the payload as JSON. */
export const smetsimFrameDecoder: PayloadDecoder = {
  format: 'smetsim-cbor-frame/1',
  decode(bytes) {
    let frame: Frame;
    try {
      frame = decodeFrame(bytes);
    } catch {
      return undefined;
    }
    const { header } = frame;
    const common = {
      originator: header.originator,
      recipient: header.recipient,
      counter: header.counter.toString(),
      createdAt: new Date(header.createdAt).toISOString(),
      ...(header.executeAt !== undefined ? { executeAt: new Date(header.executeAt).toISOString() } : {}),
      signatures: frame.signatures.map((s) => `${s.role} ${s.signer}`),
    };
    const fields = (extra: Record<string, unknown>) => ({
      format: this.format,
      fields: { ...common, ...extra, payload: plainToJson(frame.payload) },
    });
    switch (frame.kind) {
      case 'command':
        return {
          kind: 'command',
          originator: header.originator,
          recipient: header.recipient,
          sr: frame.serviceRequest,
          // The DUIS request id of a command: requester, target device, requester's counter.
          requestId: formatRequestId({
            originator: header.originator,
            target: header.recipient,
            counter: header.counter,
          }),
          payload: fields({ serviceRequest: frame.serviceRequest }),
        };
      case 'response':
        return {
          kind: 'response',
          originator: header.originator,
          recipient: header.recipient,
          sr: frame.serviceRequest,
          requestId: formatRequestId({
            originator: header.recipient,
            target: header.originator,
            counter: frame.inResponseTo,
          }),
          status: frame.status,
          payload: fields({
            serviceRequest: frame.serviceRequest,
            inResponseTo: frame.inResponseTo.toString(),
            status: frame.status,
          }),
        };
      case 'alert': {
        const alertCode = `0x${frame.alertCode.toString(16).toUpperCase().padStart(4, '0')}`;
        return {
          kind: 'alert',
          originator: header.originator,
          recipient: header.recipient,
          alertCode,
          payload: fields({ alertCode }),
        };
      }
    }
  },
};

export const DEFAULT_DECODERS: readonly PayloadDecoder[] = [smetsimFrameDecoder];

export function decodeWith(decoders: readonly PayloadDecoder[], bytes: Uint8Array): DecodedFrame | undefined {
  for (const decoder of decoders) {
    const decoded = decoder.decode(bytes);
    if (decoded) return decoded;
  }
  return undefined;
}

/** A frame payload as JSON: bytes become hex strings (marked, so that they are not read as text). */
export function plainToJson(value: PlainValue): unknown {
  if (value instanceof Uint8Array) return `hex:${Buffer.from(value).toString('hex')}`;
  if (Array.isArray(value)) return value.map((item: PlainValue) => plainToJson(item));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, plainToJson(item)]));
  return value;
}
