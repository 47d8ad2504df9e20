import { body, ok, type HandlerTable } from '../../device-core/handlers.js';
import { num } from '../../device-core/payload.js';
import type { Gsme } from '../gsme.js';

/** SR family 6, the gas-only configuration. */
export const GSME_CONFIGURATION_HANDLERS: HandlerTable<Gsme> = {
  // 6.6 Update Device Configuration (Gas Conversion): ranges are emulator choices around the UK defaults
  '6.6': (m, c) => {
    const b = body(c);
    m.accrue();
    m.conversion = {
      calorificValue: num(b, 'calorificValue', 30, 50),
      conversionFactor: num(b, 'conversionFactor', 0.9, 1.1),
    };
    return ok({ ...m.conversion });
  },
};
