import { GbcsError } from '../errors.js';

/**
 * An OBIS code (COSEM logical name, 6 bytes A–F) in its usual text form `A-B:C.D.E.F`, each
 * group 0–255, e.g. `0-0:43.2.8.255` (GBCS-FACTS §8.5). The text and the 6 bytes map one to one,
 * so a descriptor keeps the readable form and still re-encodes exactly.
 */
export type ObisCode = `${number}-${number}:${number}.${number}.${number}.${number}`;

const OBIS_PATTERN = /^(\d{1,3})-(\d{1,3}):(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export function obisFromBytes(bytes: Uint8Array): ObisCode {
  const [a, b, c, d, e, f] = bytes;
  return `${a ?? 0}-${b ?? 0}:${c ?? 0}.${d ?? 0}.${e ?? 0}.${f ?? 0}`;
}

/** The 6 bytes of an OBIS code; refuses any other text (leading zeros included, so the map stays one to one). */
export function obisToBytes(code: string, offset = 0, field = 'obis'): Uint8Array {
  const match = OBIS_PATTERN.exec(code);
  const groups = match ? match.slice(1).map(Number) : [];
  if (!match || groups.some((g, i) => g > 255 || String(g) !== match[i + 1]))
    throw new GbcsError(
      'BAD_VALUE',
      `${field}: ${JSON.stringify(code)} is not an OBIS code A-B:C.D.E.F`,
      offset,
      field,
    );
  return Uint8Array.from(groups);
}

export function isObisCode(code: string): code is ObisCode {
  const match = OBIS_PATTERN.exec(code);
  return match !== null && match.slice(1).every((g) => Number(g) <= 255 && String(Number(g)) === g);
}
