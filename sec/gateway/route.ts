import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Eui64 } from '../../protocol/index.js';
import type { GatewayExtension, GatewayHooks } from '../../dcc-head-end/gateway/extension.js';
import { ERROR_SCHEMA } from '../../dcc-head-end/gateway/schemas.js';
import { Input } from './input.js';

export interface SecCall {
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string | undefined>>;
  readonly body: Input;
}

/** One admin SEC endpoint (the Panel, the DCC, the Authority): its path, its OpenAPI summary, what it does. */
export interface AdminRoute {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly summary: string;
  run(call: SecCall): unknown;
}

/** One User Gateway SEC endpoint: the same, for the authenticated calling party. */
export interface SecRoute {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly summary: string;
  run(call: SecCall & { readonly caller: Eui64 }): unknown;
}

const errors = {
  description: 'refused: the SEC rule broken, or the field at fault',
  content: { 'application/json': { schema: ERROR_SCHEMA } },
};

/**
 * The SEC endpoints as a gateway extension: party routes are signed calls (the caller is the
 * authenticated party); admin routes need the admin token and act for the Panel, the DCC or the
 * Authority. The OpenAPI paths come from the same table.
 */
export function secExtension(party: readonly SecRoute[], admin: readonly AdminRoute[]): GatewayExtension {
  const paths: Record<string, Record<string, unknown>> = {};
  const describe = (route: SecRoute | AdminRoute, auth: 'party' | 'admin') => {
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    const params = [...route.path.matchAll(/:(\w+)/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    paths[path] = {
      ...paths[path],
      [route.method.toLowerCase()]: {
        operationId: operationIdOf(route.method, route.path),
        summary: route.summary,
        tags: ['SEC'],
        // The gateway's security schemes (dcc-head-end/gateway/openapi.ts): signed calls, or the admin token.
        security: auth === 'party' ? [{ party: [], date: [], signature: [] }] : [{ adminToken: [] }],
        parameters: params,
        ...(route.method === 'POST'
          ? { requestBody: { content: { 'application/json': { schema: { type: 'object' } } } } }
          : {}),
        responses: {
          200: { description: 'done; the record as it now stands' },
          400: errors,
          401: errors,
          404: errors,
          409: errors,
        },
      },
    };
  };
  for (const route of party) describe(route, 'party');
  for (const route of admin) describe(route, 'admin');
  return {
    paths,
    register(app: FastifyInstance, hooks: GatewayHooks) {
      const call = (request: FastifyRequest): SecCall => ({
        params: request.params as Record<string, string>,
        query: request.query as Record<string, string | undefined>,
        body: Input.of(request.body),
      });
      for (const route of party)
        app.route({
          method: route.method,
          url: route.path,
          preValidation: hooks.authenticated.preValidation,
          handler: async (request) => route.run({ ...call(request), caller: hooks.caller(request) }),
        });
      const guard = hooks.adminGuard;
      if (!guard) return;
      for (const route of admin)
        app.route({
          method: route.method,
          url: route.path,
          handler: async (request) => {
            guard(request);
            return route.run(call(request));
          },
        });
    },
  };
}

/** `POST /v1/sec/elective/:id/accept` → `secPostElectiveIdAccept`: unique, as method and path are. */
function operationIdOf(method: string, path: string): string {
  const words = path
    .split('/')
    .filter((part) => part !== '' && part !== 'v1')
    .map((part) => part.replace(/^:/, ''))
    .flatMap((part) => part.split(/[^A-Za-z0-9]+/))
    .filter((word) => word !== '');
  const cap = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
  return ['sec', cap(method.toLowerCase()), ...words.map(cap)].join('');
}
