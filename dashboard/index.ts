import type { FastifyInstance } from 'fastify';
import type { HeadEndLink } from '../smwan/link.js';
import type { LiveFeed } from './live-feed.js';
import { MessageLog } from './message-log.js';
import { DEFAULT_DECODERS, type PayloadDecoder } from './payload-decoder.js';
import { registerDashboardRoutes } from './routes.js';
import { tapGateway, tapHeadEnd, tapHeadEndLink } from './taps.js';
import { WorldIndex, type DashboardWorld } from './world-source.js';

export type { DashboardWorld, HeadEndView } from './world-source.js';
export type { PayloadDecoder } from './payload-decoder.js';

/**
 * The live web dashboard at /ui (docs/ARCHITECTURE.md, "dashboard/"). Two steps, because the
 * head-end's SMWAN link is wrapped when the DCC is built, and the routes are added once the
 * premises exist, before the gateway listens:
 *
 *   const dashboard = createDashboard();
 *   createDcc({ ..., wrapLink: dashboard.wrapLink });
 *   dashboard.attach(gateway, { clock, headEnd, parties, premises });
 */
export interface Dashboard {
  readonly log: MessageLog;
  wrapLink(link: HeadEndLink): HeadEndLink;
  attach(app: FastifyInstance, world: DashboardWorld): LiveFeed;
}

export function createDashboard(
  options: { readonly decoders?: readonly PayloadDecoder[]; now?: () => number } = {},
): Dashboard {
  let names: WorldIndex | undefined;
  let now = options.now ?? Date.now;
  const log = new MessageLog(() => now());
  return {
    log,
    wrapLink: (link) => tapHeadEndLink(link, log, () => names, options.decoders ?? DEFAULT_DECODERS),
    attach(app, world) {
      names = new WorldIndex(world);
      now = () => world.clock.now();
      tapGateway(app, log, names);
      tapHeadEnd(world.headEnd, log, names);
      return registerDashboardRoutes(app, world, names, log);
    },
  };
}
