import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewaySigningString, nodeCrypto } from '../../protocol/index.js';
import type { World } from '../../scenarios/dcc-world.js';
import type { GatewayClient } from '../../scenarios/gateway-client.js';
import { testWorld } from '../support/world.js';

/** The gateway defects issue 17's probe found, each over real HTTP against a whole world. */
describe('User Gateway hardening (issue 17)', () => {
  let world: World;
  let supplier: GatewayClient;
  const party = () => world.parties.supplier;

  beforeAll(async () => {
    const t = await testWorld();
    world = t.world;
    supplier = t.client('supplier');
  });
  afterAll(async () => world.stop());

  /** Sign `body` with the supplier's key under an exact X-Smetsim-Date text, and send it. */
  async function send(
    body: string,
    options: { date?: string; headers?: Record<string, string>; path?: string; method?: 'GET' | 'POST' } = {},
  ): Promise<{ status: number; contentType: string; text: string; json: Record<string, unknown> | undefined }> {
    const path = options.path ?? '/v1/requests';
    const method = options.method ?? 'POST';
    const date = options.date ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const signature = nodeCrypto.sign(
      party().ds,
      Buffer.from(gatewaySigningString(nodeCrypto, method, path, date, body), 'utf8'),
    );
    const response = await fetch(`${world.gatewayUrl}${path}`, {
      method,
      headers: {
        'X-Smetsim-Party': party().eui,
        'X-Smetsim-Date': date,
        'X-Smetsim-Signature': Buffer.from(signature).toString('base64'),
        'content-type': 'application/json',
        ...options.headers,
      },
      ...(method === 'POST' ? { body } : {}),
    });
    const text = await response.text();
    let json: Record<string, unknown> | undefined;
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      json = undefined;
    }
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', text, json };
  }

  const valid = () =>
    JSON.stringify({
      requestId: supplier.nextRequestId(world.premises[0]!.esme.eui),
      role: 'IS',
      serviceReferenceVariant: '4.1.1',
      commandVariant: 1,
    });

  describe('defect 4: X-Smetsim-Date is parsed strictly (RFC 3339 UTC), impossible dates refused', () => {
    // Each of these used to parse to NaN (or roll over to another day), and |NaN - now| > 300000 is
    // false, so a correctly signed call with such a date was accepted and never went stale.
    it.each([
      '2026-13-01T12:00:00Z',
      '2026-12-32T12:00:00Z',
      '2026-11-28T25:00:00Z',
      '0000-00-00T00:00:00Z',
      '1999-99-99T00:00:00Z',
      '2026-02-29T12:00:00Z',
      '2026-04-31T12:00:00Z',
      '2026-11-28T24:00:00Z',
      '2026-11-28T12:60:00Z',
      '2026-11-28T12:00:61Z',
    ])('%s: 401 BAD_HEADER on X-Smetsim-Date', async (date) => {
      const reply = await send(valid(), { date });
      expect(reply).toMatchObject({ status: 401, json: { code: 'BAD_HEADER', field: 'X-Smetsim-Date' } });
    });

    it('a real date within the window is still accepted', async () => {
      expect((await send(valid())).json).toMatchObject({ code: 'I99' });
    });
  });
});
