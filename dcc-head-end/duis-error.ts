import { SmetsimError, type ResponseCode } from '../protocol/index.js';

/**
 * A refusal the DCC answers with a DUIS code (E1, E2, E3, E4, E5, E11, E12, E19 ...). It maps
 * straight to the wire: `{requestId, code, message}` with a 4xx status.
 */
export class DuisError extends SmetsimError {
  declare readonly code: ResponseCode;
  constructor(code: ResponseCode, message: string, field?: string) {
    super(code, message, field);
  }
}

/**
 * Bad input that no DUIS code describes: malformed JSON, a missing header, a stale date, a bad
 * signature, a reused counter, an oversize body. The gateway answers it with `status` and a
 * JSON error naming the field and the rule.
 */
export class GatewayError extends SmetsimError {
  constructor(
    code: string,
    message: string,
    readonly status: number,
    field?: string,
    /** The DUIS code that also applies, if any. */
    readonly duis?: ResponseCode,
  ) {
    super(code, message, field);
  }
}
