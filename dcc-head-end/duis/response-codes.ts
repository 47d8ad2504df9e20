import { SmetsimError } from '../../protocol/index.js';
import { DuisError, GatewayError } from '../duis-error.js';
import { DOOR_REFUSALS, DuisDoorError, type DoorRefusal } from './door-error.js';

/**
 * Every code the DUIS door may put in sr:ResponseCode. Each is in the DUIS 5.4 schema's closed
 * enumeration (test: response-codes.test.ts reads the XSD); nothing else can be written.
 * Meanings and confidence from ../shared/reference/duis/DUIS-CODES.md §1.2 (cited as "D§1.2").
 */
export const DUIS_RESPONSE_CODES = [
  'I0', // D§1.2: success; also a non-device request answered with a body
  'I99', // D§1.2: acknowledgement: a device request passed access control
  'E1', // D§1.2 [S10]: the User and User Role are not a valid SEC Party and User Role
  'E2', // D§1.2 [S10]: the User Role may not send this Service Reference
  'E3', // D§1.2 [S10]: the User's status does not allow it
  'E4', // D§1.2 [S10]: the User Role is not authorised for this Device at this date and time
  'E5', // D§1.2 [S10]: the Device's SMI status does not fit this Service Reference
  'E11', // D§1.2 [S10]: the Service Reference does not apply to the device type
  'E12', // D§1.2 [S10]: the Command Variant does not apply to this type of request
  'E13', // D§1.2 [S10]: the request type is wrong for the URL it was sent to
  'E19', // D§1.2 [S10]: the Device ID is invalid (no such device)
  'E20', // D§1.2 [S10]: the DCC cannot set up communication with the Device
  'E21', // D§1.2 [S10]: no response came from the Device
  'E30', // D§1.2 [S10]: a future-dated command timed out (title only)
  'E100', // D§1.2: in the schema, meaning not found; see UNREADABLE
] as const;

export type DuisResponseCode = (typeof DUIS_RESPONSE_CODES)[number];

/**
 * Emulator choice for a message that is not a request we can take: not well-formed, not
 * schema-valid, too large, a replayed counter, an SR the emulator does not implement. DUIS has
 * a code for these, but DUIS-CODES.md (§1.2, §5) could not read the table, and no documented
 * code fits. E100 is in the schema, its meaning not found. Change it here once the DUIS table
 * (SEC Appendix AD) is read; the detail goes in the X-Smetsim-Detail header meanwhile.
 */
export const UNREADABLE: DuisResponseCode = 'E100';

/**
 * Emulator choice: the request's signature does not establish a SEC party (none, a broken one,
 * a certificate we do not hold, a signer who is not the originator). D§1.2 E1 is "the User and
 * User Role together are not a valid SEC Party and User Role": the closest documented meaning.
 */
export const UNAUTHENTICATED: DuisResponseCode = 'E1';

/** Refusals of the DUIS door itself (door-error.ts). */
export const DOOR_CODES: Readonly<Record<DoorRefusal, DuisResponseCode>> = {
  XML_TOO_LARGE: UNREADABLE,
  XML_ENCODING: UNREADABLE,
  XML_DTD: UNREADABLE,
  XML_MALFORMED: UNREADABLE,
  SCHEMA_INVALID: UNREADABLE,
  SCHEMA_VERSION: UNREADABLE,
  NOT_A_REQUEST: UNREADABLE,
  MEDIA_TYPE: UNREADABLE,
  SIGNATURE_MISSING: UNAUTHENTICATED,
  SIGNATURE_PROFILE: UNAUTHENTICATED,
  SIGNATURE_INVALID: UNAUTHENTICATED,
  CERTIFICATE_UNKNOWN: UNAUTHENTICATED,
  CERTIFICATE_EXPIRED: UNAUTHENTICATED,
  SIGNER_NOT_ORIGINATOR: UNAUTHENTICATED,
  WRONG_URL: 'E13', // D§1.2 [S10]: documented meaning, exactly this case
};

