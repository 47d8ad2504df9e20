import { ALERT } from '../protocol/index.js';
import { ok, type HandlerTable } from '../device-core/handlers.js';
import type { CommsHub } from './chf.js';
import { deviceLogChange } from './device-log.js';
import { CHF_SECURITY_HANDLERS } from './security-handlers.js';

/** The CHF's own service requests: its device log, identity and firmware version. */
export const CHF_HANDLERS: HandlerTable<CommsHub> = {
  // 8.11 Update HAN Device Log; the DCC reports the result to the supplier as N24.
  '8.11': (hub, c) => {
    const change = deviceLogChange(c.payload);
    hub.updateDeviceLog(change);
    return ok({ deviceLog: hub.deviceLogPayload() }, [
      { code: ALERT.ChfDeviceLogChanged, payload: { added: change.add.length, removed: change.remove.length } },
    ]);
  },
  // 8.9 Read Device Log
  '8.9': (hub) => ok({ deviceLog: hub.deviceLogPayload() }),
  // 6.2.4 Read Device Configuration (Identity Exc MPxN)
  '6.2.4': (hub) => ok({ eui: hub.eui, type: hub.identity.type, firmwareVersion: hub.identity.firmwareVersion }),
  // 11.2 Read Firmware Version
  '11.2': (hub) => ok({ firmwareVersion: hub.identity.firmwareVersion }),
  ...CHF_SECURITY_HANDLERS,
};
