import type { HandlerTable } from '../../device-core/handlers.js';
import { METER_HANDLERS } from '../../meter-core/handlers/index.js';
import type { Gsme } from '../gsme.js';
import { GSME_CONFIGURATION_HANDLERS } from './configuration.js';
import { GSME_READ_HANDLERS } from './reads.js';
import { GSME_NETWORK_DATA_HANDLERS } from './network-data.js';

/** Every SR the gas meter executes: what all meters do, then the GSME's own. */
export const GSME_HANDLERS: HandlerTable<Gsme> = {
  ...METER_HANDLERS,
  ...GSME_READ_HANDLERS,
  ...GSME_CONFIGURATION_HANDLERS,
  ...GSME_NETWORK_DATA_HANDLERS,
};
