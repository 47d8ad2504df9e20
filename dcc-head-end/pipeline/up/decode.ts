import { decodeFrame } from '../../../protocol/index.js';
import type { UpStep } from './up-step.js';

/** Decode strictly (protocol/frame.ts); a malformed frame is logged and dropped, never thrown. */
export const decodeUp: UpStep = {
  name: 'decode',
  run(ctx, { events }) {
    let frame;
    try {
      frame = decodeFrame(ctx.bytes);
    } catch (error) {
      events.record(ctx.now, 'malformed-frame', { hub: ctx.hub, reason: (error as Error).message });
      return 'done';
    }
    ctx.frame = frame;
    return undefined;
  },
};
