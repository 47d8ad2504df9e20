import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  PARTY_CATEGORIES,
  parseEui,
  publicKeyFromPoint,
  type EcPublicKey,
  type PartyCategory,
} from '../../protocol/index.js';
import { publicKeyFromPem } from '../../protocol/crypto/pem.js';
import { DEVICE_TYPES, type DeviceType } from '../../protocol/device-type.js';
import { GatewayError } from '../duis-error.js';
import type { HeadEnd } from '../head-end.js';
import { INVENTORY_STATUS, type InventoryStatus } from '../inventory-status.js';
import { ENTRY_PROCESSES, PARTY_STATUS, type EntryProcess, type PartyEvent } from '../party-status.js';
import { REGISTRATION_ROLES, type RegistrationRole } from '../registration.js';
import { parseTimestamp } from '../pipeline/validate-format.js';

/**
 * The admin API: the registration data, parties, consents and inventory that the real DCC gets
 * from industry systems. Guarded by a bearer token printed by `smetsim serve`.
 */
export function registerAdminRoutes(app: FastifyInstance, headEnd: HeadEnd, token: string): void {
  const expected = Buffer.from(`Bearer ${token}`);
  const guard = (request: FastifyRequest) => {
    const given = Buffer.from(String(request.headers.authorization ?? ''));
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      throw new GatewayError('ADMIN_TOKEN', 'the admin API needs Authorization: Bearer <token>', 401, 'Authorization');
  };
  const now = () => headEnd.clock.now();
  type Body = Record<string, unknown>;
  const body = (request: FastifyRequest): Body => {
    const value = request.body;
    if (value === null || typeof value !== 'object' || Array.isArray(value))
      throw new GatewayError('BAD_REQUEST', 'the body must be a JSON object', 400, 'body');
    return value as Body;
  };
  const str = (b: Body, key: string): string => {
    if (typeof b[key] !== 'string' || b[key].length === 0)
      throw new GatewayError('BAD_REQUEST', `${key} is required (a string)`, 400, key);
    return b[key];
  };
  const eui = (text: string, field: string) => {
    try {
      return parseEui(text, field);
    } catch (error) {
      throw new GatewayError('BAD_REQUEST', (error as Error).message, 400, field);
    }
  };
  const when = (b: Body, key: string) =>
    b[key] === undefined ? now() : typeof b[key] === 'number' ? b[key] : parseTimestamp(b[key], key);

  app.post('/v1/admin/parties', async (request) => {
    guard(request);
    const b = body(request);
    const categories = b.categories;
    if (
      !Array.isArray(categories) ||
      categories.length === 0 ||
      !categories.every((c) => (PARTY_CATEGORIES as readonly string[]).includes(c as string))
    ) {
      throw new GatewayError(
        'BAD_REQUEST',
        `categories must be a non-empty list of ${PARTY_CATEGORIES.join(', ')}`,
        400,
        'categories',
      );
    }
    const keys = (b.keys ?? {}) as Body;
    const ds = key(keys.ds, 'keys.ds');
    if (!ds)
      throw new GatewayError(
        'BAD_REQUEST',
        'keys.ds is required: a PEM public key or certificate, or a base64 uncompressed point',
        400,
        'keys.ds',
      );
    const ka = key(keys.ka, 'keys.ka');
    const prepaymentKa = key(keys.prepaymentKa, 'keys.prepaymentKa');
    const id = eui(str(b, 'eui'), 'eui');
    headEnd.parties.add({
      eui: id,
      name: str(b, 'name'),
      categories: categories as PartyCategory[],
      keys: { ds, ...(ka ? { ka } : {}), ...(prepaymentKa ? { prepaymentKa } : {}) },
    });
    if (b.active === true) {
      // A shortcut for test set-ups: accede, record the four entry processes today, activate.
      headEnd.parties.transition(id, 'accede', now());
      for (const process of ENTRY_PROCESSES) headEnd.parties.recordEntryProcess(id, process, now());
      headEnd.parties.transition(id, 'activate', now());
    }
    if (typeof b.webhookUrl === 'string') headEnd.parties.setWebhook(id, b.webhookUrl);
    return view(headEnd.parties.get(id)!);
  });

  app.get('/v1/admin/parties', async (request) => {
    guard(request);
    return { parties: headEnd.parties.list().map(view) };
  });

  app.post<{ Params: { eui: string } }>('/v1/admin/parties/:eui/status', async (request) => {
    guard(request);
    const b = body(request);
    const event = str(b, 'event');
    if (!(PARTY_STATUS.events as readonly string[]).includes(event))
      throw new GatewayError('BAD_REQUEST', `event must be one of ${PARTY_STATUS.events.join(', ')}`, 400, 'event');
    const services = b.services === undefined ? 'all' : b.services;
    if (services !== 'all' && !(Array.isArray(services) && services.every((s) => typeof s === 'string')))
      throw new GatewayError('BAD_REQUEST', 'services is "all" or a list of SR variants', 400, 'services');
    const party = headEnd.parties.transition(eui(request.params.eui, 'eui'), event as PartyEvent, when(b, 'at'), {
      services: services,
      keepTopUp: b.keepTopUp !== false,
    });
    return view(party);
  });

  app.post<{ Params: { eui: string } }>('/v1/admin/parties/:eui/entry-processes', async (request) => {
    guard(request);
    const b = body(request);
    const process = str(b, 'process');
    if (!(ENTRY_PROCESSES as readonly string[]).includes(process))
      throw new GatewayError('BAD_REQUEST', `process must be one of ${ENTRY_PROCESSES.join(', ')}`, 400, 'process');
    return view(
      headEnd.parties.recordEntryProcess(eui(request.params.eui, 'eui'), process as EntryProcess, when(b, 'date')),
    );
  });

  app.post<{ Params: { eui: string } }>('/v1/admin/parties/:eui/webhook', async (request) => {
    guard(request);
    const url = body(request).url;
    if (url !== null && (typeof url !== 'string' || !/^https?:\/\//.test(url)))
      throw new GatewayError('BAD_REQUEST', 'url must be an http(s) URL, or null to remove', 400, 'url');
    return view(headEnd.parties.setWebhook(eui(request.params.eui, 'eui'), url ?? undefined));
  });

  app.post('/v1/admin/registrations', async (request) => {
    guard(request);
    const b = body(request);
    const role = str(b, 'role');
    if (!(REGISTRATION_ROLES as readonly string[]).includes(role))
      throw new GatewayError('BAD_REQUEST', `role must be one of ${REGISTRATION_ROLES.join(', ')}`, 400, 'role');
    const mpxn = str(b, 'mpxn');
    headEnd.registration.register(mpxn, role as RegistrationRole, eui(str(b, 'party'), 'party'), when(b, 'from'));
    return { history: headEnd.registration.history(mpxn) };
  });

  app.get<{ Params: { mpxn: string } }>('/v1/admin/registrations/:mpxn', async (request) => {
    guard(request);
    return { history: headEnd.registration.history(request.params.mpxn) };
  });

  app.post('/v1/admin/consents', async (request) => {
    guard(request);
    const b = body(request);
    const consent = {
      party: eui(str(b, 'party'), 'party'),
      mpxn: str(b, 'mpxn'),
      scope: consentScope(b.scope ?? '*'),
      expiresAt: when(b, 'expiresAt'),
      grantedAt: when(b, 'grantedAt'),
    };
    headEnd.consents.grant(consent);
    return consent;
  });

  app.post('/v1/admin/devices', async (request) => {
    guard(request);
    const b = body(request);
    const type = str(b, 'type');
    if (!(DEVICE_TYPES as readonly string[]).includes(type))
      throw new GatewayError('BAD_REQUEST', `type must be one of ${DEVICE_TYPES.join(', ')}`, 400, 'type');
    const status = (b.status ?? 'Commissioned') as string;
    if (!(INVENTORY_STATUS.states as readonly string[]).includes(status))
      throw new GatewayError(
        'BAD_REQUEST',
        `status must be one of ${INVENTORY_STATUS.states.join(', ')}`,
        400,
        'status',
      );
    const record = {
      eui: eui(str(b, 'eui'), 'eui'),
      type: type as DeviceType,
      status: status as InventoryStatus,
      hub: typeof b.hub === 'string' ? eui(b.hub, 'hub') : undefined,
      mpxn: typeof b.mpxn === 'string' ? b.mpxn : undefined,
      ds: key(b.ds, 'ds'),
      ka: key(b.ka, 'ka'),
    };
    headEnd.inventory.put(record, now());
    return {
      eui: record.eui,
      type: record.type,
      status: record.status,
      hub: record.hub ?? null,
      mpxn: record.mpxn ?? null,
    };
  });

  app.get('/v1/admin/events', async (request) => {
    guard(request);
    const kind = (request.query as { kind?: string }).kind;
    return { events: headEnd.events.recent(200, kind) };
  });
}

function key(value: unknown, field: string): EcPublicKey | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string')
    throw new GatewayError('BAD_REQUEST', `${field} must be a PEM string or a base64 point`, 400, field);
  try {
    return value.includes('-----BEGIN')
      ? publicKeyFromPem(value, field)
      : publicKeyFromPoint(Buffer.from(value, 'base64'));
  } catch {
    throw new GatewayError(
      'BAD_REQUEST',
      `${field} is not a P-256 public key (PEM, or base64 of the 65-byte uncompressed point)`,
      400,
      field,
    );
  }
}

function view(party: ReturnType<HeadEnd['parties']['list']>[number]) {
  return {
    eui: party.eui,
    name: party.name,
    categories: party.categories,
    status: party.status,
    entry: party.entry,
    suspension: party.suspension ?? null,
    webhookUrl: party.webhookUrl ?? null,
  };
}

/** A consent's scope: every SR (`"*"`) or a list of SR variants. */
function consentScope(scope: unknown): '*' | string[] {
  if (scope === '*') return '*';
  if (Array.isArray(scope) && scope.every((s): s is string => typeof s === 'string')) return scope;
  throw new GatewayError('BAD_REQUEST', 'scope is "*" or a list of SR variants', 400, 'scope');
}
