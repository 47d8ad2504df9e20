import {
  ALERT,
  parseMprn,
  ValidationError,
  type Eui64,
  type Frame,
  type PlainValue,
  type TimerHandle,
} from '../protocol/index.js';
import type { FirmwareDeps } from '../device-core/firmware.js';
import { HAN_MESSAGES, MIRRORED_READS } from '../protocol/han-messages.js';
import { dispatch, type ServiceCommand } from '../device-core/handlers.js';
import { PayloadError } from '../device-core/payload.js';
import { MeterFirmware, type MeterOptions } from '../meter-core/meter-firmware.js';
import { round } from '../meter-core/prepayment.js';
import { GSME_HANDLERS } from './handlers/index.js';

export const DEFAULT_WAKE_INTERVAL_MS = 30 * 60_000;

export interface GsmeOptions extends MeterOptions {
  /** The hub's Gas Proxy Function: mailbox and mirror. */
  readonly gpf: Eui64;
  /** How often the meter wakes (FACTS: about every 30 minutes). */
  readonly wakeIntervalMs?: number;
  /** Battery charge, percent. */
  readonly batteryPercent?: number;
  /** Charge used per wake, percent. A 15-year battery at 48 wakes a day uses about 0.0004 %. */
  readonly drainPerWakePercent?: number;
  readonly lowBatteryPercent?: number;
}

/** Gas conversion (SR 6.6): volume to energy. UK defaults: CV 39.5 MJ/m3, factor 1.02264. */
export interface GasConversion {
  calorificValue: number;
  conversionFactor: number;
}

/**
 * The gas meter (GSME): battery powered, asleep most of the time. Every wake it pushes its data to
 * the GPF mirror and polls its mailbox there; commands reach it only through that mailbox. The
 * valve plays the part of the supply switch.
 */
export class Gsme extends MeterFirmware {
  conversion: GasConversion = { calorificValue: 39.5, conversionFactor: 1.02264 };
  batteryPercent: number;
  awake = false;
  wakes = 0;
  private readonly gpf: Eui64;
  private readonly wakeIntervalMs: number;
  private readonly drainPerWake: number;
  private readonly lowBattery: number;
  private lowBatteryAlerted = false;
  private wakeTimer: TimerHandle | undefined;

  constructor(deps: FirmwareDeps, options: GsmeOptions) {
    super(deps, options.model, options);
    this.gpf = options.gpf;
    this.wakeIntervalMs = options.wakeIntervalMs ?? DEFAULT_WAKE_INTERVAL_MS;
    this.batteryPercent = options.batteryPercent ?? 100;
    this.drainPerWake = options.drainPerWakePercent ?? 0.0004;
    this.lowBattery = options.lowBatteryPercent ?? 10;
  }

  protected kwhOf(litres: number): number {
    return ((litres / 1000) * this.conversion.calorificValue * this.conversion.conversionFactor) / 3.6;
  }

  protected execute(command: ServiceCommand) {
    return dispatch(GSME_HANDLERS, this, command);
  }

  setMpxn(text: string): void {
    try {
      this.mpxn = parseMprn(text, 'mpxn');
    } catch (error) {
      if (error instanceof ValidationError) throw new PayloadError(error.message, 'mpxn');
      throw error;
    }
  }

  mpxnConfig(): PlainValue {
    return { mprn: this.mpxn ?? null };
  }

  importRegisters(): PlainValue {
    return {
      volumeM3: round(this.registerUnits / 1000),
      energyKwh: round(this.kwhOf(this.registerUnits)),
      touM3: this.touUnits.map((u) => round(u / 1000)),
    };
  }

  /**
   * Start the sleep/wake cycle: the first wake is one interval from now, or `firstWakeInMs` (a fleet
   * staggers its meters so that they do not all wake together).
   */
  startWakeCycle(firstWakeInMs = this.wakeIntervalMs): void {
    if (this.wakeTimer) this.deps.clock.clearTimeout(this.wakeTimer);
    this.wakeTimer = this.deps.clock.setTimeout(() => {
      this.wake();
      this.startWakeCycle();
    }, firstWakeInMs);
  }

  stopWakeCycle(): void {
    if (this.wakeTimer) this.deps.clock.clearTimeout(this.wakeTimer);
    this.wakeTimer = undefined;
  }

  /** Wake: drain the battery, push the mirror, ask the GPF for the mailbox. */
  wake(): void {
    if (this.batteryPercent <= 0) return;
    this.awake = true;
    this.wakes++;
    this.drain(this.drainPerWake);
    this.accrue();
    this.pushMirror();
    this.sendLocal(this.gpf, this.localFrame(this.gpf, HAN_MESSAGES.WAKE, null));
  }

  /** Take charge out of the battery (a wake, or a test draining it); 0x8F1F once below the threshold. */
  drain(percent: number): void {
    this.batteryPercent = Math.max(0, this.batteryPercent - percent);
    if (!this.lowBatteryAlerted && this.batteryPercent < this.lowBattery) {
      this.lowBatteryAlerted = true;
      this.raiseAlert(ALERT.LowBatteryCapacity, { batteryPercent: round(this.batteryPercent) });
    }
  }

  /** What the GPF answers for this meter until the next wake: the mirrored reads and the display. */
  mirrorData(): PlainValue {
    const reads: Record<string, PlainValue> = {};
    for (const sr of MIRRORED_READS) {
      const handler = GSME_HANDLERS[sr];
      if (handler)
        reads[sr] =
          handler(this, {
            kind: 'command',
            header: { originator: this.eui, recipient: this.eui, counter: 0n, createdAt: this.now() },
            serviceRequest: sr,
            payload: null,
            signatures: [],
          }).payload ?? null;
    }
    return { at: this.now(), reads, display: this.displayData(), batteryPercent: round(this.batteryPercent) };
  }

  private pushMirror(): void {
    this.sendLocal(this.gpf, this.localFrame(this.gpf, HAN_MESSAGES.MIRROR, this.mirrorData()));
  }

  protected override receiveLocal(from: Eui64, frame: Frame): void {
    if (from === this.gpf && frame.kind === 'command' && frame.serviceRequest === HAN_MESSAGES.SLEEP) {
      // Mailbox done: refresh the mirror with whatever the commands changed, then sleep.
      this.pushMirror();
      this.awake = false;
      return;
    }
    // Consumer traffic (a PPMID's UTRN) waits in the GPF mailbox and arrives from the GPF; it
    // counts as coming from the device that sent it, which must be joined to this meter.
    super.receiveLocal(from === this.gpf ? frame.header.originator : from, frame);
  }

  displayData(): PlainValue {
    return {
      fuel: 'gas',
      meter: this.eui,
      volumeM3: round(this.registerUnits / 1000),
      energyKwh: round(this.kwhOf(this.registerUnits)),
      costPence: round(this.accruedCostPence),
      paymentMode: this.paymentMode,
      balancePence: round(this.prepayment.balance),
      emergencyCreditActive: this.prepayment.emergencyCreditActive,
      supply: this.supply,
      batteryPercent: round(this.batteryPercent),
    };
  }
}
