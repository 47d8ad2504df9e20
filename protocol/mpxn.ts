import { ValidationError } from './errors.js';

/** A 13-digit MPAN core with a valid check digit. */
export type Mpan = string & { readonly __brand: 'Mpan' };
/** A 6 to 10 digit gas meter point reference. */
export type Mprn = string & { readonly __brand: 'Mprn' };

/** The MPAN core check-digit weights (FACTS: Identities). */
const MPAN_WEIGHTS = [3, 5, 7, 13, 17, 19, 23, 29, 31, 37, 41, 43] as const;

/** The check digit for the first 12 digits of an MPAN core. */
export function mpanCheckDigit(first12: string): number {
  if (!/^\d{12}$/.test(first12)) {
    throw new ValidationError('BAD_MPAN', 'the MPAN check digit needs exactly 12 leading digits', 'mpan');
  }
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * MPAN_WEIGHTS[i]!;
  return (sum % 11) % 10;
}

export function parseMpan(text: string, field = 'mpan'): Mpan {
  if (typeof text !== 'string' || !/^\d{13}$/.test(text)) {
    throw new ValidationError('BAD_MPAN', `${field} must be a 13-digit MPAN core`, field);
  }
  const expected = mpanCheckDigit(text.slice(0, 12));
  if (Number(text[12]) !== expected) {
    throw new ValidationError(
      'BAD_MPAN',
      `${field} ${text} fails its check digit: the last digit should be ${expected}`,
      field,
    );
  }
  return text as Mpan;
}

/** Build a valid MPAN from 12 leading digits, appending the check digit. */
export function mpanFrom12(first12: string): Mpan {
  return `${first12}${mpanCheckDigit(first12)}` as Mpan;
}

export function parseMprn(text: string, field = 'mprn'): Mprn {
  if (typeof text !== 'string' || !/^\d{6,10}$/.test(text)) {
    throw new ValidationError('BAD_MPRN', `${field} must be an MPRN of 6 to 10 digits`, field);
  }
  return text as Mprn;
}
