import type { PlainValue } from '../protocol/index.js';
import type { FirmwareDeps } from '../device-core/firmware.js';
import { dispatch, type ServiceCommand } from '../device-core/handlers.js';
import type { ConsumptionModel } from '../meter-core/consumption-model.js';
import { halfHourIndex, HALF_HOUR_MS } from '../meter-core/consumption-model.js';
import { MeterFirmware, type MeterOptions } from '../meter-core/meter-firmware.js';
import { round } from '../meter-core/prepayment.js';
import { ESME_HANDLERS } from './handlers/index.js';
import { validMpan } from './mpan.js';

export interface EsmeOptions extends MeterOptions {
  /** Generation exported (e.g. solar); absent means an import-only meter. */
  readonly exportModel?: ConsumptionModel;
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

  protected execute(command: ServiceCommand) {
    return dispatch(ESME_HANDLERS, this, command);
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

  /** Wh exported over half-hours [from, to) (SR 4.8.2, 4.6.2), 0 before the meter started. */
  exportUnitsIn(from: number, to: number): number {
    return this.exportModel ? this.exportModel.sum(Math.max(from, this.exportStart), to) : 0;
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
