import { verifyFrameSignature } from '../../../protocol/index.js';
import type { UpStep } from './up-step.js';

/**
 * Verify: the frame is signed by a device in the inventory, with the key the inventory holds for
 * it, and that device sits on the hub the frame came from.
 */
export const verifyDevice: UpStep = {
  name: 'verify the device signature',
  run(ctx, { inventory, crypto, events }) {
    const frame = ctx.frame!;
    const device = inventory.get(frame.header.originator);
    if (!device?.ds || (device.hub !== ctx.hub && device.eui !== ctx.hub)) {
      events.record(ctx.now, 'unknown-device', { hub: ctx.hub, device: frame.header.originator });
      return 'done';
    }
    if (!verifyFrameSignature(crypto, frame, 'Device', device.ds)) {
      events.record(ctx.now, 'bad-device-signature', { hub: ctx.hub, device: device.eui, kind: frame.kind });
      return 'done';
    }
    ctx.device = device;
    // Commands never travel up: a verified one is ignored.
    return frame.kind === 'command' ? 'done' : undefined;
  },
};
