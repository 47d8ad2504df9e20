import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  PARTY_CATEGORIES,
  parseEui,
  parseMpan,
  parseMprn,
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
import type { Party } from '../parties.js';
import { REGISTRATION_ROLES, type RegistrationRole } from '../registration.js';
import { parseTimestamp } from '../pipeline/validate-format.js';
import { registerClockRoutes, type ClockControl } from './clock-routes.js';

/**
 * The admin API: the registration data, parties, consents and inventory that the real DCC gets
 * from industry systems. Guarded by a bearer token printed by `smetsim serve`.
 */
export function registerAdminRoutes(app: FastifyInstance, headEnd: HeadEnd, token: string, clock?: ClockControl): void {
  const expected = Buffer.from(`Bearer ${token}`);
  const guard = (request: FastifyRequest) => {
    const given = Buffer.from(String(request.headers.authorization ?? ''));
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      throw new GatewayError('ADMIN_TOKEN', 'the admin API needs Authorization: Bearer <token>', 401, 'Authorization');
  };
  const now = () => headEnd.clock.now();
  if (clock) registerClockRoutes(app, guard, clock);
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
  /** A party this DCC knows (issue 17, defect 7: unknown EUIs were taken unchecked). */
  const party = (text: string, field: string) => {
    const id = eui(text, field);
    if (!headEnd.admin.party(id))
      throw new GatewayError('UNKNOWN_PARTY', `${id} is not a SEC party known to this DCC`, 404, field);
    return id;
  };
  /**
   * An MPAN core (13 digits, check digit right) or an MPRN (6 to 10 digits), per FACTS
   * (Identities); `kind` narrows it when the role fixes the fuel. Issue 17, defect 7.
   */
  const mpxn = (text: unknown, field: string, kind: 'mpan' | 'mprn' | 'either' = 'either'): string => {
    const given = typeof text === 'string' ? text : '';
    try {
      if (kind === 'mpan' || (kind === 'either' && given.length === 13)) return parseMpan(given, field);
      return parseMprn(given, field);
    } catch (error) {
      const rule =
        kind === 'mpan'
          ? 'an MPAN core: 13 digits whose last is the check digit'
          : kind === 'mprn'
            ? 'an MPRN: 6 to 10 digits'
            : 'an MPAN core (13 digits whose last is the check digit) or an MPRN (6 to 10 digits)';
      throw new GatewayError('BAD_REQUEST', `${(error as Error).message}; ${field} must be ${rule}`, 400, field);
    }
  };
  // The fuel each registration role is for; a meter operator (MOP or MAM) serves either.
  const fuelOf = (role: RegistrationRole): 'mpan' | 'mprn' | 'either' =>
    role === 'gasSupplier' || role === 'gasTransporter' ? 'mprn' : role === 'meterOperator' ? 'either' : 'mpan';
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
    headEnd.admin.addParty({
      eui: id,
      name: str(b, 'name'),
      categories: categories as PartyCategory[],
      keys: { ds, ...(ka ? { ka } : {}), ...(prepaymentKa ? { prepaymentKa } : {}) },
    });
    // A shortcut for test set-ups: accede, record the four entry processes today, activate.
    if (b.active === true) headEnd.admin.onboardParty(id, now());
    if (typeof b.webhookUrl === 'string') headEnd.admin.setWebhook(id, b.webhookUrl);
    return view(headEnd.admin.party(id)!);
  });

  app.get('/v1/admin/parties', async (request) => {
    guard(request);
    return { parties: headEnd.admin.parties().map(view) };
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
    const updated = headEnd.admin.partyEvent(party(request.params.eui, 'eui'), event as PartyEvent, when(b, 'at'), {
      services: services,
      keepTopUp: b.keepTopUp !== false,
    });
    return view(updated);
  });

  app.post<{ Params: { eui: string } }>('/v1/admin/parties/:eui/entry-processes', async (request) => {
    guard(request);
    const b = body(request);
    const process = str(b, 'process');
    if (!(ENTRY_PROCESSES as readonly string[]).includes(process))
      throw new GatewayError('BAD_REQUEST', `process must be one of ${ENTRY_PROCESSES.join(', ')}`, 400, 'process');
    return view(
      headEnd.admin.recordEntryProcess(party(request.params.eui, 'eui'), process as EntryProcess, when(b, 'date')),
    );
  });

  app.post<{ Params: { eui: string } }>('/v1/admin/parties/:eui/webhook', async (request) => {
    guard(request);
    const url = body(request).url;
    if (url !== null && (typeof url !== 'string' || !/^https?:\/\//.test(url)))
      throw new GatewayError('BAD_REQUEST', 'url must be an http(s) URL, or null to remove', 400, 'url');
    return view(headEnd.admin.setWebhook(party(request.params.eui, 'eui'), url ?? undefined));
  });

  app.post('/v1/admin/registrations', async (request) => {
    guard(request);
    const b = body(request);
    const role = str(b, 'role');
    if (!(REGISTRATION_ROLES as readonly string[]).includes(role))
      throw new GatewayError('BAD_REQUEST', `role must be one of ${REGISTRATION_ROLES.join(', ')}`, 400, 'role');
    const point = mpxn(b.mpxn, 'mpxn', fuelOf(role as RegistrationRole));
    headEnd.admin.register(point, role as RegistrationRole, party(str(b, 'party'), 'party'), when(b, 'from'));
    return { history: headEnd.admin.registrationHistory(point) };
  });

  app.get<{ Params: { mpxn: string } }>('/v1/admin/registrations/:mpxn', async (request) => {
    guard(request);
    return { history: headEnd.admin.registrationHistory(mpxn(request.params.mpxn, 'mpxn')) };
  });

  app.post('/v1/admin/consents', async (request) => {
    guard(request);
    const b = body(request);
    const consent = {
      party: party(str(b, 'party'), 'party'),
      mpxn: mpxn(b.mpxn, 'mpxn'),
      scope: consentScope(b.scope ?? '*'),
      expiresAt: when(b, 'expiresAt'),
      grantedAt: when(b, 'grantedAt'),
    };
    headEnd.admin.grantConsent(consent);
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
      mpxn: b.mpxn === undefined ? undefined : mpxn(b.mpxn, 'mpxn'),
      ds: key(b.ds, 'ds'),
      ka: key(b.ka, 'ka'),
    };
    headEnd.admin.putDevice(record, now());
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
    return { events: headEnd.admin.recentEvents(200, kind) };
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

function view(party: Party) {
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
