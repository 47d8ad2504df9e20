import { PARTY_CATEGORIES } from '../../protocol/index.js';
import { DEVICE_TYPES } from '../../protocol/device-type.js';
import { INVENTORY_STATUS } from '../inventory-status.js';
import { ENTRY_PROCESSES, PARTY_STATUS } from '../party-status.js';
import { REGISTRATION_ROLES } from '../registration.js';
import { ERROR_SCHEMA } from './schemas.js';

/**
 * The admin API's paths (admin-routes.ts, clock-routes.ts) for /openapi.json. The routes check
 * their bodies in code, naming the field; these schemas describe the same rules, built from the
 * same enumerations (party categories, status events, entry processes, registration roles, device
 * types and inventory states).
 */
const admin = [{ adminToken: [] }];
const errors = {
  description: 'refused, naming the field and the rule',
  content: { 'application/json': { schema: ERROR_SCHEMA } },
};
const json = (schema: unknown, description = 'done') => ({
  description,
  content: { 'application/json': { schema } },
});
const object = { type: 'object', additionalProperties: true } as const;
const date = { type: 'string', description: 'RFC 3339; default now' } as const;
const key = { type: 'string', description: 'a PEM public key or certificate, or base64 of the 65-byte point' } as const;
const euiPath = { name: 'eui', in: 'path', required: true, schema: { type: 'string' }, description: 'a party EUI-64' };

function operation(operationId: string, summary: string, body?: unknown, parameters?: unknown[]) {
  return {
    operationId,
    summary,
    tags: ['admin'],
    security: admin,
    ...(parameters ? { parameters } : {}),
    ...(body ? { requestBody: { required: true, content: { 'application/json': { schema: body } } } } : {}),
    responses: { 200: json(object), 400: errors, 401: errors, 404: errors },
  };
}

export function adminPaths(): Record<string, unknown> {
  return {
    '/v1/admin/parties': {
      get: operation('listParties', 'List the parties and their status'),
      post: operation('addParty', 'Add a SEC party with its keys', {
        type: 'object',
        required: ['eui', 'name', 'categories', 'keys'],
        properties: {
          eui: { type: 'string' },
          name: { type: 'string' },
          categories: { type: 'array', minItems: 1, items: { type: 'string', enum: [...PARTY_CATEGORIES] } },
          keys: {
            type: 'object',
            required: ['ds'],
            properties: { ds: key, ka: key, prepaymentKa: key },
          },
          active: { type: 'boolean', description: 'accede, record the four entry processes today, activate' },
          webhookUrl: { type: 'string' },
        },
      }),
    },
    '/v1/admin/parties/{eui}/status': {
      post: operation(
        'changePartyStatus',
        "Change a party's SEC status",
        {
          type: 'object',
          required: ['event'],
          properties: {
            event: { type: 'string', enum: [...PARTY_STATUS.events] },
            services: { oneOf: [{ const: 'all' }, { type: 'array', items: { type: 'string' } }] },
            keepTopUp: { type: 'boolean' },
            at: date,
          },
        },
        [euiPath],
      ),
    },
    '/v1/admin/parties/{eui}/entry-processes': {
      post: operation(
        'recordEntryProcess',
        'Record a completed SEC entry process',
        {
          type: 'object',
          required: ['process'],
          properties: { process: { type: 'string', enum: [...ENTRY_PROCESSES] }, date },
        },
        [euiPath],
      ),
    },
    '/v1/admin/parties/{eui}/webhook': {
      post: operation(
        'setWebhook',
        "Set or remove a party's webhook",
        { type: 'object', required: ['url'], properties: { url: { type: ['string', 'null'] } } },
        [euiPath],
      ),
    },
    '/v1/admin/registrations': {
      post: operation('register', 'Register a party for a meter point in a role', {
        type: 'object',
        required: ['mpxn', 'role', 'party'],
        properties: {
          mpxn: { type: 'string', description: 'an MPAN core (13 digits) or an MPRN (6 to 10 digits)' },
          role: { type: 'string', enum: [...REGISTRATION_ROLES] },
          party: { type: 'string' },
          from: date,
        },
      }),
    },
    '/v1/admin/registrations/{mpxn}': {
      get: operation('registrationHistory', 'The registration history of a meter point', undefined, [
        { name: 'mpxn', in: 'path', required: true, schema: { type: 'string' } },
      ]),
    },
    '/v1/admin/consents': {
      post: operation('grantConsent', "Record a consumer's consent for an Other User", {
        type: 'object',
        required: ['party', 'mpxn', 'expiresAt'],
        properties: {
          party: { type: 'string' },
          mpxn: { type: 'string' },
          scope: { oneOf: [{ const: '*' }, { type: 'array', items: { type: 'string' } }] },
          expiresAt: { type: 'string' },
          grantedAt: date,
        },
      }),
    },
    '/v1/admin/devices': {
      post: operation('putDevice', 'Put a device in the inventory', {
        type: 'object',
        required: ['eui', 'type'],
        properties: {
          eui: { type: 'string' },
          type: { type: 'string', enum: [...DEVICE_TYPES] },
          status: { type: 'string', enum: [...INVENTORY_STATUS.states] },
          hub: { type: 'string' },
          mpxn: { type: 'string' },
          ds: key,
          ka: key,
        },
      }),
    },
    '/v1/admin/events': {
      get: operation('listEvents', 'The DCC event log (the latest 200)', undefined, [
        { name: 'kind', in: 'query', required: false, schema: { type: 'string' } },
      ]),
    },
    '/v1/admin/clock': {
      get: operation('getClock', "The harness's clock: real, virtual or scaled, and its time"),
    },
    '/v1/admin/clock/advance': {
      post: operation('advanceClock', 'Advance a virtual clock (serve --clock virtual)', {
        type: 'object',
        required: ['by'],
        properties: { by: { type: 'string', examples: ['30m', '1h30m', '2d'] } },
      }),
    },
  };
}
