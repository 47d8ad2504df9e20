import { provideCredentialDetails } from '../device-core/credential-details.js';
import { replaceCredentials, targetOf } from '../device-core/credential-replacement.js';
import type { DeviceFirmware } from '../device-core/firmware.js';
import type { Handler, ServiceCommand } from '../device-core/handlers.js';
import type { CommsHub } from './chf.js';
import type { GasProxy } from './gas-proxy.js';

/**
 * CS02b on a hub half (GBCS-FACTS §10): 6.21 hands a device the DCC controlled over to its
 * supplier or network operator (RTDS 6.21 addresses the GPF), 6.15.1 is a party replacing its own
 * cells. Both replace the role's trust anchor, so the hub then obeys the new party's signature.
 * 6.24.1 reports what the hub trusts.
 */
function replacement<D extends DeviceFirmware>(): Handler<D> {
  return (device, c) => replaceCredentials(device, c, targetOf(c)).execution;
}

export const CHF_SECURITY_HANDLERS = {
  '6.15.1': replacement<CommsHub>(),
  '6.21': replacement<CommsHub>(),
  '6.24.1': (hub: CommsHub, c: ServiceCommand) => provideCredentialDetails(hub, c),
} as const;

export const GPF_SECURITY_HANDLERS = {
  '6.15.1': replacement<GasProxy>(),
  '6.21': replacement<GasProxy>(),
  '6.24.1': (gpf: GasProxy, c: ServiceCommand) => provideCredentialDetails(gpf, c),
} as const;
