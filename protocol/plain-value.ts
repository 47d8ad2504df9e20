/**
 * The plain values a handler body or a response payload may be: what JSON has, plus byte strings.
 * No tags, no Maps, no undefined, no bigints, so that a value can be walked without surprises.
 * Between the head-end and a device these are never the wire: a use-case codec turns them into
 * GBCS content and back (protocol/gbcs/use-cases).
 */
export type PlainValue =
  null | boolean | number | string | Uint8Array | readonly PlainValue[] | { readonly [key: string]: PlainValue };
