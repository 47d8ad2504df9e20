import type { PlainValue } from '../protocol/index.js';
import { GatewayError } from './duis-error.js';
import type { Inventory } from './inventory.js';
import type { RequestContext } from './pipeline/request.js';

/**
 * Command variant 8: requests the DCC answers itself, after the same access control as every
 * other. Those not modelled yet get one documented refusal: HTTP 501 NOT_IMPLEMENTED, naming
 * the SR (docs/api.md lists which SRs execute end to end).
 */
export function answerNonDevice(ctx: RequestContext, inventory: Inventory): PlainValue {
  const sr = ctx.request.serviceRequest.variant;
  switch (sr) {
    case '8.2': {
      // Read Inventory: the device and the others on its hub.
      const target = ctx.target;
      if (!target) return { devices: [] };
      const onHub = target.hub ? inventory.onHub(target.hub) : [target];
      return { devices: onHub.map((d) => ({ deviceId: d.eui, deviceType: d.type, status: d.status, hub: d.hub ?? null, mpxn: d.mpxn ?? null })) };
    }
    default:
      throw new GatewayError('NOT_IMPLEMENTED', `SR ${sr} (${ctx.request.serviceRequest.name}) passed access control, but the emulator does not implement it yet`, 501, 'serviceReferenceVariant');
  }
}
