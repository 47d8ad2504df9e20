import type { Execution } from './firmware.js';
import type { PayloadMap } from './payload.js';
import { PayloadError } from './payload.js';
import type { Eui64 } from '../protocol/index.js';

/**
 * What a device remembers of each device joined to it beyond the join state (device-core
 * lifecycles.ts JoinedDevices): its device type and the join method, as the CS03 join carries
 * them (GBCS-FACTS §10). Kept beside the device rather than in it, so that every device model
 * (meters, GPF, displays) shares one policy without a field of its own.
 */
export interface JoinDetails {
  readonly deviceType: string;
  readonly method: string;
}

const DETAILS = new WeakMap<object, Map<Eui64, JoinDetails>>();

export function joinDetails(owner: object): ReadonlyMap<Eui64, JoinDetails> {
  return DETAILS.get(owner) ?? new Map();
}

/** Method B joins a Type 2 device (an IHD) or the GPF; anything else joins by method A or C. */
const METHOD_B_TYPES = ['IHD', 'GPF'];

/**
 * Whether a join may go ahead, following the RTDS ERROR variants: CS03A1 refuses a device already
 * joined as another type, CS03B a method B join from a device that does not join that way, CS03C a
 * method C join without the other device's certificate. A JSON body without `deviceType` or
 * `method` is the scenarios' plain join and always admitted.
 */
export function refuseJoin(owner: object, device: Eui64, body: PayloadMap): Execution | undefined {
  const type = typeof body.deviceType === 'string' ? body.deviceType : undefined;
  const method = typeof body.method === 'string' ? body.method : undefined;
  const known = joinDetails(owner).get(device);
  if (type && known && known.deviceType !== type)
    return { status: 'INVALID_STATE', payload: { reason: `${device} is joined as ${known.deviceType}, not ${type}` } };
  if (method === 'B' && type && !METHOD_B_TYPES.includes(type))
    return { status: 'INVALID_STATE', payload: { reason: `a ${type} does not join by method B` } };
  if (method === 'C' && !(body.certificate instanceof Uint8Array))
    throw new PayloadError('a method C join carries the other device certificate', 'certificate');
  return undefined;
}

export function recordJoin(owner: object, device: Eui64, body: PayloadMap): void {
  let details = DETAILS.get(owner);
  if (!details) {
    details = new Map<Eui64, JoinDetails>();
    DETAILS.set(owner, details);
  }
  details.set(device, {
    deviceType: typeof body.deviceType === 'string' ? body.deviceType : 'IHD',
    method: typeof body.method === 'string' ? body.method : 'A',
  });
}

export function forgetJoin(owner: object, device: Eui64): void {
  DETAILS.get(owner)?.delete(device);
}
