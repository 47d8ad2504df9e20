import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Eui64 } from '../../protocol/index.js';
import { GatewayError } from '../duis-error.js';
import type { CallMeter } from './call-log.js';

/**
 * Routes a sibling of the head-end adds to the User Gateway (the SEC's commercial side, issue
 * 15), with the gateway's own authentication and admin guard, and their OpenAPI paths.
 */
export interface GatewayExtension {
  readonly paths: Readonly<Record<string, unknown>>;
  register(app: FastifyInstance, hooks: GatewayHooks): void;
  /** Told of every authenticated call before its answer is sent (usage metering, SEC ch. 9). */
  readonly meter?: CallMeter;
}

export interface GatewayHooks {
  /** Route options that authenticate the signed call first (pipeline step 2). */
  readonly authenticated: { preValidation: (request: FastifyRequest) => Promise<void> };
  /** The authenticated caller of a route registered with `authenticated`. */
  caller(request: FastifyRequest): Eui64;
  /** Throws unless the admin bearer token is given; undefined when the admin API is off. */
  readonly adminGuard: ((request: FastifyRequest) => void) | undefined;
}

/** The admin API's bearer-token check (the same rule as admin-routes.ts). */
export function adminGuard(token: string): (request: FastifyRequest) => void {
  const expected = Buffer.from(`Bearer ${token}`);
  return (request) => {
    const given = Buffer.from(String(request.headers.authorization ?? ''));
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      throw new GatewayError('ADMIN_TOKEN', 'the admin API needs Authorization: Bearer <token>', 401, 'Authorization');
  };
}
