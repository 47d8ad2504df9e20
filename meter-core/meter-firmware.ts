import {
  ALERT,
  type Eui64,
  type Frame,
  type PlainValue,
  type TimerHandle,
  type UtrnCheckContext,
} from '../protocol/index.js';
import type { ConsumptionModel } from './consumption-model.js';
import { HALF_HOUR_MS, HALF_HOURS_PER_DAY, halfHourIndex } from './consumption-model.js';
import { DeviceFirmware, type Execution, type FirmwareDeps } from '../device-core/firmware.js';
import { JoinedDevices } from '../device-core/lifecycles.js';
import { HAN_MESSAGES } from '../protocol/han-messages.js';
import { EventLog } from './event-log.js';
import { PAYMENT_MODE, SUPPLY_SWITCH, type PaymentMode, type SupplyEvent, type SupplyState } from './meter-states.js';
import { PrepaymentAccount, round, type PrepaymentConfig, type PrepaymentOutcome } from './prepayment.js';
import { DEFAULT_TARIFF, registerAt, type Tariff } from './tariff.js';
import { SupplierSettings } from './supplier-settings.js';

export interface MeterOptions {
  readonly model: ConsumptionModel;
  /** Register reading (in units) at the time the meter starts. */
  readonly initialRegister?: number;
  readonly prepayment?: PrepaymentConfig;
}

/** A firmware image received by SR 11.1 and waiting for activation (11.3). */
export interface PendingFirmware {
  readonly version: string;
  readonly verified: boolean;
}

/**
 * What the ESME and the GSME share: registers driven by the consumption model, tariff and cost,
 * payment mode and prepayment, the supply switch (or valve), joins, change of tenancy, firmware
 * and the event log. Accrual is lazy: registers catch up when read, and a meter in prepayment
 * mode also wakes each half-hour so that credit alerts fire on time.
 */
export abstract class MeterFirmware extends DeviceFirmware {
  mpxn: string | undefined;
  paymentMode: PaymentMode = 'Credit';
  supply: SupplyState = 'Enabled';
  /** The supply was disabled for lack of credit (so new credit arms it). */
  disabledByCredit = false;
  tariff: Tariff = DEFAULT_TARIFF;
  readonly prepayment: PrepaymentAccount;
  readonly events = new EventLog();
  readonly joined = new JoinedDevices();
  readonly settings = new SupplierSettings();
  /** Total units used (Wh or litres) and per TOU register. */
  registerUnits: number;
  touUnits: number[] = [0];
  accruedCostPence = 0;
  /** Data before this time is not returned to Other Users (SR 3.2 change of tenancy). */
  tenancyStart: number | undefined;
  pendingFirmware: PendingFirmware | undefined;
  /** Other meters of the premises, so a UTRN typed at the wrong meter is named (0x8F64). */
  utrnSiblings: UtrnCheckContext['siblings'] = [];
  outageStartedAt: number | undefined;
  private accruedTo: number;
  private tick: TimerHandle | undefined;

  constructor(
    deps: FirmwareDeps,
    readonly model: ConsumptionModel,
    options: Omit<MeterOptions, 'model'> = {},
  ) {
    super(deps);
    this.registerUnits = options.initialRegister ?? 0;
    this.prepayment = new PrepaymentAccount(options.prepayment);
    this.accruedTo = halfHourIndex(deps.clock.now());
  }

  /** kWh for a quantity of this meter's units. */
  protected abstract kwhOf(units: number): number;

  /** SR 6.20.x: validate and store the meter point (MPAN or MPRN). */
  abstract setMpxn(text: string): void;

  abstract mpxnConfig(): PlainValue;

  now(): number {
    return this.deps.clock.now();
  }

  sha256(data: Uint8Array): Uint8Array {
    return this.deps.crypto.sha256(data);
  }

  commissionMeter(): Execution {
    const result = this.commission();
    this.events.record(this.now(), 'commissioned');
    this.scheduleTick();
    return result;
  }

  /** Bring registers, cost and credit up to now. */
  accrue(): void {
    const until = halfHourIndex(this.deps.clock.now());
    for (let i = this.accruedTo; i < until; i++) this.accrueHalfHour(i);
    this.accruedTo = Math.max(this.accruedTo, until);
  }

  private accrueHalfHour(index: number): void {
    // No energy flows while the supply is off or the meter has no power.
    const units = this.supply === 'Enabled' && this.powered ? this.model.halfHour(index) : 0;
    const register = registerAt(this.tariff, index % HALF_HOURS_PER_DAY);
    this.registerUnits += units;
    while (this.touUnits.length <= register) this.touUnits.push(0);
    this.touUnits[register]! += units;
    const cost =
      this.kwhOf(units) * (this.tariff.unitRatesPencePerKwh[register] ?? 0) +
      this.tariff.standingChargePencePerDay / HALF_HOURS_PER_DAY;
    this.accruedCostPence += cost;
    if (this.paymentMode === 'Prepayment') {
      const debt = this.prepayment.recoverDebt(1 / HALF_HOURS_PER_DAY);
      this.applyPrepayment(this.prepayment.charge(cost + debt));
    }
  }

