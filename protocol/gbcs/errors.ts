import { SmetsimError } from '../errors.js';

/** Why GBCS bytes were refused. Every decode failure is one of these, whatever the input. */
export type GbcsErrorCode =
  | 'TRUNCATED' // the bytes end before the field does
  | 'TRAILING' // bytes left over after a complete structure
  | 'BAD_TAG' // a tag, CHOICE or type byte the format does not define here
  | 'BAD_LENGTH' // a length form or value the format does not allow
  | 'BAD_VALUE' // right shape, value out of range or inconsistent
  | 'OVERSIZE' // more bytes than the limit
  | 'TOO_DEEP' // nesting beyond the limit
  | 'UNKNOWN_USE_CASE' // a message code with no entry in the use-case table
  | 'BAD_MAC' // a check made on request failed: the GCM tag does not verify
  | 'BAD_SIGNATURE'; // a check made on request failed: the ECDSA signature does not verify

/**
 * A GBCS decode or check failure. `offset` is the byte offset, from the first byte of the whole
 * message, where the fault was found; `field` names the field being read (`grouping.counter`,
 * `dlms.get-response.result[2]`), so that `smetsim gbcs decode` can say where and why.
 */
export class GbcsError extends SmetsimError {
  declare readonly code: GbcsErrorCode;
  readonly offset: number;

  constructor(code: GbcsErrorCode, message: string, offset: number, field?: string) {
    super(code, `${message} (at byte ${offset}${field ? `, ${field}` : ''})`, field);
    this.offset = offset;
  }
}