/** The head-end's and the JSON gateway's own refusal codes (GatewayError, duis-error.ts). */
export const PIPELINE_CODES: Readonly<Record<string, DuisResponseCode>> = {
  // Format (pipeline step 1): the door's schema check catches most first.
  BAD_REQUEST: UNREADABLE,
  MALFORMED_JSON: UNREADABLE,
  BODY_TOO_LARGE: UNREADABLE,
  UNSUPPORTED_MEDIA_TYPE: UNREADABLE,
  UNKNOWN_SERVICE_REQUEST: UNREADABLE,
  BAD_REQUEST_ID: UNREADABLE,
  BAD_EUI: UNREADABLE,
  BAD_COUNTER: UNREADABLE,
  // A counter not above the last one accepted from this party: a replay (FACTS.md, Identities).
  COUNTER_NOT_FRESH: UNREADABLE,
  NOT_IMPLEMENTED: UNREADABLE,
  NOT_FOUND: UNREADABLE,
  INTERNAL: UNREADABLE,
  UNCERTIFIED_MODEL: UNREADABLE,
  // The HTTP layer's own refusals (gateway/client-error.ts): the request never arrived whole.
  REQUEST_TIMEOUT: UNREADABLE,
  HEADERS_TOO_LARGE: UNREADABLE,
  MALFORMED_HTTP: UNREADABLE,
  // A lone UTF-16 surrogate or bytes that are not UTF-8 (issue 17, defect 5): the message cannot be read.
  ILL_FORMED_STRING: UNREADABLE,
  // The emulated DCC holds no prepayment key for the supplier (token-service.ts): the real DCC never
  // holds one, so DUIS has no code for it; E100 as the door's catch-all (see UNREADABLE above).
  NO_PREPAYMENT_KEY: UNREADABLE,
  // Identity (pipeline step 2).
  MISSING_HEADER: UNAUTHENTICATED,
  BAD_HEADER: UNAUTHENTICATED,
  STALE_DATE: UNAUTHENTICATED,
  BAD_SIGNATURE: UNAUTHENTICATED,
  UNKNOWN_PARTY: UNAUTHENTICATED,
  ORIGINATOR_NOT_CALLER: 'E1', // the JSON gateway already gives duis: E1
  FORBIDDEN: UNAUTHENTICATED,
  // Variant 5 without the variant-4 pre-command it must answer: D§1.2 E12.
  NO_PRE_COMMAND: 'E12',
  PRE_COMMAND_CHANGED: 'E12',
  // Signed too late: the variant-4 pre-command's expiry has passed (issue 17, defect 1), so there is
  // no live pre-command for this variant 5 to answer: as NO_PRE_COMMAND.
  PRE_COMMAND_EXPIRED: 'E12',
  // The supplier's signature over the pre-command is not its own: emulator choice, as UNAUTHENTICATED.
  BAD_PRE_COMMAND_SIGNATURE: UNAUTHENTICATED,
  INVALID_STATUS: 'E5', // the head-end gives duis: E5 with it
  // SEC ch. 20: the party has left; its requests already get E3 (party status), and so does its inbox.
  INBOX_CLOSED: 'E3',
  // A notice to leave the SEC refused while registered for an enrolled system (sec/): no DUIS request
  // carries it, so the door's catch-all.
  STILL_REGISTERED: UNREADABLE,
  // The harness's clock routes (world/clock-control.ts) are admin calls no DUIS request makes.
  CLOCK_NOT_VIRTUAL: UNREADABLE,
};

/**
 * What a device answered, once GBCS responses reach the door (not yet: docs/duis.md). In DUIS
 * the device's own outcome travels inside the GBCS payload of an I0 response; these statuses
 * are never a DUIS response code of their own.
 */
export const DEVICE_OUTCOME_CODES: Readonly<Record<string, DuisResponseCode>> = {
  OK: 'I0',
  BAD_PAYLOAD: 'I0',
  INVALID_STATE: 'I0',
  NOT_FOR_THIS_DEVICE: 'I0',
  NOT_IN_DEVICE_LOG: 'I0',
  NOT_SUPPORTED: 'I0',
  INTERNAL_ERROR: 'I0',
  REFUSED_AUTHENTICATION: 'I0',
  REFUSED_AUTHORITY: 'I0',
  REFUSED_REPLAY: 'I0',
  UTRN_REJECTED: 'I0',
};

export function isDuisResponseCode(code: unknown): code is DuisResponseCode {
  return typeof code === 'string' && (DUIS_RESPONSE_CODES as readonly string[]).includes(code);
}

/**
 * The DUIS code for anything thrown while a request passed the door or the pipeline. Nothing
 * else reaches sr:ResponseCode: an unknown code or an unexpected error becomes UNREADABLE.
 */
export function responseCodeFor(error: unknown): DuisResponseCode {
  if (error instanceof DuisDoorError && (DOOR_REFUSALS as readonly string[]).includes(error.code))
    return DOOR_CODES[error.code];
  if (error instanceof DuisError && isDuisResponseCode(error.code)) return error.code;
  if (error instanceof GatewayError && error.duis !== undefined && isDuisResponseCode(error.duis)) return error.duis;
  // hasOwn: a code such as "toString" must not find Object.prototype's.
  if (error instanceof SmetsimError && Object.hasOwn(PIPELINE_CODES, error.code)) return PIPELINE_CODES[error.code]!;
  return UNREADABLE;
}
