import type { CommandFrame, Eui64, Frame, PlainValue, TimerHandle } from '../protocol/index.js';
import { DeviceFirmware, type Execution, type FirmwareDeps } from '../device-core/firmware.js';
import { HAN_MESSAGES } from '../protocol/han-messages.js';
import { JOIN_STATE, type JoinState } from '../device-core/lifecycles.js';
import { renderScreen, type MeterReading } from './screen.js';

export interface IhdOptions {
  /** How often to ask each joined meter (or the GPF, for gas) for fresh data. */
  readonly refreshMs?: number;
}

export const DEFAULT_IHD_REFRESH_MS = 10_000;

/**
 * The in-home display. It learns its meters when they join it (SR 8.7 executed at the meter or
 * the GPF), then polls each over the HAN and keeps the last reading per fuel for its screen.
 */
export class Ihd extends DeviceFirmware {
  /** Meter (or GPF) EUI → join state. */
  readonly joins = new Map<Eui64, JoinState>();
  readonly readings = new Map<string, MeterReading>();
  private readonly refreshMs: number;
  private timer: TimerHandle | undefined;

  constructor(deps: FirmwareDeps, options: IhdOptions = {}) {
    super(deps);
    this.refreshMs = options.refreshMs ?? DEFAULT_IHD_REFRESH_MS;
  }

  /** Displays take commissioning and identity reads over the WAN; nothing else in this model. */
  protected execute(command: CommandFrame): Execution {
    switch (command.serviceRequest) {
      case '8.1.1':
        return this.commission();
      case '6.2.4':
      case '11.2':
        return {
          status: 'OK',
          payload: {
            eui: this.eui,
            type: this.identity.type,
            firmwareVersion: this.identity.firmwareVersion,
            lifecycle: this.lifecycle,
          },
        };
      default:
        return {
          status: 'NOT_SUPPORTED',
          payload: { reason: `${this.identity.type} does not implement SR ${command.serviceRequest}` },
        };
    }
  }

  get joinedMeters(): Eui64[] {
    return [...this.joins].filter(([, state]) => state === 'Joined').map(([eui]) => eui);
  }

  /** The screen as text lines. */
  screen(): string[] {
    return renderScreen(this.readings, this.deps.clock.now());
  }

  /** Ask every joined meter for fresh data now (the timer does this every refresh interval). */
  refresh(): void {
    for (const meter of this.joinedMeters) this.sendLocal(meter, this.request(meter, HAN_MESSAGES.READ, null));
  }

  protected request(to: Eui64, code: string, payload: PlainValue): Frame {
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

  protected override receiveLocal(from: Eui64, frame: Frame): void {
    if (frame.kind !== 'command') return;
    switch (frame.serviceRequest) {
      case HAN_MESSAGES.JOINED:
        this.joins.set(from, JOIN_STATE.next(this.joins.get(from) ?? 'NotJoined', 'join'));
        this.schedule();
        this.sendLocal(from, this.request(from, HAN_MESSAGES.READ, null));
        return;
      case HAN_MESSAGES.UNJOINED:
        // Only a meter this display is joined to can unjoin it; anything else is noise on the HAN.
        if (this.joins.get(from) !== 'Joined') return;
        this.joins.set(from, JOIN_STATE.next('Joined', 'unjoin'));
        for (const [fuel, reading] of this.readings) if (reading.data.via === from) this.readings.delete(fuel);
        return;
      case HAN_MESSAGES.READING: {
        if (this.joins.get(from) !== 'Joined') return; // only what joined meters say
        const data = frame.payload;
        if (data === null || typeof data !== 'object' || Array.isArray(data) || data instanceof Uint8Array) return;
        const map = data as { readonly [key: string]: PlainValue };
        if (typeof map.fuel === 'string')
          this.readings.set(map.fuel, { at: this.deps.clock.now(), data: { ...map, via: from } });
        return;
      }
    }
  }

  /** Stop polling (the premises is being torn down). */
  stopRefresh(): void {
    if (this.timer) this.deps.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.powered = false;
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = this.deps.clock.setTimeout(() => {
      this.timer = undefined;
      if (!this.powered || this.joinedMeters.length === 0) return;
      this.refresh();
      this.schedule();
    }, this.refreshMs);
  }
}
