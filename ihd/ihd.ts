import type { Eui64, Frame, PlainValue, TimerHandle } from '../protocol/index.js';
import { DeviceFirmware, type Execution, type FirmwareDeps } from '../device-core/firmware.js';
import { dispatch, ok, type Handler, type HandlerTable, type ServiceCommand } from '../device-core/handlers.js';
import { HAN_MESSAGES } from '../protocol/han-messages.js';
import { JoinedDevices } from '../device-core/lifecycles.js';
import { renderScreen, type MeterReading } from './screen.js';
import { DISPLAY_JOIN_HANDLERS } from './display-joins.js';

export interface IhdOptions {
  /** How often to ask each joined meter (or the GPF, for gas) for fresh data. */
  readonly refreshMs?: number;
}

export const DEFAULT_IHD_REFRESH_MS = 10_000;

const identity: Handler<Ihd> = (d) =>
  ok({ eui: d.eui, type: d.identity.type, firmwareVersion: d.identity.firmwareVersion, lifecycle: d.lifecycle });

/** The service requests an IHD or PPMID executes. */
const DISPLAY_HANDLERS: HandlerTable<Ihd> = {
  // 8.1.1 Commission Device
  '8.1.1': (d) => d.commission(),
  // 6.2.4 Read Device Configuration (Identity Exc MPxN), 11.2 Read Firmware Version
  '6.2.4': identity,
  '11.2': identity,
  // 8.7.x / 8.8.x at a display (GBCS CS03A2 / CS03C responder, CS04AC): display-joins.ts
  ...DISPLAY_JOIN_HANDLERS,
};

/**
 * The in-home display. It learns its meters when they join it (SR 8.7 executed at the meter or
 * the GPF), then polls each over the HAN and keeps the last reading per fuel for its screen.
 */
export class Ihd extends DeviceFirmware {
  /** The meters (and the GPF, for gas) that joined this display. */
  readonly joins = new JoinedDevices();
  readonly readings = new Map<string, MeterReading>();
  private readonly refreshMs: number;
  private timer: TimerHandle | undefined;

  constructor(deps: FirmwareDeps, options: IhdOptions = {}) {
    super(deps);
    this.refreshMs = options.refreshMs ?? DEFAULT_IHD_REFRESH_MS;
  }

  /** Displays take commissioning and identity reads over the WAN; nothing else in this model. */
  protected execute(command: ServiceCommand): Execution {
    return dispatch(DISPLAY_HANDLERS, this, command);
  }

  get joinedMeters(): Eui64[] {
    return [...this.joins];
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
        this.joins.join(from);
        this.schedule();
        this.sendLocal(from, this.request(from, HAN_MESSAGES.READ, null));
        return;
      case HAN_MESSAGES.UNJOINED:
        // Only a meter this display is joined to can unjoin it; anything else is noise on the HAN.
        if (!this.joins.has(from)) return;
        this.joins.unjoin(from);
        for (const [fuel, reading] of this.readings) if (reading.data.via === from) this.readings.delete(fuel);
        return;
      case HAN_MESSAGES.READING: {
        if (!this.joins.has(from)) return; // only what joined meters say
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
