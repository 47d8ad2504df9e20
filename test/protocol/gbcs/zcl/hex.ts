/** Annotated hex → bytes: everything after `#` on a line is a comment; spaces are ignored. */
export function hex(annotated: string): Uint8Array {
  const digits = annotated
    .split('\n')
    .map((line) => line.replace(/#.*$/, ''))
    .join('')
    .replace(/\s+/g, '');
  if (!/^([0-9a-fA-F]{2})*$/.test(digits)) throw new Error(`not hex: ${digits}`);
  return Uint8Array.from(digits.match(/../g) ?? [], (b) => parseInt(b, 16));
}
