import { GatewayError } from '../duis-error.js';

/**
 * Well-formed Unicode at the gateway's edge (issue 17, defect 5). JSON may carry a lone UTF-16
 * surrogate (`"\ud800"`), and a JS string can hold one, but no UTF-8 encoding of it exists:
 * cbor-x then wrote ill-formed UTF-8 into the command, the bytes the ACB signed were not the bytes
 * the device decoded, and the device raised 0x8F3D (GBCS-FACTS: signature failure) for a request
 * any party could craft. So the gateway refuses, before access control or signing, any string
 * that is not well-formed: in the body bytes, in every key and value of the parsed body, in the
 * query and path parameters, and in every header.
 */
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
/** In a `u` regex a surrogate pair is one code point, so \p{Cs} matches only a lone surrogate. */
const LONE_SURROGATE = /\p{Cs}/u;
const wellFormed = (text: string) => !LONE_SURROGATE.test(text);

export function illFormed(field: string, rule: string): GatewayError {
  return new GatewayError(
    'ILL_FORMED_STRING',
    `${field}: ${rule}; send well-formed UTF-8 (a lone UTF-16 surrogate has no UTF-8 form and cannot be signed)`,
    400,
    field,
  );
}

/** The body bytes as text, or ILL_FORMED_STRING on bytes that are not UTF-8. */
export function decodeUtf8(bytes: Uint8Array, field: string): string {
  try {
    return UTF8.decode(bytes);
  } catch {
    throw illFormed(field, 'the bytes are not well-formed UTF-8');
  }
}

/**
 * Throw ILL_FORMED_STRING naming the first string (key or value) holding a lone surrogate.
 * The field is the dotted path from `root`; for a key, the object that holds it.
 */
export function assertWellFormed(value: unknown, root: string): void {
  const path = findIllFormed(value, root);
  if (path) throw illFormed(path.field || 'body', path.rule);
}

function findIllFormed(value: unknown, at: string): { field: string; rule: string } | undefined {
  if (typeof value === 'string')
    return wellFormed(value) ? undefined : { field: at, rule: 'holds a lone UTF-16 surrogate' };
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findIllFormed(item, `${at}.${index}`);
      if (found) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (!wellFormed(key)) return { field: at, rule: 'a key holds a lone UTF-16 surrogate' };
      const found = findIllFormed(item, at === '' ? key : `${at}.${key}`);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * Node reads header values as Latin-1, one char per byte, so a lone surrogate cannot appear in
 * one; what can is bytes that are not UTF-8 (0xFF, an encoded surrogate ED A0 80). Refuse them
 * naming the header. Choice (RFC 9110 §5.5 tolerates obs-text): every header this gateway reads
 * is ASCII, so refusing non-UTF-8 bytes loses no real client.
 */
export function assertHeadersWellFormed(headers: Readonly<Record<string, string | string[] | undefined>>): void {
  for (const [name, value] of Object.entries(headers)) {
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) {
      // eslint-disable-next-line no-control-regex -- the range test is the point: any byte over 0x7F
      if (/[^\x00-\x7f]/.test(one)) decodeUtf8(Buffer.from(one, 'latin1'), name);
    }
  }
}
