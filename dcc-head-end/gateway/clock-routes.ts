import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parseDuration } from '../../protocol/index.js';
import { GatewayError } from '../duis-error.js';

/** How the harness's time runs: the wall clock, a virtual clock the user moves, or real time faster. */
export type ClockMode = 'real' | 'virtual' | 'scaled';

/** What the admin API may do with the harness's clock (world/clock-control.ts implements it). */
export interface ClockControl {
  readonly mode: ClockMode;
  /** DCC milliseconds per wall millisecond: 1 for real, the --speed for scaled, 0 for virtual. */
  readonly speed: number;
  now(): number;
  /** Virtual only: move time forward, firing every timer on the way; resolves to the new now. */
  advance(ms: number): Promise<number>;
}

/** The longest single advance: a year, so a typo (`1000d`) cannot hang the harness for hours. */
export const MAX_ADVANCE_MS = 366 * 86_400_000;

/**
 * GET /v1/admin/clock and POST /v1/admin/clock/advance (`{"by": "30m"}`): the same duration
 * syntax as the command line (protocol/duration.ts). Only a virtual clock can be advanced.
 */
export function registerClockRoutes(
  app: FastifyInstance,
  guard: (request: FastifyRequest) => void,
  clock: ClockControl,
): void {
  const view = () => ({ mode: clock.mode, speed: clock.speed, now: new Date(clock.now()).toISOString() });

  app.get('/v1/admin/clock', async (request) => {
    guard(request);
    return view();
  });

  app.post('/v1/admin/clock/advance', async (request) => {
    guard(request);
    const body = request.body as { by?: unknown } | undefined;
    if (typeof body?.by !== 'string')
      throw new GatewayError('BAD_REQUEST', 'by is required: a duration such as 30m, 1h30m or 2d', 400, 'by');
    const ms = parseDuration(body.by, 'by');
    if (ms > MAX_ADVANCE_MS)
      throw new GatewayError('BAD_REQUEST', `by: at most 366d in one advance (given ${body.by})`, 400, 'by');
    if (clock.mode !== 'virtual')
      throw new GatewayError(
        'CLOCK_NOT_VIRTUAL',
        `the clock is ${clock.mode === 'scaled' ? `real time at ${clock.speed}x` : 'real'}; start serve with --clock virtual to advance it`,
        409,
        'by',
      );
    const from = clock.now();
    await clock.advance(ms);
    return { ...view(), advancedMs: clock.now() - from };
  });
}
