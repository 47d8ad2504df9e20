import type { SmetsimError } from '../../protocol/index.js';
import {
  isCommandVariant,
  isUserRole,
  parseRequestId,
  serviceRequest,
  type Eui64,
  type PlainValue,
} from '../../protocol/index.js';
import { GatewayError } from '../duis-error.js';
import { jsonToPayload } from '../transform.js';
import type { DuisRequest } from './request.js';

const FIELDS = new Set([
  'requestId',
  'role',
  'serviceReferenceVariant',
  'commandVariant',
  'body',
  'executionDateTime',
  'preCommand',
  'signature',
]);
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function bad(field: string, rule: string): GatewayError {
  return new GatewayError('BAD_REQUEST', `${field}: ${rule}`, 400, field);
}

export function parseTimestamp(text: unknown, field: string): number {
  if (typeof text !== 'string' || !RFC3339.test(text) || Number.isNaN(Date.parse(text)))
    throw bad(field, 'must be an RFC 3339 date-time, e.g. 2026-11-28T12:00:00Z');
  return Date.parse(text);
}

function base64(value: unknown, field: string, length?: number): Uint8Array {
  if (typeof value !== 'string' || value.length === 0 || value.length % 4 !== 0 || !BASE64.test(value))
    throw bad(field, 'must be base64');
  const bytes = Buffer.from(value, 'base64');
  if (length !== undefined && bytes.length !== length)
    throw bad(field, `must be ${length} bytes once decoded, got ${bytes.length}`);
  return bytes;
}

/**
 * Step 1 of the request pipeline: the format. Every field is checked and named when wrong; the
 * originator in the request id must be the calling party.
 */
export function parseDuisRequest(json: unknown, caller: Eui64): DuisRequest {
  if (json === null || typeof json !== 'object' || Array.isArray(json))
    throw bad('body', 'the request must be a JSON object');
  const fields = json as Record<string, unknown>;
  for (const key of Object.keys(fields))
    if (!FIELDS.has(key)) throw bad(key, `unknown field; the request takes ${[...FIELDS].join(', ')}`);
  const { requestId: idText, role, serviceReferenceVariant, commandVariant } = fields;
  if (typeof idText !== 'string') throw bad('requestId', 'must be "originatorEUI:targetEUI:counter"');
  let requestId;
  try {
    requestId = parseRequestId(idText);
  } catch (error) {
    throw bad((error as SmetsimError).field ?? 'requestId', (error as Error).message);
  }
  if (requestId.originator !== caller) {
    throw new GatewayError(
      'ORIGINATOR_NOT_CALLER',
      `requestId.originator ${requestId.originator} must be the calling party ${caller}`,
      403,
      'requestId.originator',
      'E1',
    );
  }
  if (!isUserRole(role)) throw bad('role', 'must be one of IS, ES, GS, ED, GT, OU, RSA');
  if (typeof serviceReferenceVariant !== 'string')
    throw bad('serviceReferenceVariant', 'must be a DUIS variant such as "4.1.1"');
  let sr;
  try {
    sr = serviceRequest(serviceReferenceVariant);
  } catch (error) {
    throw new GatewayError('UNKNOWN_SERVICE_REQUEST', (error as Error).message, 400, 'serviceReferenceVariant');
  }
  if (!isCommandVariant(commandVariant)) throw bad('commandVariant', 'must be an integer from 1 to 8');
  let body: PlainValue = null;
  if (fields.body !== undefined) {
    if (fields.body === null || typeof fields.body !== 'object' || Array.isArray(fields.body))
      throw bad('body', 'must be a JSON object');
    body = jsonToPayload(fields.body, 'body');
  }
  return {
    requestId,
    requestIdText: idText,
    role,
    serviceRequest: sr,
    commandVariant,
    body,
    executeAt:
      fields.executionDateTime === undefined
        ? undefined
        : parseTimestamp(fields.executionDateTime, 'executionDateTime'),
    preCommand: fields.preCommand === undefined ? undefined : base64(fields.preCommand, 'preCommand'),
    signature: fields.signature === undefined ? undefined : base64(fields.signature, 'signature', 64),
  };
}
