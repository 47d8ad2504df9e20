/** Join annotated hex lines into bytes. */
export const hex = (...lines: string[]): Uint8Array => Uint8Array.from(Buffer.from(lines.join(''), 'hex'));
