import { encodeFrame, type Eui64 } from '../protocol/index.js';
import { HAN_MESSAGES } from '../protocol/han-messages.js';
import { Ihd } from './ihd.js';

export type Fuel = 'electricity' | 'gas';

/**
 * The prepayment interface device: a display with a keypad. The consumer types a UTRN, asks for
 * emergency credit, or presses the supply button; each goes to the meter of that fuel (for gas,
 * through the GPF mailbox, since the GSME sleeps).
 */
export class Ppmid extends Ihd {
  /** Where each fuel's meter is reached: the ESME directly, the GSME via the GPF. */
  private readonly routes = new Map<Fuel, { via: Eui64; meter: Eui64 }>();

  /** Wiring done at install: which meter each fuel's keypad actions go to. */
  setRoute(fuel: Fuel, meter: Eui64, via: Eui64 = meter): void {
    this.routes.set(fuel, { via, meter });
  }

  enterUtrn(utrn: string, fuel: Fuel = 'electricity'): boolean {
    return this.toMeter(fuel, HAN_MESSAGES.UTRN, { utrn });
  }

  requestEmergencyCredit(fuel: Fuel = 'electricity'): boolean {
    return this.toMeter(fuel, HAN_MESSAGES.EMERGENCY_CREDIT, null);
  }

  pressSupplyButton(fuel: Fuel = 'electricity'): boolean {
    return this.toMeter(fuel, HAN_MESSAGES.SUPPLY_BUTTON, null);
  }

  private toMeter(fuel: Fuel, code: string, payload: { utrn: string } | null): boolean {
    const route = this.routes.get(fuel);
    if (!route || !this.powered) return false;
    // Addressed to the meter; for gas the frame travels to the GPF, which holds it for the GSME.
    return this.deps.han.send(route.via, encodeFrame(this.request(route.meter, code, payload)));
  }
}
