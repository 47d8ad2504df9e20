import type { HandlerTable } from '../../device-core/handlers.js';
import { METER_HANDLERS } from '../../meter-core/handlers/index.js';
import type { Esme } from '../esme.js';
import { ESME_CONFIGURATION_HANDLERS } from './configuration.js';
import { ESME_READ_HANDLERS } from './reads.js';
import { AUXILIARY_LOAD_HANDLERS } from './auxiliary-load.js';

/** Every SR the electricity meter executes: what all meters do, then the ESME's own. */
export const ESME_HANDLERS: HandlerTable<Esme> = {
  ...METER_HANDLERS,
  ...ESME_READ_HANDLERS,
  ...ESME_CONFIGURATION_HANDLERS,
  ...AUXILIARY_LOAD_HANDLERS,
};
