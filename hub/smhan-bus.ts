import { SmetsimError, type Clock, type Eui64, type Prng } from '../protocol/index.js';
import type { HanEndpoint, HanFrameHandler } from '../protocol/han-endpoint.js';

/**
 * The in-memory Smart Metering Home Area Network a hub owns. Devices attach by EUI; frames cross
 * as encoded bytes (copied, so no object is ever shared between devices). Latency, loss and
 * partitions are injected and driven by the injected clock and PRNG, so a lossy run replays
 * exactly from its seed.
 */
export interface HanConditions {
  /** Base one-way delay in ms. */
  readonly latencyMs: number;
  /** Extra uniform delay in [0, jitterMs). */
  readonly jitterMs: number;
  /** Probability in [0, 1] that a frame is lost. */
  readonly lossRate: number;
}

export const IDEAL_HAN: HanConditions = { latencyMs: 0, jitterMs: 0, lossRate: 0 };

export interface HanStats {
  sent: number;
  delivered: number;
  /** Dropped by injected loss or a partition. */
  lost: number;
  /** Addressed to a device that is not on the bus. */
  undeliverable: number;
}

export class HanError extends SmetsimError {
  declare readonly code: 'ALREADY_ATTACHED';
  constructor(message: string) {
    super('ALREADY_ATTACHED', message);
  }
}

export class SmhanBus {
  private readonly endpoints = new Map<Eui64, { handler: HanFrameHandler | undefined }>();
  private readonly partitioned = new Set<Eui64>();
  /** Devices attached but switched off (power cut, flat battery). */
  private readonly absent = new Set<Eui64>();
  private reachableListener: ((eui: Eui64) => void) | undefined;
  private conditions: HanConditions;
  readonly stats: HanStats = { sent: 0, delivered: 0, lost: 0, undeliverable: 0 };

  constructor(
    private readonly clock: Clock,
    private readonly rng: Prng,
    conditions: HanConditions = IDEAL_HAN,
    private readonly onHandlerError: (error: unknown) => void = () => undefined,
  ) {
    this.conditions = conditions;
  }

  attach(eui: Eui64): HanEndpoint {
    if (this.endpoints.has(eui)) throw new HanError(`${eui} is already on this HAN`);
    const slot: { handler: HanFrameHandler | undefined } = { handler: undefined };
    this.endpoints.set(eui, slot);
    this.notifyReachable(eui);
    return {
      eui,
      send: (to, frame) => this.send(eui, to, frame),
      onFrame: (handler) => {
        slot.handler = handler;
      },
      setPresent: (present) => this.setPresent(eui, present),
      detach: () => {
        if (this.endpoints.get(eui) === slot) this.endpoints.delete(eui);
      },
    };
  }

  isAttached(eui: Eui64): boolean {
    return this.endpoints.has(eui);
  }

  /** Attached, switched on and not cut off: a frame sent now would arrive (loss aside). */
  isReachable(eui: Eui64): boolean {
    return this.endpoints.has(eui) && !this.absent.has(eui) && !this.partitioned.has(eui);
  }

  /** A device switched off (power cut) or back on. */
  setPresent(eui: Eui64, present: boolean): void {
    if (present) {
      if (this.absent.delete(eui)) this.notifyReachable(eui);
    } else this.absent.add(eui);
  }

  /** The owner (the hub's CHF) hears when a device becomes reachable, to flush what it held. */
  onReachable(listener: (eui: Eui64) => void): void {
    this.reachableListener = listener;
  }

  private notifyReachable(eui: Eui64): void {
    if (!this.isReachable(eui) || !this.reachableListener) return;
    const listener = this.reachableListener;
    // Later, on the clock: never re-enter the caller (a device switching on mid-frame).
    this.clock.setTimeout(() => {
      try {
        listener(eui);
      } catch (error) {
        this.onHandlerError(error);
      }
    }, 0);
  }

  setConditions(conditions: HanConditions): void {
    if (!(conditions.lossRate >= 0 && conditions.lossRate <= 1)) throw new RangeError('lossRate must be within [0, 1]');
    this.conditions = conditions;
  }

  /** Cut a device off the HAN (or reconnect it): frames to and from it are lost. */
  partition(eui: Eui64, isolated: boolean): void {
    if (isolated) this.partitioned.add(eui);
    else if (this.partitioned.delete(eui)) this.notifyReachable(eui);
  }

  private send(from: Eui64, to: Eui64, frame: Uint8Array): boolean {
    if (!this.endpoints.has(to)) {
      this.stats.undeliverable++;
      return false;
    }
    this.stats.sent++;
    const { latencyMs, jitterMs, lossRate } = this.conditions;
    // Draw loss and jitter for every frame, so that the random sequence does not depend on
    // which frames happen to be partitioned.
    const lostByChance = lossRate > 0 && this.rng.next() < lossRate;
    const delay = latencyMs + (jitterMs > 0 ? this.rng.next() * jitterMs : 0);
    if (lostByChance || this.partitioned.has(from) || this.partitioned.has(to) || this.absent.has(to)) {
      this.stats.lost++;
      return true;
    }
    const bytes = Uint8Array.from(frame);
    this.clock.setTimeout(() => this.deliver(from, to, bytes), delay);
    return true;
  }

  private deliver(from: Eui64, to: Eui64, frame: Uint8Array): void {
    const slot = this.endpoints.get(to);
    // It may have left, been cut off or switched off while the frame was in flight.
    if (!slot || this.partitioned.has(to) || this.absent.has(to)) {
      this.stats.lost++;
      return;
    }
    this.stats.delivered++;
    try {
      slot.handler?.(from, frame);
    } catch (error) {
      this.onHandlerError(error);
    }
  }
}
