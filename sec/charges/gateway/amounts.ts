import { ChargesError } from '../errors.js';
import { POTS, type PerPot, type StatementInput } from '../statement.js';

/** An amount in pence as sent, sign and all: the rule that refuses a negative one names it (NEGATIVE_AMOUNT). */
export function signedPence(raw: Readonly<Record<string, unknown>>, key: string): number {
  const value = raw[key];
  if (typeof value !== 'number' || !Number.isSafeInteger(value))
    throw new ChargesError('BAD_CHARGES_INPUT', `${key} is a whole number of pence`, key);
  return value;
}

function perPot(raw: Readonly<Record<string, unknown>>, key: string): PerPot {
  const value = raw[key];
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new ChargesError('BAD_CHARGES_INPUT', `${key} is an object with ${POTS.join(', ')}`, key);
  const fields = value as Record<string, unknown>;
  return Object.fromEntries(POTS.map((pot) => [pot, signedPence(fields, pot)])) as unknown as PerPot;
}

/** A charging statement from a request body; its rules are checked by checkStatement (statement.ts). */
export function statementInput(raw: Readonly<Record<string, unknown>>): StatementInput {
  const pre = raw.preGoLive;
  return {
    year: signedPence(raw, 'year'),
    fixedCostsPence: signedPence(raw, 'fixedCostsPence'),
    potSharesBp: perPot(raw, 'potSharesBp'),
    systems: perPot(raw, 'systems'),
    ...(pre !== undefined && pre !== null && typeof pre === 'object' && !Array.isArray(pre)
      ? {
          preGoLive: {
            costsPence: signedPence(pre as Record<string, unknown>, 'costsPence'),
            mandatedSystems: perPot(pre as Record<string, unknown>, 'mandatedSystems'),
          },
        }
      : {}),
    pencePerGb: signedPence(raw, 'pencePerGb'),
    applicationFeePence: signedPence(raw, 'applicationFeePence'),
    membershipFeePencePerMonth: signedPence(raw, 'membershipFeePencePerMonth'),
    optOutFeePence: signedPence(raw, 'optOutFeePence'),
  };
}
