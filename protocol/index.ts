// The protocol core: identities, tables, frames, crypto, counters, UTRN, clock and randomness.
// Pure: no sockets and no files. The one exception is the clock seam: RealClock wraps the
// runtime's timers so that everything else can take a Clock and be tested on the virtual one.
export * from './errors.js';
export * from './eui.js';
export * from './mpxn.js';
export * from './request-id.js';
export * from './roles.js';
export * from './response-codes.js';
export * from './command-variants.js';
export * from './alert-codes.js';
export * from './catalogue.js';
export * from './frame-error.js';
export * from './cbor.js';
export * from './device-status.js';
export * from './frame.js';
export * from './signing.js';
export * from './counters.js';
export * from './utrn.js';
export * from './utrn-check-digit.js';
export * from './utrn-counter-cache.js';
export * from './clock.js';
export * from './prng.js';
export * from './topics.js';
export type * from './crypto/provider.js';
export * from './crypto/gbcs-kdf.js';
export * from './crypto/ec-keys.js';
export * from './crypto/node-provider.js';
export * from './crypto/noble-provider.js';
export * from './gateway-signing.js';
export * from './device-type.js';
export * from './state-machine.js';
export type * from './han-endpoint.js';
export type * from './wan-link.js';
export * from './han-messages.js';
export * from './duration.js';
