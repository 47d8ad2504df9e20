import { GatewayError } from '../../dcc-head-end/duis-error.js';

/**
 * A refusal under the charging rules (SEC ch. 9), named so that a finance tester can tell which
 * rule it broke; nothing changes when one is thrown (each operation checks before it writes).
 */
export type ChargesErrorCode =
  | 'UNKNOWN_INVOICE'
  | 'NEGATIVE_AMOUNT'
  | 'NOT_ON_INVOICE'
  | 'POT_SHARES_NOT_100'
  | 'OVERPAYMENT'
  | 'NO_STATEMENT'
  | 'PRICE_FIRM_FOR_YEAR'
  | 'UNKNOWN_DISPUTE'
  | 'DISPUTE_RESOLVED'
  | 'MONTH_NOT_ENDED'
  | 'BAD_CHARGES_INPUT';

const STATUS: Record<ChargesErrorCode, number> = {
  UNKNOWN_INVOICE: 404,
  NEGATIVE_AMOUNT: 400,
  NOT_ON_INVOICE: 403,
  POT_SHARES_NOT_100: 400,
  OVERPAYMENT: 409,
  NO_STATEMENT: 409,
  PRICE_FIRM_FOR_YEAR: 409,
  UNKNOWN_DISPUTE: 404,
  DISPUTE_RESOLVED: 409,
  MONTH_NOT_ENDED: 409,
  BAD_CHARGES_INPUT: 400,
};

export class ChargesError extends GatewayError {
  constructor(code: ChargesErrorCode, message: string, field?: string) {
    super(code, message, STATUS[code], field);
  }
}
