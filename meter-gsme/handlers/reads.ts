import { ok, type HandlerTable } from '../../device-core/handlers.js';
import type { Gsme } from '../gsme.js';

/** SR family 4, the gas reads: volume in m3 and its energy. The GPF answers these from its mirror. */
export const GSME_READ_HANDLERS: HandlerTable<Gsme> = {
  // 4.1.1 Read Instantaneous Import Registers
  '4.1.1': (m) => {
    m.accrue();
    return ok(m.importRegisters());
  },
};
