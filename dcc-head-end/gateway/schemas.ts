/**
 * JSON Schemas of the User Gateway: fastify validates against them, and /openapi.json publishes
 * them. One source for both.
 */
export const EUI_PATTERN = '^[0-9A-Fa-f]{2}(-[0-9A-Fa-f]{2}){7}$';

export const REQUEST_BODY_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['requestId', 'role', 'serviceReferenceVariant', 'commandVariant'],
  properties: {
    requestId: {
      type: 'string',
      description: 'originatorEUI:targetEUI:counter; the originator is the calling party, the counter rises strictly',
      examples: ['90-B3-D5-1F-30-01-00-00:00-DB-12-00-00-00-00-03:1'],
    },
    role: { type: 'string', enum: ['IS', 'ES', 'GS', 'ED', 'GT', 'OU', 'RSA'] },
    serviceReferenceVariant: { type: 'string', pattern: '^\\d+(\\.\\d+)+$', examples: ['4.1.1'] },
    commandVariant: { type: 'integer', minimum: 1, maximum: 8 },
    body: { type: 'object', description: 'the SR body; byte fields (image, hash, ds, ka, prepaymentKa) are base64' },
    executionDateTime: { type: 'string', description: 'RFC 3339: a future-dated command runs then' },
    preCommand: { type: 'string', description: 'variant 5: the pre-command returned by variant 4, base64' },
    signature: {
      type: 'string',
      description: "variant 5: the party's ECDSA P-256 r||s over the pre-command bytes, base64",
    },
  },
} as const;

export const SUBMIT_ANSWER_SCHEMA = {
  type: 'object',
  required: ['requestId', 'code'],
  properties: {
    requestId: { type: 'string' },
    code: {
      type: 'string',
      description:
        'I99 accepted for a device; I0 answered (variant 8), pre-command returned (4) or command returned (2, 3)',
    },
    body: { type: 'object', additionalProperties: true },
    preCommand: { type: 'string' },
    command: { type: 'string' },
    sent: { type: 'boolean' },
    utrn: { type: 'string', description: "SR 2.2: the UTRN the DCC made, for the supplier's records" },
  },
} as const;

export const ERROR_SCHEMA = {
  type: 'object',
  required: ['code', 'message'],
  properties: {
    requestId: { type: 'string' },
    code: {
      type: 'string',
      description:
        'a DUIS code (E1, E2, E3, E4, E5, E11, E12, E19) or a gateway code (BAD_REQUEST, BAD_SIGNATURE, STALE_DATE, COUNTER_NOT_FRESH ...)',
    },
    duis: { type: 'string', description: 'the DUIS code that also applies, when the code is a gateway one' },
    field: { type: 'string', description: 'the field or header at fault' },
    message: { type: 'string', description: 'the rule that was broken and how to fix it' },
  },
} as const;

export const INBOX_QUERY_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    after: { type: 'string', pattern: '^\\d{1,18}$', default: '0' },
    waitMs: { type: 'string', pattern: '^\\d{1,5}$', default: '0' },
    limit: { type: 'string', pattern: '^\\d{1,4}$', default: '100' },
  },
} as const;

export const INBOX_ANSWER_SCHEMA = {
  type: 'object',
  required: ['items', 'next'],
  properties: {
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: ['cursor', 'kind', 'body', 'receivedAt'],
        properties: {
          cursor: { type: 'string' },
          kind: { type: 'string', enum: ['response', 'deviceAlert', 'dccAlert'] },
          requestId: { type: 'string' },
          code: { type: 'string' },
          serviceReferenceVariant: { type: 'string' },
          alertCode: { type: 'string' },
          body: { type: 'object', additionalProperties: true },
          receivedAt: { type: 'string', format: 'date-time' },
        },
      },
    },
    next: { type: 'string', description: 'pass as ?after= to read on' },
  },
} as const;

export const WITHDRAWAL_BODY_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['hub', 'role'],
  properties: {
    hub: { type: 'string', description: 'the Communications Hub of the system to withdraw' },
    role: {
      type: 'string',
      enum: ['IS', 'ES', 'GS', 'ED', 'GT', 'OU', 'RSA'],
      description: 'IS, or GS for a gas-only system; any other role is refused E2',
    },
    effectiveFrom: {
      type: 'string',
      description: 'RFC 3339; default now. From then every party gets E5 for the system.',
    },
  },
} as const;

export const REPLACEMENT_BODY_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['oldDevice', 'newDevice', 'role'],
  properties: {
    oldDevice: { type: 'string', description: 'the commissioned device being taken out' },
    newDevice: { type: 'string', description: 'its replacement, pre-notified by SR 12.2' },
    role: { type: 'string', enum: ['IS', 'ES', 'GS', 'ED', 'GT', 'OU', 'RSA'], description: 'IS (GS for a gas meter)' },
  },
} as const;
