/**
 * The DLMS COSEM payload codec of GBCS (GBCS-FACTS §8): xDLMS access-request, access-response and
 * data-notification APDUs with A-XDR Data. `decodeDlms` throws only GbcsError; for every DLMS
 * payload of RTDS 4.5.0, encodeDlms(decodeDlms(b)) is b.
 */
export { APDU_TAG, decodeDlms, encodeDlms } from './apdu.js';
export { MAX_DATA_DEPTH, decodeDlmsData, encodeDlmsData } from './data.js';
export { DATA_TAG } from './data-tags.js';
export {
  COSEM_DATE_TIME_LENGTH,
  COSEM_NEVER,
  COSEM_NOW,
  DEVIATION_UNSPECIFIED,
  cosemDateTimeFromDate,
  cosemDateTimeToDate,
  decodeCosemDateTime,
  encodeCosemDateTime,
  isCosemNever,
  isCosemNow,
} from './date-time.js';
export type { CosemDate, CosemDateTime, CosemTime } from './date-time.js';
export { isObisCode, obisFromBytes, obisToBytes } from './obis-code.js';
export type { ObisCode } from './obis-code.js';
export { ACTION_RESULT, DATA_ACCESS_RESULT, resultName } from './results.js';
export type {
  AccessRequest,
  AccessRequestSpec,
  AccessResponse,
  AccessResponseSpec,
  AttributeDescriptor,
  DataNotification,
  DlmsApdu,
  DlmsData,
  DlmsDataType,
  MethodDescriptor,
  SimpleDataType,
  TypeDescription,
} from './types.js';
export { COSEM_CLASS, COSEM_OBJECTS, cosemClassName, cosemObjectFor } from './obis.js';
export type { CosemClassName, CosemObject, CosemObjectName } from './obis.js';
export { PROTECTED_SECURITY_CONTROL, findProtectedData } from './protected.js';
export type { ProtectedData, ProtectionParameters } from './protected.js';
export { gbcsAlertNotification, gbcsInvokeId, readFutureDatedReference, readGbcsAlert } from './alert.js';
export type { FutureDatedReference, GbcsAlert } from './alert.js';
