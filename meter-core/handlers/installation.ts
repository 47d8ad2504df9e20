import { body, ok, type Handler, type HandlerTable } from '../../device-core/handlers.js';
import { euiArg, type PayloadMap } from '../../device-core/payload.js';
import type { MeterFirmware } from '../meter-firmware.js';
import { forgetJoin, recordJoin, refuseJoin } from '../../device-core/join-policy.js';

// 8.7.x Join Service, 8.8.x Unjoin Service: the other device's EUI in `device` (and, from GBCS
// CS03, its `deviceType`, the `method` and a method C `certificate`). The critical (x.1) and
// non-critical (x.2) variants do the same at the device.
const join: Handler<MeterFirmware> = (m, c) => {
  const b = body(c);
  const device = euiArg(b, 'device');
  const refused = refuseJoin(m, device, b);
  if (refused) return refused;
  m.join(device);
  recordJoin(m, device, b);
  return ok({ joined: [...m.joined] });
};
const unjoin: Handler<MeterFirmware> = (m, c) => {
  const device = euiArg(body(c), 'device');
  m.unjoin(device);
  forgetJoin(m, device);
  return ok({ joined: [...m.joined] });
};

/**
 * SR 8.1.1 (ECS70, GCS28): the DCC sets the meter's clock within a validity window. The meters
 * run on the premises clock, so the command is refused (INVALID_STATE, the RTDS ERROR's "time not
 * set") when that clock lies outside the window; a body without one is a plain commissioning.
 */
function outsideWindow(now: number, b: PayloadMap): boolean {
  const from = typeof b.validFrom === 'string' ? Date.parse(b.validFrom) : -Infinity;
  const to = typeof b.validTo === 'string' ? Date.parse(b.validTo) : Infinity;
  return now < from || now > to;
}

/** SR family 8 at a meter: commissioning and joins. */
export const INSTALLATION_HANDLERS: HandlerTable<MeterFirmware> = {
  // 8.1.1 Commission Device
  '8.1.1': (m, c) => {
    const now = m.now();
    if (c.payload !== null && outsideWindow(now, body(c)))
      return { status: 'INVALID_STATE', payload: { reason: 'the meter clock is outside the commissioning window' } };
    return m.commissionMeter();
  },
  '8.7.1': join,
  '8.7.2': join,
  '8.8.1': unjoin,
  '8.8.2': unjoin,
};
