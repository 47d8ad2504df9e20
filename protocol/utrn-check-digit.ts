/**
 * The GBCS UTRN check digit (GBCS 14.8): Verhoeff-style, with GBCS's own tables. The inverse table
 * is not the textbook Verhoeff one, and the walk starts at k = 4, left to right.
 */
const P = [
  '0123456789',
  '1576283094',
  '5803796142',
  '8916043527',
  '9453126870',
  '4286573901',
  '2793806415',
  '7046913258',
].map((row) => [...row].map(Number));
const D = [
  '0123456789',
  '1234067895',
  '2340178956',
  '3401289567',
  '4012395678',
  '5987604321',
  '6598710432',
  '7659821043',
  '8765932104',
  '9876543210',
].map((row) => [...row].map(Number));
const I = [...'1267583094'].map(Number);

/** The check digit for a 19-digit string of decimal digits. */
export function utrnCheckDigit(digits19: string): number {
  let acc = 0;
  let k = 4;
  for (const ch of digits19) {
    acc = D[acc]![P[k]![Number(ch)]!]!;
    k = (k + 1) % 8;
  }
  return I[acc]!;
}
