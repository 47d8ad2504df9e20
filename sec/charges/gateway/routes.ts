import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Eui64 } from '../../../protocol/index.js';
import type { GatewayExtension, GatewayHooks } from '../../../dcc-head-end/gateway/extension.js';
import { ERROR_SCHEMA } from '../../../dcc-head-end/gateway/schemas.js';
import { Input } from '../../gateway/input.js';
import type { Charges } from '../charges.js';

/** A non-JSON answer (CSV, a printable HTML page). */
export class Rendered {
  constructor(
    readonly contentType: 'text/csv' | 'text/html',
    readonly body: string,
    readonly filename?: string,
  ) {}
}

export interface ChargesCall {
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string | undefined>>;
  readonly body: Input;
  /** The body's fields as sent, for amounts whose sign a charging rule checks (NEGATIVE_AMOUNT). */
  readonly raw: Readonly<Record<string, unknown>>;
}

export interface ChargesRoute {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly summary: string;
  /** Other formats the route can answer in, chosen by `?format=`. */
  readonly formats?: readonly ('csv' | 'html')[];
  /** Query parameters, for the OpenAPI. */
  readonly query?: readonly string[];
  run(call: ChargesCall & { readonly caller?: Eui64 }): unknown;
}

const errors = {
  description: 'refused: the charging rule broken (a named code), or the field at fault',
  content: { 'application/json': { schema: ERROR_SCHEMA } },
};

/**
 * The charges endpoints as a gateway extension (like the SEC side's, sec/gateway/route.ts):
 * party routes are signed calls for the caller's own usage, invoices, payments and disputes;
 * admin routes need the admin token. It also carries the usage meter, which the gateway calls
 * for every authenticated call before the answer is sent (call-log.ts meterCalls).
 */
export function chargesExtension(
  charges: Charges,
  party: readonly ChargesRoute[],
  admin: readonly ChargesRoute[],
): GatewayExtension {
  const paths: Record<string, Record<string, unknown>> = {};
  const describe = (route: ChargesRoute, auth: 'party' | 'admin') => {
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    const params = [
      ...[...route.path.matchAll(/:(\w+)/g)].map((m) => ({
        name: m[1],
        in: 'path',
        required: true,
        schema: { type: 'string' },
      })),
      ...(route.query ?? []).map((name) => ({ name, in: 'query', required: false, schema: { type: 'string' } })),
      ...(route.formats
        ? [
            {
              name: 'format',
              in: 'query',
              required: false,
              schema: { type: 'string', enum: ['json', ...route.formats] },
            },
          ]
        : []),
    ];
    const content: Record<string, unknown> = { 'application/json': { schema: { type: 'object' } } };
    if (route.formats?.includes('csv')) content['text/csv'] = { schema: { type: 'string' } };
    if (route.formats?.includes('html')) content['text/html'] = { schema: { type: 'string' } };
    paths[path] = {
      ...paths[path],
      [route.method.toLowerCase()]: {
        operationId: operationIdOf(route.method, route.path),
        summary: route.summary,
        tags: ['Charges'],
        security: auth === 'party' ? [{ party: [], date: [], signature: [] }] : [{ adminToken: [] }],
        parameters: params,
        ...(route.method === 'POST'
          ? { requestBody: { content: { 'application/json': { schema: { type: 'object' } } } } }
          : {}),
        responses: {
          200: { description: 'done', content },
          400: errors,
          401: errors,
          403: errors,
          404: errors,
          409: errors,
        },
      },
    };
  };
  for (const route of party) describe(route, 'party');
  for (const route of admin) describe(route, 'admin');
  const answer = (reply: FastifyReply, result: unknown) => {
    if (!(result instanceof Rendered)) return result;
    reply.type(`${result.contentType}; charset=utf-8`);
    if (result.filename) reply.header('content-disposition', `attachment; filename="${result.filename}"`);
    return result.body;
  };
  const call = (request: FastifyRequest): ChargesCall => ({
    params: request.params as Record<string, string>,
    query: request.query as Record<string, string | undefined>,
    body: Input.of(request.body),
    raw: (request.body ?? {}) as Record<string, unknown>,
  });
  return {
    paths,
    ...(charges.meter ? { meter: charges.meter.meterCall } : {}),
    register(app: FastifyInstance, hooks: GatewayHooks) {
      for (const route of party)
        app.route({
          method: route.method,
          url: route.path,
          preValidation: hooks.authenticated.preValidation,
          handler: async (request, reply) =>
            answer(reply, await route.run({ ...call(request), caller: hooks.caller(request) })),
        });
      const guard = hooks.adminGuard;
      if (!guard) return;
      for (const route of admin)
        app.route({
          method: route.method,
          url: route.path,
          handler: async (request, reply) => {
            guard(request);
            return answer(reply, await route.run(call(request)));
          },
        });
    },
  };
}

function operationIdOf(method: string, path: string): string {
  const words = path
    .split('/')
    .filter((part) => part !== '' && part !== 'v1')
    .map((part) => part.replace(/^:/, ''))
    .flatMap((part) => part.split(/[^A-Za-z0-9]+/))
    .filter((word) => word !== '');
  const cap = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
  return ['charges', cap(method.toLowerCase()), ...words.map(cap)].join('');
}
