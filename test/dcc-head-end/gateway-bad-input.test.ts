import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeCrypto, signGatewayRequest } from '../../protocol/index.js';
import type { World } from '../../world/dcc-world.js';
import type { GatewayClient } from '../../world/gateway-client.js';
import { testWorld } from '../support/world.js';

/** Every kind of bad input gets a JSON error naming the field and the rule: never a stack trace, never a crash. */
describe('User Gateway: bad input', () => {
  let world: World;
  let supplier: GatewayClient;
  const party = () => world.parties.supplier;

  beforeAll(async () => {
    const t = await testWorld();
    world = t.world;
    supplier = t.client('supplier');
  });
  afterAll(async () => world.stop());

  /** Send raw: sign `signedBody` (defaults to the body) so each test can break one thing. */
  async function raw(
    body: string,
    options: {
      headers?: Record<string, string>;
      signedBody?: string;
      date?: Date;
      path?: string;
      method?: 'GET' | 'POST';
      omit?: string[];
    } = {},
  ) {
    const path = options.path ?? '/v1/requests';
    const method = options.method ?? 'POST';
    const signed = signGatewayRequest(
      nodeCrypto,
      party().eui,
      party().ds,
      method,
      path,
      options.signedBody ?? body,
      options.date ?? new Date(),
    );
    const headers: Record<string, string> = { ...signed, 'content-type': 'application/json', ...options.headers };
    for (const name of options.omit ?? []) delete headers[name];
    const response = await fetch(`${world.gatewayUrl}${path}`, {
      method,
      headers,
      ...(method === 'POST' ? { body } : {}),
    });
    const text = await response.text();
    expect(text).not.toMatch(/\n\s+at /); // no stack traces, whatever went wrong
    return { status: response.status, json: JSON.parse(text) as Record<string, unknown> };
  }

  const valid = () =>
    JSON.stringify({
      requestId: supplier.nextRequestId(world.premises[0]!.esme.eui),
      role: 'IS',
      serviceReferenceVariant: '4.1.1',
      commandVariant: 1,
    });

  it('malformed JSON', async () => {
    expect(await raw('{"requestId": ')).toMatchObject({ status: 400, json: { code: 'MALFORMED_JSON', field: 'body' } });
  });

  it.each(['X-Smetsim-Party', 'X-Smetsim-Date', 'X-Smetsim-Signature'])('a missing %s header', async (name) => {
    expect(await raw(valid(), { omit: [name] })).toMatchObject({
      status: 401,
      json: { code: 'MISSING_HEADER', field: name },
    });
  });

  it('a stale date, more than 300 s from the DCC clock', async () => {
    const reply = await raw(valid(), { date: new Date(Date.now() - 301_000) });
    expect(reply).toMatchObject({ status: 401, json: { code: 'STALE_DATE', field: 'X-Smetsim-Date' } });
  });

  it('a bad signature: over other bytes, or by another key', async () => {
    expect(await raw(valid(), { signedBody: '{}' })).toMatchObject({
      status: 401,
      json: { code: 'BAD_SIGNATURE', field: 'X-Smetsim-Signature' },
    });
    const other = signGatewayRequest(
      nodeCrypto,
      party().eui,
      world.parties.supplier2.ds,
      'POST',
      '/v1/requests',
      '{}',
      new Date(),
    );
    expect(await raw('{}', { headers: { 'X-Smetsim-Signature': other['X-Smetsim-Signature'] } })).toMatchObject({
      status: 401,
      json: { code: 'BAD_SIGNATURE' },
    });
    expect(await raw('{}', { headers: { 'X-Smetsim-Signature': 'not base64!' } })).toMatchObject({
      status: 401,
      json: { code: 'BAD_SIGNATURE' },
    });
  });

  it('an unknown party', async () => {
    expect(await raw(valid(), { headers: { 'X-Smetsim-Party': '90-B3-D5-1F-30-09-09-09' } })).toMatchObject({
      status: 401,
      json: { code: 'UNKNOWN_PARTY' },
    });
  });

  it('a reused counter', async () => {
    const body = valid();
    expect((await raw(body)).json).toMatchObject({ code: 'I99' });
    expect(await raw(body)).toMatchObject({
      status: 409,
      json: { code: 'COUNTER_NOT_FRESH', field: 'requestId.counter' },
    });
  });

  it('an unknown device: E19', async () => {
    const body = JSON.stringify({
      requestId: supplier.nextRequestId('00-DB-12-00-00-99-99-03' as never),
      role: 'IS',
      serviceReferenceVariant: '4.1.1',
      commandVariant: 1,
    });
    expect(await raw(body)).toMatchObject({ status: 404, json: { code: 'E19', field: 'requestId.target' } });
  });

  it('a body over the size limit', async () => {
    const body = JSON.stringify({
      requestId: 'x',
      role: 'IS',
      serviceReferenceVariant: '4.1.1',
      commandVariant: 1,
      body: { blob: 'x'.repeat(300_000) },
    });
    expect(await raw(body)).toMatchObject({ status: 413, json: { code: 'BODY_TOO_LARGE', field: 'body' } });
  });

  it('an unknown field, a wrong type, a missing field, an unknown SR, a bad request id', async () => {
    const base = JSON.parse(valid()) as Record<string, unknown>;
    expect(await raw(JSON.stringify({ ...base, colour: 'blue' }))).toMatchObject({
      status: 400,
      json: { code: 'BAD_REQUEST', field: 'colour' },
    });
    expect(await raw(JSON.stringify({ ...base, commandVariant: '1' }))).toMatchObject({
      status: 400,
      json: { code: 'BAD_REQUEST', field: 'commandVariant' },
    });
    const { role: _role, ...noRole } = base;
    expect(await raw(JSON.stringify(noRole))).toMatchObject({
      status: 400,
      json: { code: 'BAD_REQUEST', field: 'role' },
    });
    expect(
      await raw(
        JSON.stringify({
          ...base,
          requestId: supplier.nextRequestId(world.premises[0]!.esme.eui),
          serviceReferenceVariant: '99.1',
        }),
      ),
    ).toMatchObject({ status: 400, json: { code: 'UNKNOWN_SERVICE_REQUEST' } });
    expect(await raw(JSON.stringify({ ...base, requestId: 'not-an-id' }))).toMatchObject({
      status: 400,
      json: { field: 'requestId' },
    });
  });

  it("a request in another party's name", async () => {
    const body = JSON.stringify({
      requestId: `${world.parties.supplier2.eui}:${world.premises[0]!.esme.eui}:1`,
      role: 'IS',
      serviceReferenceVariant: '4.1.1',
      commandVariant: 1,
    });
    expect(await raw(body)).toMatchObject({ status: 403, json: { code: 'ORIGINATOR_NOT_CALLER', duis: 'E1' } });
  });

  it("another party's inbox: 403", async () => {
    const path = `/v1/parties/${world.parties.supplier2.eui}/inbox?after=0&waitMs=0`;
    expect(await raw('', { method: 'GET', path })).toMatchObject({
      status: 403,
      json: { code: 'FORBIDDEN', field: 'eui' },
    });
  });

  it('an unknown route, and the OpenAPI document without authentication', async () => {
    expect(await raw('', { method: 'GET', path: '/v1/nothing' })).toMatchObject({
      status: 404,
      json: { code: 'NOT_FOUND' },
    });
    const doc = (await (await fetch(`${world.gatewayUrl}/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/requests', '/v1/parties/{eui}/inbox']));
  });

  it('still serves good requests after all of that', async () => {
    const body = valid();
    const reply = await raw(body);
    expect(reply.json).toMatchObject({ code: 'I99' });
    const requestId = (JSON.parse(body) as { requestId: string }).requestId;
    expect(await supplier.waitFor((i) => i.requestId === requestId)).toMatchObject({ code: 'I0' });
  });
});
