import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminRoutes } from '../../sec/gateway/admin-routes.js';
import { partyRoutes } from '../../sec/gateway/party-routes.js';
import type { World } from '../../world/dcc-world.js';
import type { GatewayClient } from '../../world/gateway-client.js';
import type { DefaultPartyName } from '../../world/default-parties.js';
import { testWorld } from '../support/world.js';

/**
 * SEC ch. 8 (§183-197) over HTTP: two parties request an elective service together, the DCC evaluates
 * and offers, they accept. Its terms are confidential to them (SEC ch. 8): a third party is refused
 * at every endpoint that names an elective, found from the route table itself; the Authority reads them.
 */
describe('SEC ch. 8: an elective service and its confidentiality', () => {
  let world: World;
  let client: (name: DefaultPartyName) => GatewayClient;
  let admin: (path: string, body: unknown) => Promise<{ status: number; json: unknown }>;
  let id = 0;
  beforeAll(async () => {
    ({ world, client, admin } = await testWorld());
  });
  afterAll(async () => world.stop());

  it('goes from request to evaluation, offer and acceptance, with every deadline met', async () => {
    const requested = await client('supplier').call<{ id: number; state: string }>('POST', '/v1/sec/electives', {
      description: 'half-hourly export reads for a community energy scheme',
      parties: [world.parties.networkOperator.eui],
    });
    expect(requested).toMatchObject({ status: 200, json: { state: 'Requested' } });
    id = requested.json.id;
    expect(
      (await admin(`/v1/admin/sec/electives/${id}/evaluate`, { indicativeCostPence: 250_000, note: 'feasible' })).json,
    ).toMatchObject({ state: 'Evaluated' });
    expect((await client('networkOperator').call('POST', `/v1/sec/electives/${id}/proceed`, {})).json).toMatchObject({
      state: 'Proceeding',
    });
    const offered = await admin(`/v1/admin/sec/electives/${id}/offer`, {
      type: 'bespoke read schedule',
      performance: '99.5% of reads within 1 hour',
      pricePencePerMonth: 123_456,
      text: 'SECRET TERMS',
    });
    expect(offered.json).toMatchObject({ state: 'Offered' });
    const accepted = await client('supplier').call('POST', `/v1/sec/electives/${id}/accept`, {});
    expect(accepted.json).toMatchObject({ state: 'Accepted', takeOrPay: true });
    const deadlines = await client('supplier').call<{ deadlines: { name: string; outcome: unknown }[] }>(
      'GET',
      `/v1/sec/electives/${id}/deadlines`,
    );
    expect(deadlines.json.deadlines.map((d) => [d.name, d.outcome])).toEqual([
      ['initial evaluation', { met: true }],
      ['firm offer', { met: true }],
      ['acceptance', { met: true }],
    ]);
    // A party to it reads the terms.
    expect((await client('networkOperator').call('GET', `/v1/sec/electives/${id}`)).json).toMatchObject({
      offer: { terms: { text: 'SECRET TERMS' } },
    });
  });

  it('a third party is refused at every User Gateway endpoint that names an elective', async () => {
    const routes = partyRoutes(world.sec).filter((r) => r.path.startsWith('/v1/sec/electives/:id'));
    expect(routes.length).toBeGreaterThanOrEqual(5);
    for (const route of routes) {
      const reply = await client('supplier2').call(
        route.method,
        route.path.replace(':id', String(id)),
        route.method === 'POST' ? {} : undefined,
      );
      expect(reply.status, `${route.method} ${route.path}`).toBe(404);
      expect(JSON.stringify(reply.json)).not.toContain('SECRET');
    }
    const list = await client('supplier2').call<{ electives: unknown[] }>('GET', '/v1/sec/electives');
    expect(list.json.electives).toEqual([]);
    const notices = await client('supplier2').call('GET', '/v1/sec/notices');
    expect(JSON.stringify(notices.json)).not.toMatch(/elective/);
    // Its refusal did not change the service.
    expect((await client('supplier').call('GET', `/v1/sec/electives/${id}`)).json).toMatchObject({
      state: 'Accepted',
      disclosureConsents: [],
    });
  });

  it('a third party is refused at every admin endpoint that names an elective, without the admin token', async () => {
    const routes = adminRoutes(world.sec).filter((r) => r.path.includes('/electives'));
    expect(routes.length).toBeGreaterThanOrEqual(5);
    for (const route of routes) {
      const reply = await client('supplier2').call(
        route.method,
        route.path.replace(':id', String(id)),
        route.method === 'POST' ? {} : undefined,
      );
      expect(reply.status, `${route.method} ${route.path}`).toBe(401);
      expect(JSON.stringify(reply.json)).not.toContain('SECRET');
    }
  });

  it('the Authority reads the terms', async () => {
    const response = await fetch(`${world.gatewayUrl}/v1/admin/sec/authority/electives/${id}`, {
      headers: { authorization: `Bearer ${world.adminToken}` },
    });
    expect(await response.json()).toMatchObject({
      offer: { terms: { text: 'SECRET TERMS', pricePencePerMonth: 123_456 } },
    });
  });

  it('OpenAPI lists every SEC endpoint, party and admin, from the same route tables', async () => {
    const doc = (await (await fetch(`${world.gatewayUrl}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    for (const route of [...partyRoutes(world.sec), ...adminRoutes(world.sec)]) {
      const path = route.path.replace(/:(\w+)/g, '{$1}');
      expect(doc.paths[path]?.[route.method.toLowerCase()], `${route.method} ${path}`).toBeDefined();
    }
  });

  it('a service needing a change to the core services is answered with that fact', async () => {
    const requested = await client('supplier').call<{ id: number }>('POST', '/v1/sec/electives', {
      description: 'a new core SR',
    });
    const evaluated = await admin(`/v1/admin/sec/electives/${requested.json.id}/evaluate`, {
      indicativeCostPence: 0,
      note: 'needs a SEC modification',
      needsCoreChange: true,
    });
    expect(evaluated.json).toMatchObject({ state: 'NeedsCoreChange' });
    const notices = await client('supplier').call<{ notices: { kind: string }[] }>(
      'GET',
      '/v1/sec/notices?kind=elective-needs-core-change',
    );
    expect(notices.json.notices).toHaveLength(1);
  });
});
