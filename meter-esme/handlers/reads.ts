import { ok, type HandlerTable } from '../../device-core/handlers.js';
import { round } from '../../meter-core/prepayment.js';
import type { Esme } from '../esme.js';

/** SR family 4, the electricity reads: registers in Wh, export, power. */
export const ESME_READ_HANDLERS: HandlerTable<Esme> = {
  // 4.1.1 Read Instantaneous Import Registers: total and per TOU register, in Wh
  '4.1.1': (m) => {
    m.accrue();
    return ok({ importWh: round(m.registerUnits), touWh: m.touUnits.map(round) });
  },
  // 4.2 Read Instantaneous Export Registers
  '4.2': (m) => ok({ exportWh: round(m.exportWh()) }),
  // 4.16 Read Active Power Import: the current half-hour's average power
  '4.16': (m) => ok({ powerW: m.instantaneousPowerW() }),
};
