import { body, ok, type Handler, type HandlerTable } from '../device-core/handlers.js';
import { GPF_SECURITY_HANDLERS } from './security-handlers.js';
import { euiArg } from '../device-core/payload.js';
import { forgetJoin, recordJoin, refuseJoin } from '../device-core/join-policy.js';
import type { GasProxy } from './gas-proxy.js';
import { restoreGpfDeviceLog } from './gpf-device-log.js';

// SR 8.7.x / 8.8.x at the GPF: a display joins (or leaves) and may read the gas mirror. The
// critical and non-critical variants do the same here.
// The GBCS join (CS03A2, CS03B) also names the device type and method: device-core join-policy.ts.
const join: Handler<GasProxy> = (gpf, c) => {
  const b = body(c);
  const device = euiArg(b, 'device');
  const refused = refuseJoin(gpf, device, b);
  if (refused) return refused;
  gpf.join(device);
  recordJoin(gpf, device, b);
  return ok({ joined: [...gpf.joined] });
};
const unjoin: Handler<GasProxy> = (gpf, c) => {
  const device = euiArg(body(c), 'device');
  gpf.unjoin(device);
  forgetJoin(gpf, device);
  return ok({ joined: [...gpf.joined] });
};

/** The GPF's own service requests: joins for displays, commissioning, identity, firmware version. */
export const GPF_HANDLERS: HandlerTable<GasProxy> = {
  '8.7.1': join,
  '8.7.2': join,
  '8.8.1': unjoin,
  '8.8.2': unjoin,
  // 8.1.1 Commission Device
  '8.1.1': (gpf) => gpf.commission(),
  // 6.2.4 Read Device Configuration (Identity Exc MPxN)
  '6.2.4': (gpf) => ok({ eui: gpf.eui, type: gpf.identity.type, firmwareVersion: gpf.identity.firmwareVersion }),
  // 8.12.2 Restore GPF Device Log (GCS59): gpf-device-log.ts
  '8.12.2': restoreGpfDeviceLog,
  // 11.2 Read Firmware Version
  '11.2': (gpf) => ok({ firmwareVersion: gpf.identity.firmwareVersion }),
  ...GPF_SECURITY_HANDLERS,
};
