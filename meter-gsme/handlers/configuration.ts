import { body, ok, type HandlerTable } from '../../device-core/handlers.js';
import { num } from '../../device-core/payload.js';
import { storedConfiguration } from '../../meter-core/handlers/stored-configuration.js';
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
  // 6.2.8 Read Device Configuration (Gas): the conversion in use as GCS21a's attributes carry it
  // (value and trailing-digit nibble: 5 digits for the factor, 1 for the CV in MJ/m3, unit 1),
  // the flow settings as 6.7 stored them
  '6.2.8': (m, c) =>
    storedConfiguration(m, c, {
      conversionFactor: Math.round(m.conversion.conversionFactor * 1e5),
      conversionFactorTrailingDigit: 0x50,
      calorificValue: Math.round(m.conversion.calorificValue * 10),
      calorificValueTrailingDigit: 0x10,
      calorificValueUnit: 1,
    }),
};
