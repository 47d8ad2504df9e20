import { isEui, parseEui, publicKeyFromPoint, type PlainValue } from '../protocol/index.js';
import { CERTIFIED_MODELS } from './certified-models.js';
import { GatewayError } from './duis-error.js';
import type { DeviceRecord, Inventory } from './inventory.js';
import type { InventoryEvent } from './inventory-status.js';
import type { RequestContext } from './pipeline/request.js';

/**
 * Command variant 8: requests the DCC answers itself, after the same access control as every
 * other. Each is one entry of the SR table (service-request-table.ts); an SR without one gets
 * one documented refusal: HTTP 501 NOT_IMPLEMENTED, naming the SR (docs/api.md lists which SRs
 * execute end to end).
 */
export function notImplemented(ctx: RequestContext): never {
  const sr = ctx.request.serviceRequest;
  throw new GatewayError(
    'NOT_IMPLEMENTED',
    `SR ${sr.variant} (${sr.name}) passed access control, but the emulator does not implement it yet`,
    501,
    'serviceReferenceVariant',
  );
}

/** 8.2 Read Inventory: the device and the others on its hub. */
export function readInventory(ctx: RequestContext, inventory: Inventory): PlainValue {
  const target = ctx.target;
  return { devices: (target?.hub ? inventory.onHub(target.hub) : target ? [target] : []).map(view) };
}

/** 12.2 Device Pre-notification. */
export function preNotifyDevices(ctx: RequestContext, inventory: Inventory): PlainValue {
  return { devices: preNotify(ctx, inventory).map(view) };
}

/** 8.3 Decommission Device. */
export function decommissionDevice(ctx: RequestContext, inventory: Inventory): PlainValue {
  return { device: view(move(inventory, ctx.target, 'decommission', ctx.now)) };
}

/** 8.4 Update Inventory. */
export function updateInventoryRecord(ctx: RequestContext, inventory: Inventory): PlainValue {
  return { device: view(updateInventory(ctx, inventory)) };
}

/**
 * 8.14.x Communications Hub status updates: install success (1), installed with no SM WAN (2:
 * stays pre-notified, recorded), fault return (3), no-fault return (4).
 */
export function hubStatusUpdate(which: 1 | 2 | 3 | 4) {
  return (ctx: RequestContext, inventory: Inventory): PlainValue => {
    const hub = hubOf(ctx.target);
    if (which === 2) return { device: view(hub), note: 'recorded: no SM WAN at install' };
    const event: InventoryEvent = which === 1 ? 'install' : which === 3 ? 'withdraw' : 'decommission';
    return { device: view(move(inventory, hub, event, ctx.now)) };
  };
}

function view(d: DeviceRecord): PlainValue {
  return {
    deviceId: d.eui,
    deviceType: d.type,
    status: d.status,
    hub: d.hub ?? null,
    mpxn: d.mpxn ?? null,
    model: d.model ?? null,
  };
}

function hubOf(target: DeviceRecord | undefined): DeviceRecord {
  if (target?.type !== 'CHF')
    throw new GatewayError(
      'BAD_REQUEST',
      'SR 8.14.x names the Communications Hub in requestId.target',
      400,
      'requestId.target',
    );
  return target;
}

function move(
  inventory: Inventory,
  target: DeviceRecord | undefined,
  event: InventoryEvent,
  now: number,
): DeviceRecord {
  if (!target)
    throw new GatewayError('BAD_REQUEST', 'this SR names a device in requestId.target', 400, 'requestId.target');
  if (!inventory.can(target.eui, event))
    throw new GatewayError(
      'INVALID_STATUS',
      `${target.eui} is ${target.status}: it cannot ${event}`,
      409,
      'requestId.target',
      'E5',
    );
  return inventory.transition(target.eui, event, now);
}

/**
 * SR 12.2 Device Pre-notification (BPM 01.01): `body.devices: [{deviceId, deviceType, model, hub?,
 * ds, ka}]`, keys as base64 uncompressed points. Each model must be certified.
 */
function preNotify(ctx: RequestContext, inventory: Inventory): DeviceRecord[] {
  const list = (ctx.request.body as { devices?: unknown } | null)?.devices;
  if (!Array.isArray(list) || list.length === 0 || list.length > 16)
    throw new GatewayError('BAD_REQUEST', 'body.devices must list 1 to 16 devices', 400, 'body.devices');
  const records = list.map((entry, i) => {
    const field = `body.devices[${i}]`;
    const d = (entry ?? {}) as Record<string, unknown>;
    if (!isEuiText(d.deviceId))
      throw new GatewayError('BAD_REQUEST', `${field}.deviceId must be an EUI-64`, 400, `${field}.deviceId`);
    const model = d.model;
    const type = typeof model === 'string' ? CERTIFIED_MODELS[model] : undefined;
    if (!type)
      throw new GatewayError(
        'UNCERTIFIED_MODEL',
        `${field}.model "${String(model)}" is not on the DCC's list of certified device models`,
        422,
        `${field}.model`,
      );
    if (d.deviceType !== undefined && d.deviceType !== type)
      throw new GatewayError(
        'BAD_REQUEST',
        `${field}.deviceType does not match model ${String(model)} (a ${type})`,
        400,
        `${field}.deviceType`,
      );
    const eui = parseEui(d.deviceId as string);
    const existing = inventory.get(eui);
    if (existing && existing.status !== 'PreNotified')
      throw new GatewayError('INVALID_STATUS', `${eui} is already ${existing.status}`, 409, `${field}.deviceId`, 'E5');
    return {
      eui,
      type,
      status: 'PreNotified' as const,
      hub: type === 'CHF' ? eui : isEuiText(d.hub) ? parseEui(d.hub as string) : undefined,
      mpxn: undefined,
      ds: point(d.ds, `${field}.ds`),
      ka: point(d.ka, `${field}.ka`),
      installer: ctx.party.eui,
      model: model as string,
    };
  });
  return records.map((record) => inventory.put(record, ctx.now));
}

function updateInventory(ctx: RequestContext, inventory: Inventory): DeviceRecord {
  const target = ctx.target;
  if (!target)
    throw new GatewayError('BAD_REQUEST', 'SR 8.4 names a device in requestId.target', 400, 'requestId.target');
  const hub = (ctx.request.body as { hub?: unknown } | null)?.hub;
  if (hub !== undefined && !isEuiText(hub))
    throw new GatewayError('BAD_REQUEST', 'body.hub must be an EUI-64', 400, 'body.hub');
  return inventory.put({ ...target, ...(hub !== undefined ? { hub: parseEui(hub as string) } : {}) }, ctx.now);
}

function isEuiText(value: unknown): boolean {
  try {
    return typeof value === 'string' && isEui(parseEui(value));
  } catch {
    return false;
  }
}

function point(value: unknown, field: string) {
  if (value === undefined) return undefined;
  try {
    // Byte fields arrive decoded from base64 already (transform.ts BYTE_FIELDS).
    if (!(value instanceof Uint8Array)) throw new Error();
    return publicKeyFromPoint(value);
  } catch {
    throw new GatewayError('BAD_REQUEST', `${field} must be a base64 P-256 point`, 400, field);
  }
}
