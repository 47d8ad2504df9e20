import { SmetsimError } from './errors.js';

/** Why a frame's bytes were refused. Every decode failure is one of these, whatever the input. */
export type FrameErrorCode =
  | 'OVERSIZE' // more bytes than the limit
  | 'MALFORMED' // not well-formed CBOR, or trailing bytes
  | 'NOT_PLAIN' // CBOR tags, maps with non-string keys, undefined, bigints or other exotic values
  | 'UNKNOWN_FIELD' // a key the frame schema does not define
  | 'MISSING_FIELD'
  | 'WRONG_TYPE'
  | 'BAD_VALUE' // right type, value out of range (EUI length, signature length, version ...)
  | 'TOO_DEEP'; // payload nesting beyond the limit

export class FrameError extends SmetsimError {
  declare readonly code: FrameErrorCode;
  constructor(code: FrameErrorCode, message: string, field?: string) {
    super(code, message, field);
  }
}
