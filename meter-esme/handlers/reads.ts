import { ok, type HandlerTable } from '../../device-core/handlers.js';
import { round } from '../../meter-core/prepayment.js';
import type { Esme } from '../esme.js';

/**
 * SR family 4, the electricity reads: registers in Wh, export, power. Reactive energy is not
 * modelled (the meter's load is taken as purely resistive), so the varh registers GBCS carries
 * next to the Wh ones (ECS17b, ECS17a) read 0: an emulator choice.
 */
export const ESME_READ_HANDLERS: HandlerTable<Esme> = {
  // 4.1.1 Read Instantaneous Import Registers: total and per TOU register, in Wh
  '4.1.1': (m) => {
    m.accrue();
    return ok({ importWh: round(m.registerUnits), importVarh: 0, touWh: m.touUnits.map(round) });
  },
  // 4.2 Read Instantaneous Export Registers
  '4.2': (m) => ok({ exportWh: round(m.exportWh()), exportVarh: 0 }),
  // 4.16 Read Active Power Import: the current half-hour's average power
  '4.16': (m) => ok({ powerW: m.instantaneousPowerW() }),
};