  /** Apply what the credit account decided: alerts, and the supply switch on exhaustion or new credit. */
  applyPrepayment(outcome: PrepaymentOutcome): void {
    if (outcome.supply === 'creditExhausted' && this.supply !== 'Disabled') {
      this.switchSupply('creditExhausted');
      this.disabledByCredit = true;
    } else if (outcome.supply === 'creditRestored' && this.supply === 'Disabled' && this.disabledByCredit) {
      // GBCS: new credit arms the supply; the consumer's button press enables it.
      this.switchSupply('arm');
    }
    for (const alert of outcome.alerts) this.raiseAlert(alert.code, alert.payload ?? null);
  }

  switchSupply(event: SupplyEvent): SupplyState {
    const next = SUPPLY_SWITCH.next(this.supply, event);
    if (next !== this.supply) this.events.record(this.deps.clock.now(), `supply ${next.toLowerCase()}`, event);
    this.supply = next;
    if (next !== 'Disabled') this.disabledByCredit = false;
    return next;
  }

  setPaymentMode(mode: PaymentMode): void {
    this.accrue();
    this.paymentMode = PAYMENT_MODE.next(this.paymentMode, mode === 'Credit' ? 'toCredit' : 'toPrepayment');
    this.events.record(this.deps.clock.now(), 'payment mode', mode);
    this.scheduleTick();
  }

  /** A prepayment meter wakes each half-hour to charge and check its thresholds. */
  protected scheduleTick(): void {
    if (this.tick) this.deps.clock.clearTimeout(this.tick);
    this.tick = undefined;
    if (this.paymentMode !== 'Prepayment' || !this.powered || this.lifecycle === 'Decommissioned') return;
    const now = this.deps.clock.now();
    const next = (halfHourIndex(now) + 1) * HALF_HOUR_MS;
    this.tick = this.deps.clock.setTimeout(() => {
      this.accrue();
      this.scheduleTick();
    }, next - now);
  }

  /** Cancel the half-hour wake-up (the premises is being torn down). */
  stopTimers(): void {
    if (this.tick) this.deps.clock.clearTimeout(this.tick);
    this.tick = undefined;
  }

  /** The consumer's supply button, on the meter or the PPMID: enables an armed supply. */
  pressSupplyButton(): boolean {
    if (this.supply !== 'Armed') return false;
    this.accrue();
    this.switchSupply('buttonPress');
    return true;
  }

  /** A local or remote emergency credit request. */
  takeEmergencyCredit(): { ok: boolean; reason?: string } {
    this.accrue();
    const result = this.prepayment.activateEmergencyCredit();
    if (result.ok) this.events.record(this.deps.clock.now(), 'emergency credit');
    this.applyPrepayment(result.outcome);
    return result.reason === undefined ? { ok: result.ok } : { ok: result.ok, reason: result.reason };
  }

  /** A UTRN typed at the meter or the PPMID, or sent by SR 2.2. */
  enterUtrn(utrn: string, source: 'remote' | 'local'): { ok: boolean; reason?: string; amountPence?: number } {
    this.accrue();
    const supplier = this.trust.get('Supplier');
    if (!supplier?.prepaymentKa) return { ok: false, reason: 'NO_SUPPLIER_PREPAYMENT_KEY' };
    const result = this.prepayment.applyUtrn(
      utrn,
      {
        crypto: this.deps.crypto,
        device: this.eui,
        deviceKeyAgreement: this.deps.keys.ka,
        supplier: supplier.eui,
        supplierPrepaymentKey: supplier.prepaymentKa,
        siblings: this.utrnSiblings,
      },
      source,
      this.deps.clock.now(),
    );
    this.events.record(
      this.deps.clock.now(),
      result.ok ? 'utrn accepted' : 'utrn rejected',
      result.ok ? `${result.amountPence}p` : result.reason,
    );
    this.applyPrepayment(result.outcome);
    // BPM 02.03 local top-up: the meter tells the DCC, which tells the supplier. GBCS's alert
    // for it is 0x810E "credit added locally" (FACTS: Alerts).
    if (result.ok && source === 'local')
      this.raiseAlert(ALERT.CreditAddedLocally, { amountPence: result.amountPence, utrn: utrn.slice(0, 20) });
    return result.ok ? { ok: true, amountPence: result.amountPence } : { ok: false, reason: result.reason };
  }

