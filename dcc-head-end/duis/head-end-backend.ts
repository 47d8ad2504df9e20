import { findServiceRequest, parseEui, type Eui64, type UserRole } from '../../protocol/index.js';
import { modelFor } from '../certified-models.js';
import { DuisError, GatewayError } from '../duis-error.js';
import type { HeadEnd } from '../head-end.js';
import type { DeviceRecord } from '../inventory.js';
import type { RegistrationRole } from '../registration.js';
import type { DuisBackend, DuisOutcome, DuisParty, DuisPipelineRequest } from './backend.js';
import type { InventoryDevice } from './response-writer.js';
import { chooseRole } from './user-role.js';

/**
 * DuisBackend over today's HeadEnd: the DUIS request becomes the JSON gateway's request (the
 * same pipeline, counters and access control), and its answer becomes a DuisOutcome. The only
 * file of the DUIS door that knows HeadEnd, and it uses the facade only (submit, admin).
 */
export function headEndBackend(headEnd: HeadEnd): DuisBackend {
  return {
    now: () => headEnd.clock.now(),
    party: (eui) => headEnd.admin.party(eui),
    submit: (request, party) => submit(headEnd, request, party),
  };
}

/** The registration role each user role is checked against (pipeline step 8). */
const REGISTERED_AS: Readonly<Partial<Record<UserRole, RegistrationRole>>> = {
  IS: 'importSupplier',
  ES: 'exportSupplier',
  GS: 'gasSupplier',
  ED: 'electricityDistributor',
  GT: 'gasTransporter',
  RSA: 'meterOperator',
};

async function submit(headEnd: HeadEnd, request: DuisPipelineRequest, party: DuisParty): Promise<DuisOutcome> {
  const sr = findServiceRequest(request.serviceReferenceVariant);
  if (!sr)
    throw new GatewayError(
      'NOT_IMPLEMENTED',
      `SR ${request.serviceReferenceVariant} is in DUIS but not in smetsim's catalogue (reference/service-requests.csv)`,
      501,
      'ServiceReferenceVariant',
    );
  const target = pipelineTarget(request);
  const device = headEnd.admin.device(target);
  const now = headEnd.clock.now();
  const role = chooseRole({
    categories: party.categories,
    serviceRequest: sr,
    targetType: device?.type,
    registeredAs: (r) => registered(headEnd, party.eui, r, device, now),
  });
  if (!role) throw new DuisError('E1', `${party.eui} holds no SEC category that a DUIS user role needs`, 'party');
  const { originator, counter } = request.requestId;
  const answer = await headEnd.submit(party.eui, {
    requestId: `${originator}:${target}:${counter}`,
    role,
    serviceReferenceVariant: sr.variant,
    commandVariant: request.commandVariant,
    ...(request.executionDateTime === undefined ? {} : { executionDateTime: request.executionDateTime }),
    ...signedPreCommand(request),
  });
  if (answer.code === 'I99') return { code: 'I99' };
  if ('preCommand' in answer)
    // Not GBCS yet: the head-end's own frame, until GBCS on the wire lands (docs/duis.md).
    return { code: 'I0', preCommand: { gbcsVersion: '4.0', payload: Buffer.from(answer.preCommand, 'base64') } };
  if ('command' in answer) return { code: 'I0', localCommand: Buffer.from(answer.command, 'base64') };
  if (sr.variant === '8.2') return { code: 'I0', inventory: inventoryOf(answer.body) };
  return { code: 'I0' };
}

/**
 * SR 8.2 addresses the DCC in the RequestID and names the device in its body (DUIS XSD:
 * ReadInventory, the DCC's own 8.2 example); the pipeline reads the device from the target.
 * Emulator choice: only the DeviceID form of ReadInventory is taken.
 */
function pipelineTarget(request: DuisPipelineRequest): Eui64 {
  if (request.serviceReferenceVariant !== '8.2') return request.requestId.target;
  const id = typeof request.body === 'object' ? request.body.DeviceID : undefined;
  const eui = typeof id === 'string' ? parseEuiOrUndefined(id) : undefined;
  if (eui === undefined)
    throw new GatewayError('NOT_IMPLEMENTED', 'SR 8.2 is answered for a DeviceID only', 501, 'ReadInventory');
  return eui;
}

function parseEuiOrUndefined(text: string): Eui64 | undefined {
  try {
    return parseEui(text);
  } catch {
    return undefined;
  }
}

/**
 * Variant 5's SignedPreCommand/GBCSPayload. Until GBCS on the wire, emulator format: the
 * pre-command the DCC returned, then the supplier's 64-byte r‖s signature over it.
 */
function signedPreCommand(request: DuisPipelineRequest): { preCommand?: string; signature?: string } {
  if (request.commandVariant !== 5 || typeof request.body !== 'object') return {};
  const payload = request.body.GBCSPayload;
  if (typeof payload !== 'string') return {};
  const bytes = Buffer.from(payload.replace(/\s+/g, ''), 'base64');
  if (bytes.length <= 64) return {};
  return {
    preCommand: bytes.subarray(0, bytes.length - 64).toString('base64'),
    signature: bytes.subarray(bytes.length - 64).toString('base64'),
  };
}

function registered(
  headEnd: HeadEnd,
  party: Eui64,
  role: UserRole,
  device: DeviceRecord | undefined,
  now: number,
): boolean {
  const as = REGISTERED_AS[role];
  if (!as || !device) return false;
  const points =
    device.mpxn !== undefined
      ? [device.mpxn]
      : Object.values(headEnd.admin.pointsOfHub(device.hub ?? device.eui)).filter((p) => p !== undefined);
  return points.some((point) => headEnd.admin.registeredParty(point, as, now) === party);
}

/** The head-end's device views (non-device-services.ts) as DSPInventory devices. */
function inventoryOf(body: unknown): InventoryDevice[] {
  const devices = (body as { devices?: unknown } | null)?.devices;
  if (!Array.isArray(devices)) return [];
  return devices.map(
    (d: {
      deviceId: string;
      deviceType: DeviceRecord['type'];
      status: string;
      mpxn: string | null;
      model: string | null;
    }) => ({
      deviceId: d.deviceId,
      deviceType: d.deviceType,
      status: SMI_STATUS[d.status] ?? 'Pending',
      // Emulator choice: the manufacturer of every emulated device.
      manufacturer: 'smetsim',
      model: d.model ?? modelFor(d.deviceType),
      ...(d.mpxn ? { importMpxn: d.mpxn } : {}),
    }),
  );
}

/**
 * Inventory status → DUIS DeviceStatus. Emulator choice: a pre-notified device is Whitelisted
 * (DUIS's SMI status for a device the supplier has told the DCC of), an installed one is
 * InstalledNotCommissioned.
 */
const SMI_STATUS: Readonly<Record<string, InventoryDevice['status']>> = {
  PreNotified: 'Whitelisted',
  Installed: 'InstalledNotCommissioned',
  Commissioned: 'Commissioned',
  Decommissioned: 'Decommissioned',
  Withdrawn: 'Withdrawn',
  Suspended: 'Suspended',
};
