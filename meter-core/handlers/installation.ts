import { body, ok, type Handler, type HandlerTable } from '../../device-core/handlers.js';
import { euiArg } from '../../device-core/payload.js';
import type { MeterFirmware } from '../meter-firmware.js';

// 8.7.x Join Service, 8.8.x Unjoin Service: the other device's EUI in `device`. The critical
// (x.1) and non-critical (x.2) variants do the same at the device.
const join: Handler<MeterFirmware> = (m, c) => {
  m.join(euiArg(body(c), 'device'));
  return ok({ joined: [...m.joined] });
};
const unjoin: Handler<MeterFirmware> = (m, c) => {
  m.unjoin(euiArg(body(c), 'device'));
  return ok({ joined: [...m.joined] });
};

/** SR family 8 at a meter: commissioning and joins. */
export const INSTALLATION_HANDLERS: HandlerTable<MeterFirmware> = {
  // 8.1.1 Commission Device
  '8.1.1': (m) => m.commissionMeter(),
  '8.7.1': join,
  '8.7.2': join,
  '8.8.1': unjoin,
  '8.8.2': unjoin,
};
