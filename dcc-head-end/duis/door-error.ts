import { SmetsimError } from '../../protocol/index.js';

/**
 * Why the DUIS door refused a message before (or instead of) the request pipeline. These codes
 * are ours and never reach the wire: response-codes.ts maps each one to a code of the schema's
 * closed list.
 */
export const DOOR_REFUSALS = [
  /** Over the size limit (MAX_DUIS_BYTES). */
  'XML_TOO_LARGE',
  /** Not UTF-8, or it declares another encoding. */
  'XML_ENCODING',
  /** A DOCTYPE, DTD or entity declaration: refused before parsing (XXE, billion laughs). */
  'XML_DTD',
  /** Not well-formed XML. */
  'XML_MALFORMED',
  /** Not valid under the DUIS 5.4 schema. */
  'SCHEMA_INVALID',
  /** A schemaVersion outside 5.1 to 5.4. */
  'SCHEMA_VERSION',
  /** A Response or another root where a Request belongs. */
  'NOT_A_REQUEST',
  /** The request carries no ds:Signature. */
  'SIGNATURE_MISSING',
  /** The ds:Signature is not the one profile DUIS uses (algorithms, reference, placement). */
  'SIGNATURE_PROFILE',
  /** The digest or the ECDSA signature does not verify. */
  'SIGNATURE_INVALID',
  /** X509IssuerSerial names no XML-signing certificate we hold. */
  'CERTIFICATE_UNKNOWN',
  /** The certificate is not within its validity period. */
  'CERTIFICATE_EXPIRED',
  /** The certificate's EUI is not the RequestID's originator. */
  'SIGNER_NOT_ORIGINATOR',
  /** The command variant belongs on another of the three URLs (DUIS E13). */
  'WRONG_URL',
  /** The body is not application/xml. */
  'MEDIA_TYPE',
] as const;

export type DoorRefusal = (typeof DOOR_REFUSALS)[number];

export class DuisDoorError extends SmetsimError {
  declare readonly code: DoorRefusal;
  constructor(code: DoorRefusal, message: string, field?: string) {
    super(code, message, field);
  }
}
