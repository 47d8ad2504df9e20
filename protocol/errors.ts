/**
 * One error base for the whole system. Every refusal that crosses a boundary is a subclass that
 * carries a machine-readable code, so callers map it straight to the wire (a DUIS code, a device
 * alert, an HTTP status) without parsing messages.
 */
export class SmetsimError extends Error {
  readonly code: string;
  /** The field or argument the error is about, when there is one. */
  readonly field: string | undefined;

  constructor(code: string, message: string, field?: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.field = field;
  }
}

/** Why an identity, argument or table lookup was refused. */
export type ValidationCode =
  'BAD_EUI' | 'BAD_MPAN' | 'BAD_MPRN' | 'BAD_REQUEST_ID' | 'BAD_COUNTER' | 'UNKNOWN_SERVICE_REQUEST' | 'BAD_ARGUMENT';

export class ValidationError extends SmetsimError {
  declare readonly code: ValidationCode;
  constructor(code: ValidationCode, message: string, field?: string) {
    super(code, message, field);
  }
}
