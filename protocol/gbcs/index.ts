/**
 * GBCS on the wire (docs/ARCHITECTURE.md, protocol/gbcs): the envelope, the payload seam, the
 * message-code table and the protection. The payload codecs are namespaced, since each has its
 * own vocabulary (a DLMS `structure` is not a DER SEQUENCE).
 */
export * from './errors.js';
export * from './envelope/index.js';
export * from './payload.js';
export * from './message-codes.js';
export * from './protection/index.js';
export * as dlms from './dlms/index.js';
export * as zcl from './zcl/index.js';
export * as asn1 from './asn1/index.js';
