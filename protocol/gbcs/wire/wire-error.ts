import { SmetsimError } from '../../errors.js';

/**
 * Why a semantic message could not be put on the wire, or a well-formed GBCS message could not be
 * read back as one. Malformed bytes are GbcsError (the envelope's); a payload that does not fit
 * its use case is UseCaseError (the codec's).
 */
export type WireErrorCode =
  | 'NO_KEY' // neither private key of the MAC's party pair is held here
  | 'NO_USE_CASE' // no codec for this (service request, device type), or for this message code
  | 'WRONG_KIND' // a command where a response was expected, or the like
  | 'BAD_ALERT'; // an alert payload not shaped as GBCS alerts are (§8.7, §9.3)

export class WireError extends SmetsimError {
  declare readonly code: WireErrorCode;
  constructor(code: WireErrorCode, message: string, field?: string) {
    super(code, message, field);
  }
}
