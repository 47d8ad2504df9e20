import { ScaledClock, VirtualClock, type Clock } from '../protocol/index.js';
import type { ClockControl } from '../dcc-head-end/gateway/clock-routes.js';

export type { ClockControl, ClockMode } from '../dcc-head-end/gateway/clock-routes.js';

/** Real turns of the event loop, so that frames cross the broker between virtual jumps. */
const turn = () => new Promise<void>((resolve) => setTimeout(resolve, 1));

/**
 * The harness's clock under the user's control (`serve --clock virtual`, the admin API, the
 * library). On a virtual clock a pump fires what falls due at the current instant every few
 * milliseconds of wall time, because the HAN delivers frames through zero-delay timers: without
 * it, a read would wait for the next advance. Time itself moves only by `advance`.
 *
 * `advance` follows the scenario runner (scenario-runner/scenario-world.ts): while a command is
 * out with a device, time moves in 20-second strides, under the 30-second margin of a response
 * deadline, with the network settling between, so a device's answer crossing the broker (real
 * time) is not overtaken by its own deadline. Advances run one at a time.
 */
export function controlClock(clock: Clock, inFlight: () => number): ClockControl & { stop(): void } {
  if (!(clock instanceof VirtualClock)) {
    const speed = clock instanceof ScaledClock ? clock.speed : 1;
    return {
      mode: clock instanceof ScaledClock ? 'scaled' : 'real',
      speed,
      now: () => clock.now(),
      advance: () => Promise.reject(new RangeError('only a virtual clock can be advanced')),
      stop: () => undefined,
    };
  }
  let queue: Promise<unknown> = Promise.resolve();
  let busy = false;
  const pump = setInterval(() => {
    if (busy) return;
    busy = true;
    void clock.advanceAsync(0).finally(() => (busy = false));
  }, 5);
  pump.unref();
  const settle = async (rounds: number) => {
    for (let i = 0; i < rounds; i++) {
      await turn();
      await clock.advanceAsync(0);
    }
  };
  const advanceNow = async (ms: number): Promise<number> => {
    while (busy) await turn();
    busy = true;
    try {
      let left = ms;
      while (left > 0) {
        const stride = inFlight() > 0 ? Math.min(left, 20_000) : left;
        await clock.advanceAsync(stride);
        await settle(1);
        left -= stride;
      }
      await settle(4);
      return clock.now();
    } finally {
      busy = false;
    }
  };
  return {
    mode: 'virtual',
    speed: 0,
    now: () => clock.now(),
    advance(ms) {
      const next = queue.then(() => advanceNow(ms));
      queue = next.catch(() => undefined);
      return next;
    },
    stop: () => clearInterval(pump),
  };
}
