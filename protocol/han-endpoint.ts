import type { Eui64 } from './eui.js';

/**
 * The SMHAN seam: what a device is handed to talk on its home area network. The hub's bus
 * (hub/smhan-bus.ts) implements it; every device model takes it. Frames cross as encoded bytes.
 */
export type HanFrameHandler = (from: Eui64, frame: Uint8Array) => void;

export interface HanEndpoint {
  readonly eui: Eui64;
  /** Queue a frame for `to`; false when `to` is not attached (the frame is not sent). */
  send(to: Eui64, frame: Uint8Array): boolean;
  onFrame(handler: HanFrameHandler): void;
  /** Switched off or back on: the hub holds frames for a device that is off. */
  setPresent(present: boolean): void;
  detach(): void;
}
