import { body, ok, type HandlerTable } from '../../device-core/handlers.js';
import { str } from '../../device-core/payload.js';
import type { Esme } from '../esme.js';
import { validMpan } from '../mpan.js';

/** SR family 6, the electricity-only configuration. */
export const ESME_CONFIGURATION_HANDLERS: HandlerTable<Esme> = {
  // 6.20.2 Set Device Configuration (Export MPAN)
  '6.20.2': (m, c) => {
    m.exportMpan = validMpan(str(body(c), 'mpxn'));
    return ok(m.mpxnConfig());
  },
};