  /** Parties other than the installed supplier and network operator get no data from before the tenancy. */
  dataStartFor(requester: Eui64): number {
    if (this.tenancyStart === undefined) return -Infinity;
    const privileged = [this.trust.get('Supplier')?.eui, this.trust.get('NetworkOperator')?.eui];
    return privileged.includes(requester) ? -Infinity : this.tenancyStart;
  }

  /** Half-hourly profile (SR 4.8.1): the last `count` completed half-hours, derived from the model. */
  profile(count: number, requester: Eui64): { start: number; units: number }[] {
    const end = halfHourIndex(this.deps.clock.now());
    const since = this.dataStartFor(requester);
    const out: { start: number; units: number }[] = [];
    for (let i = end - count; i < end; i++) {
      const start = i * HALF_HOUR_MS;
      if (start >= since) out.push({ start, units: round(this.model.halfHour(i)) });
    }
    return out;
  }

  /** Daily consumption log (SR 4.17): the last `days` whole days. */
  dailyLog(days: number, requester: Eui64): { day: number; units: number }[] {
    const today = Math.floor(halfHourIndex(this.deps.clock.now()) / HALF_HOURS_PER_DAY);
    const since = this.dataStartFor(requester);
    const out: { day: number; units: number }[] = [];
    for (let d = today - days; d < today; d++) {
      const start = d * HALF_HOURS_PER_DAY * HALF_HOUR_MS;
      if (start >= since)
        out.push({ day: start, units: round(this.model.sum(d * HALF_HOURS_PER_DAY, (d + 1) * HALF_HOURS_PER_DAY)) });
    }
    return out;
  }

  /** Power cut: the meter stops; on restore it raises 0x8F35, or 0x8F36 after 3 minutes or more. */
  powerOff(): void {
    if (!this.powered) return;
    this.accrue();
    this.outageStartedAt = this.deps.clock.now();
    this.powered = false;
    this.deps.han.setPresent(false);
    this.scheduleTick();
  }

  powerOn(): void {
    if (this.powered) return;
    const now = this.deps.clock.now();
    this.accrue(); // the outage half-hours accrue nothing: powered is still false
    this.powered = true;
    this.deps.han.setPresent(true);
    const outageMs = now - (this.outageStartedAt ?? now);
    this.outageStartedAt = undefined;
    this.events.record(now, 'power restored', `${Math.round(outageMs / 1000)} s`);
    this.raiseAlert(outageMs >= 3 * 60_000 ? ALERT.SupplyOutageRestoredLongOutage : ALERT.SupplyOutageRestored, {
      outageSeconds: Math.round(outageMs / 1000),
    });
    this.scheduleTick();
  }

  get isPowered(): boolean {
    return this.powered;
  }

  tamper(kind = 'tamper'): void {
    this.events.record(this.deps.clock.now(), kind);
    this.raiseAlert(ALERT.TamperDetect, { kind });
  }

  join(device: Eui64): void {
    this.joined.join(device);
    this.sendLocal(device, this.localFrame(device, HAN_MESSAGES.JOINED, { meter: this.eui, type: this.identity.type }));
  }

  unjoin(device: Eui64): void {
    this.joined.unjoin(device);
    this.sendLocal(device, this.localFrame(device, HAN_MESSAGES.UNJOINED, { meter: this.eui }));
  }

  /** What an IHD or PPMID shows for this meter. */
  abstract displayData(): PlainValue;

  protected override receiveLocal(from: Eui64, frame: Frame): void {
    if (frame.kind !== 'command' || !this.joined.has(from)) return; // only joined devices
    switch (frame.serviceRequest) {
      case HAN_MESSAGES.READ:
        this.accrue();
        this.sendLocal(from, this.localFrame(from, HAN_MESSAGES.READING, this.displayData()));
        return;
      case HAN_MESSAGES.UTRN: {
        const utrn = (frame.payload as { utrn?: unknown } | null)?.utrn;
        this.enterUtrn(typeof utrn === 'string' ? utrn : '', 'local');
        this.sendLocal(from, this.localFrame(from, HAN_MESSAGES.READING, this.displayData()));
        return;
      }
      case HAN_MESSAGES.EMERGENCY_CREDIT:
        this.takeEmergencyCredit();
        this.sendLocal(from, this.localFrame(from, HAN_MESSAGES.READING, this.displayData()));
        return;
      case HAN_MESSAGES.SUPPLY_BUTTON:
        this.pressSupplyButton();
        this.sendLocal(from, this.localFrame(from, HAN_MESSAGES.READING, this.displayData()));
        return;
    }
  }

  protected localFrame(to: Eui64, code: string, payload: PlainValue): Frame {
    return {
      kind: 'command',
      header: {
        originator: this.eui,
        recipient: to,
        counter: this.ownCounter.next(),
        createdAt: this.deps.clock.now(),
      },
      serviceRequest: code,
      payload,
      signatures: [],
    };
  }
}
