import { ok, type HandlerTable } from '../../device-core/handlers.js';
import { round } from '../../meter-core/prepayment.js';
import type { Gsme } from '../gsme.js';

/** SR family 4, the gas reads: volume in m3 and its energy. The GPF answers these from its mirror. */
export const GSME_READ_HANDLERS: HandlerTable<Gsme> = {
  // 4.1.1 Read Instantaneous Import Registers
  '4.1.1': (m) => {
    m.accrue();
    return ok(m.importRegisters());
  },
  // 4.1.2 Read Instantaneous Import TOU Matrices (GCS13c): the four tier registers, m3
  '4.1.2': (m) => {
    m.accrue();
    return ok({ touM3: [0, 1, 2, 3].map((i) => round((m.touUnits[i] ?? 0) / 1000)) });
  },
  // 4.1.4 Read Instantaneous Import Block Counters (GCS13b): no block tariff, so all is in block 1
  '4.1.4': (m) => {
    m.accrue();
    return ok({ blockM3: [round(m.registerUnits / 1000), 0, 0, 0] });
  },
  // 4.18 Read Meter Balance (GCS60): the credit remaining and the bill to date (the accrued cost)
  '4.18': (m) => {
    m.accrue();
    return ok({
      balancePence: round(m.prepayment.balance),
      emergencyCreditActive: m.prepayment.emergencyCreditActive,
      billToDatePence: round(m.accruedCostPence),
    });
  },
};
