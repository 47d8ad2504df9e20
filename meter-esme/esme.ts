import { parseMpan, ValidationError, type CommandFrame, type PlainValue } from '../protocol/index.js';
import type { ConsumptionModel } from '../device-core/consumption-model.js';
import { halfHourIndex, HALF_HOUR_MS } from '../device-core/consumption-model.js';
import type { FirmwareDeps } from '../device-core/firmware.js';
import { MeterFirmware, type MeterHandler, type MeterOptions } from '../device-core/meter-firmware.js';
import { METER_HANDLERS } from '../device-core/meter-handlers.js';
import { PayloadError, str, asMap } from '../device-core/payload.js';
import { round } from '../device-core/prepayment.js';

export interface EsmeOptions extends MeterOptions {
  /** Generation exported (e.g. solar); absent means an import-only meter. */
  readonly exportModel?: ConsumptionModel;
}

/** Service requests only the electricity meter executes. */
const ESME_HANDLERS: Readonly<Record<string, MeterHandler<Esme>>> = {
  ...METER_HANDLERS,
  // 4.1.1 Read Instantaneous Import Registers: total and per TOU register, in Wh
  '4.1.1': (m) => {
    m.accrue();
    return { status: 'OK', payload: { importWh: round(m.registerUnits), touWh: m.touUnits.map(round) } };
  },
  // 4.2 Read Instantaneous Export Registers
  '4.2': (m) => ({ status: 'OK', payload: { exportWh: round(m.exportWh()) } }),
  // 4.16 Read Active Power Import: the current half-hour's average power
  '4.16': (m) => ({ status: 'OK', payload: { powerW: m.instantaneousPowerW() } }),
  // 6.20.2 Set Device Configuration (Export MPAN)
  '6.20.2': (m, c) => {
    m.exportMpan = validMpan(str(asMap(c.payload), 'mpxn'));
    return { status: 'OK', payload: m.mpxnConfig() };
  },
};

function validMpan(text: string): string {
  try {
    return parseMpan(text, 'mpxn');
  } catch (error) {
    if (error instanceof ValidationError) throw new PayloadError(error.message, 'mpxn');
    throw error;
  }
}

/** The electricity meter (ESME): registers in Wh, TOU, export, supply switch, prepayment. */
export class Esme extends MeterFirmware {
  exportMpan: string | undefined;
  private readonly exportModel: ConsumptionModel | undefined;
  private readonly exportStart: number;

  constructor(deps: FirmwareDeps, options: EsmeOptions) {
    super(deps, options.model, options);
    this.exportModel = options.exportModel;
    this.exportStart = halfHourIndex(deps.clock.now());
  }

  protected kwhOf(wh: number): number {
    return wh / 1000;
  }

  protected handlerFor(serviceRequest: string) {
    const handler = ESME_HANDLERS[serviceRequest];
    return handler && ((command: CommandFrame) => handler(this, command));
  }

  setMpxn(text: string): void {
    this.mpxn = validMpan(text);
  }

  mpxnConfig(): PlainValue {
    return { mpan: this.mpxn ?? null, exportMpan: this.exportMpan ?? null };
  }

  exportWh(): number {
    return this.exportModel ? this.exportModel.sum(this.exportStart, halfHourIndex(this.now())) : 0;
  }

  /** Average power over the current half-hour, from the model (0 when the supply is off). */
  instantaneousPowerW(): number {
    if (this.supply !== 'Enabled' || !this.isPowered) return 0;
    return Math.round((this.model.halfHour(halfHourIndex(this.now())) * 3_600_000) / HALF_HOUR_MS);
  }

  displayData(): PlainValue {
    return {
      fuel: 'electricity',
      meter: this.eui,
      importKwh: round(this.registerUnits / 1000),
      powerW: this.instantaneousPowerW(),
      costPence: round(this.accruedCostPence),
      paymentMode: this.paymentMode,
      balancePence: round(this.prepayment.balance),
      emergencyCreditActive: this.prepayment.emergencyCreditActive,
      supply: this.supply,
    };
  }
}
