import { body, ok, type Handler, type HandlerTable } from '../device-core/handlers.js';
import { euiArg } from '../device-core/payload.js';
import { forgetJoin, recordJoin, refuseJoin } from '../device-core/join-policy.js';
import type { Ihd } from './ihd.js';

/**
 * SR 8.7.x / 8.8.x at an IHD or PPMID: the display is the responder of a method A join (CS03A2)
 * or takes the other side of a method C join (CS03C, with the other device's certificate), and
 * its own join table (`joins`, the meters it reads) changes. The critical and non-critical
 * variants do the same here. The meter's own side of the join announces itself over the HAN.
 */
const join: Handler<Ihd> = (d, c) => {
  const b = body(c);
  const device = euiArg(b, 'device');
  const refused = refuseJoin(d, device, b);
  if (refused) return refused;
  d.joins.join(device);
  recordJoin(d, device, b);
  return ok({ joined: [...d.joins] });
};
const unjoin: Handler<Ihd> = (d, c) => {
  const device = euiArg(body(c), 'device');
  d.joins.unjoin(device);
  forgetJoin(d, device);
  for (const [fuel, reading] of d.readings) if (reading.data.via === device) d.readings.delete(fuel);
  return ok({ joined: [...d.joins] });
};

export const DISPLAY_JOIN_HANDLERS: HandlerTable<Ihd> = {
  '8.7.1': join,
  '8.7.2': join,
  '8.8.1': unjoin,
  '8.8.2': unjoin,
};
