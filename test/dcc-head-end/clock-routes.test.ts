import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeCrypto, VirtualClock } from '../../protocol/index.js';
import { startWorld, type World } from '../../world/dcc-world.js';
import { testWorld } from '../support/world.js';

const START = Date.UTC(2026, 0, 5, 9, 0);

/** Issue 19 part 3: /v1/admin/clock and /v1/admin/clock/advance, through fastify inject. */
describe('the admin clock routes', () => {
  let virtual: World;
  let real: World;

  beforeAll(async () => {
    virtual = await startWorld({
      premises: 1,
      clock: new VirtualClock(START),
      crypto: nodeCrypto,
      seed: 'clock-routes',
      smwanSecret: 'clock-routes-smwan-secret',
      controlClock: true,
    });
    ({ world: real } = await testWorld({ seed: 'clock-routes-real', controlClock: true }));
  });
  afterAll(async () => {
    await virtual.stop();
    await real.stop();
  });

  const call = (world: World, method: 'GET' | 'POST', url: string, payload?: unknown, token = world.adminToken) =>
    world.gateway.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });

  it('advances a virtual clock by a compound duration, and the meters accrue', async () => {
    const esme = virtual.premises[0]!.esme;
    esme.accrue();
    const before = esme.registerUnits;
    const reply = await call(virtual, 'POST', '/v1/admin/clock/advance', { by: '1h30m' });
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toEqual({
      mode: 'virtual',
      speed: 0,
      now: new Date(START + 5_400_000).toISOString(),
      advancedMs: 5_400_000,
    });
    esme.accrue();
    expect(esme.registerUnits).toBeGreaterThan(before);
    expect((await call(virtual, 'GET', '/v1/admin/clock')).json()).toMatchObject({
      now: new Date(START + 5_400_000).toISOString(),
    });
  });

  it.each([
    [{ by: '30' }, 'BAD_DURATION', /a number needs a unit/],
    [{ by: '1.5h' }, 'BAD_DURATION', /not a duration/],
    [{}, 'BAD_REQUEST', /by is required/],
    [{ by: '400d' }, 'BAD_REQUEST', /at most 366d/],
  ])('refuses %j with 400 %s, naming by', async (body, code, message) => {
    const reply = await call(virtual, 'POST', '/v1/admin/clock/advance', body);
    expect(reply.statusCode).toBe(400);
    expect(reply.json()).toMatchObject({ code, field: 'by', message: expect.stringMatching(message) });
  });

  it('refuses to advance a real clock (409) and needs the admin token (401)', async () => {
    const refused = await call(real, 'POST', '/v1/admin/clock/advance', { by: '30m' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({
      code: 'CLOCK_NOT_VIRTUAL',
      message: expect.stringMatching(/--clock virtual/),
    });
    expect((await call(real, 'GET', '/v1/admin/clock')).json()).toMatchObject({ mode: 'real', speed: 1 });
    expect((await call(virtual, 'GET', '/v1/admin/clock', undefined, 'wrong')).statusCode).toBe(401);
  });
});
