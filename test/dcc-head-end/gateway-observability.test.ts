import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeCrypto, RealClock } from '../../protocol/index.js';
import { inProcessTransport, type World } from '../../world/dcc-world.js';
import { GatewayClient } from '../../world/gateway-client.js';
import { createHarnessLogger, prettyLine } from '../../world/harness-log.js';
import { testWorld } from '../support/world.js';

/** Issue 19 part 2: serve's log lines, /healthz, /readyz and /metrics, through fastify inject. */
describe('User Gateway observability', () => {
  let world: World;
  const lines: Record<string, unknown>[] = [];
  let supplier: GatewayClient;

  beforeAll(async () => {
    const sink = new PassThrough();
    let partial = '';
    sink.on('data', (chunk: Buffer) => {
      const parts = (partial + chunk.toString()).split('\n');
      partial = parts.pop() ?? '';
      for (const part of parts) lines.push(JSON.parse(part) as Record<string, unknown>);
    });
    ({ world } = await testWorld({
      seed: 'observability',
      logger: createHarnessLogger({ level: 'info', pretty: false, destination: sink }),
    }));
    const party = world.parties.supplier;
    supplier = new GatewayClient(
      world.gatewayUrl,
      party.eui,
      party.ds,
      nodeCrypto,
      new RealClock(),
      inProcessTransport(world),
    );
  });
  afterAll(async () => world.stop());

  const get = (url: string) => world.gateway.inject({ method: 'GET', url });
  const metric = async (pattern: RegExp) => {
    const text = (await get('/metrics')).body;
    const found = pattern.exec(text);
    return found ? Number(found[1]) : undefined;
  };

  it('logs one JSON line per call with the party, SR, code and duration, and the DCC events', async () => {
    const requestId = supplier.nextRequestId(world.premises[0]!.esme.eui);
    await supplier.submit({ requestId, role: 'IS', serviceReferenceVariant: '4.1.1', commandVariant: 1 });
    await supplier.waitFor((item) => item.requestId === requestId);
    const calls = lines.filter((l) => l.route === '/v1/requests');
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      level: 30,
      method: 'POST',
      party: world.parties.supplier.eui,
      sr: '4.1.1',
      code: 'I99',
      status: 200,
      msg: 'POST /v1/requests I99 4.1.1',
    });
    expect(typeof calls[0]!.ms).toBe('number');
    // A DCC event: the head-end logs a device alert as it routes it.
    world.premises[0]!.esme.tamper();
    for (let i = 0; i < 300 && !lines.some((l) => l.event === 'device-alert'); i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(lines.find((l) => l.event === 'device-alert')).toMatchObject({
      msg: 'dcc device-alert',
      detail: { device: world.premises[0]!.esme.eui },
    });
  });

  it('logs a refusal with its code, and an unauthenticated call without a party', async () => {
    const requestId = supplier.nextRequestId(world.premises[0]!.esme.eui);
    await supplier.submit({ requestId, role: 'GS', serviceReferenceVariant: '4.1.1', commandVariant: 1 });
    expect(lines.at(-1)).toMatchObject({ route: '/v1/requests', code: 'E4', status: 403, sr: '4.1.1' });
    await world.gateway.inject({ method: 'POST', url: '/v1/requests', payload: {} });
    expect(lines.at(-1)).toMatchObject({ route: '/v1/requests', status: 401 });
    expect(lines.at(-1)!.party).toBeUndefined();
  });

  it('answers /healthz and /readyz', async () => {
    expect((await get('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await get('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', checks: { broker: true, database: true } });
  });

  it('counts requests by SR and code, with latencies, hubs online and inbox depth', async () => {
    const party = world.parties.supplier.eui;
    expect(await metric(/smetsim_gateway_requests_total\{route="\/v1\/requests",sr="4\.1\.1",code="I99"\} (\d+)/)).toBe(
      1,
    );
    expect(await metric(/smetsim_gateway_requests_total\{route="\/v1\/requests",sr="4\.1\.1",code="E4"\} (\d+)/)).toBe(
      1,
    );
    expect(
      await metric(/smetsim_gateway_request_duration_seconds_count\{route="\/v1\/requests",sr="4\.1\.1"\} (\d+)/),
    ).toBe(2);
    expect(await metric(/^smetsim_hubs_online (\d+)$/m)).toBe(1);
    expect(await metric(/^smetsim_webhook_backlog (\d+)$/m)).toBe(0);
    // Once the supplier has read everything (the tamper alert too), a fresh read leaves one unread answer.
    await supplier.drain();
    expect(await metric(new RegExp(`smetsim_inbox_depth\\{party="${party}"\\} (\\d+)`))).toBe(0);
    const requestId = supplier.nextRequestId(world.premises[0]!.esme.eui);
    await supplier.submit({ requestId, role: 'IS', serviceReferenceVariant: '4.1.1', commandVariant: 1 });
    for (
      let i = 0;
      i < 200 && (await metric(new RegExp(`smetsim_inbox_depth\\{party="${party}"\\} (\\d+)`))) === 0;
      i++
    )
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await metric(new RegExp(`smetsim_inbox_depth\\{party="${party}"\\} (\\d+)`))).toBe(1);
    await supplier.waitFor((item) => item.requestId === requestId);
    expect(await metric(new RegExp(`smetsim_inbox_depth\\{party="${party}"\\} (\\d+)`))).toBe(0);
  });

  it('reports not ready, naming the broker link, once the head-end has left the SMWAN', async () => {
    await world.headEnd.stop();
    const ready = await get('/readyz');
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toEqual({ status: 'not ready', checks: { broker: false, database: true } });
    expect((await get('/healthz')).statusCode).toBe(200);
  });
});

describe('prettyLine (serve on a terminal)', () => {
  it('turns a pino line into time, level, message and fields', () => {
    const line = JSON.stringify({
      level: 30,
      time: Date.UTC(2026, 0, 5, 9, 0, 1, 234),
      pid: 1,
      service: 'smetsim-serve',
      msg: 'POST /v1/requests I99 4.1.1',
      party: '90-B3-D5-1F-30-01-00-00',
      ms: 3.5,
    });
    expect(prettyLine(line)).toBe(
      '09:00:01.234 INFO  POST /v1/requests I99 4.1.1 party=90-B3-D5-1F-30-01-00-00 ms=3.5',
    );
  });

  it('leaves a line that is not JSON as it is', () => {
    expect(prettyLine('smetsim serve: 1 premises')).toBe('smetsim serve: 1 premises');
  });
});
