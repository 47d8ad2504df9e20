import { body, ok, type HandlerTable } from '../../device-core/handlers.js';
import type { MeterFirmware } from '../meter-firmware.js';
import { tariffFromPayload } from '../tariff.js';

/** SR family 1.1-1.2: tariff and price, as the ESME and the GSME both execute them. */
export const TARIFF_HANDLERS: HandlerTable<MeterFirmware> = {
  // 1.1.1 Update Import Tariff (Primary Element)
  '1.1.1': (m, c) => {
    m.accrue();
    m.tariff = tariffFromPayload(body(c), m.tariff);
    m.events.record(m.now(), 'tariff updated');
    return ok({ unitRates: [...m.tariff.unitRatesPencePerKwh], standingCharge: m.tariff.standingChargePencePerDay });
  },
  // 1.2.1 Update Price (Primary Element): new unit rates, same switching
  '1.2.1': (m, c) => {
    m.accrue();
    const next = tariffFromPayload(
      { ...body(c), switching: m.tariff.switching.map((s) => [s.fromHalfHour, s.register]) },
      m.tariff,
    );
    m.tariff = next;
    return ok({ unitRates: [...next.unitRatesPencePerKwh] });
  },
};
