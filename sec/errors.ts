import { GatewayError } from '../dcc-head-end/duis-error.js';

/**
 * A refusal under the SEC's own rules (not a DUIS code): the gateway answers it with `status` and
 * a JSON error naming the rule. Codes: NOT_ALLOWED (a rule forbids it now, 409), NOT_FOUND (no
 * such record visible to the caller, 404), BAD_REQUEST (400).
 */
export class SecError extends GatewayError {
  constructor(code: 'NOT_ALLOWED' | 'NOT_FOUND' | 'BAD_REQUEST' | 'FORBIDDEN', message: string, field?: string) {
    super(code, message, { NOT_ALLOWED: 409, NOT_FOUND: 404, BAD_REQUEST: 400, FORBIDDEN: 403 }[code], field);
  }
}
