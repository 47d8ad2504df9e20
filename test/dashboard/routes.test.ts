import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateUtrn, nodeCrypto } from '../../protocol/index.js';
import type { ActionAnswer, InboxItemView, LogEntry, PremisesView } from '../../dashboard/api-types.js';
import { submitPartyRequest } from '../../world/party-request.js';
import type { World } from '../../world/dcc-world.js';
import { testWorld } from '../support/world.js';
import { waitFor } from '../support/wait.js';

/**
 * The dashboard's server side through fastify inject, against a whole world (real broker, real
 * devices): the page and its modules, the fleet and premises JSON, consumer actions, the party
 * inboxes, the message log and its filters, and the event stream.
 */
describe('dashboard routes (/ui)', () => {
  let world: World;
  let client: Awaited<ReturnType<typeof testWorld>>['client'];
  const get = async <T>(url: string) => {
    const reply = await world.gateway.inject({ method: 'GET', url });
    return { status: reply.statusCode, json: reply.json<T>(), headers: reply.headers, body: reply.body };
  };
  const act = async (body: unknown) => {
    const reply = await world.gateway.inject({
      method: 'POST',
      url: '/ui/api/premises/1/actions',
      payload: body as object,
    });
    return { status: reply.statusCode, json: reply.json<ActionAnswer>() };
  };
  const esmeOf = (view: PremisesView) => view.devices.find((d) => d.type === 'ESME')!;
  const utrn = (n: number, pounds: number) => {
    const home = world.premises[0]!;
    const supplier = world.parties.supplier;
    return generateUtrn(nodeCrypto, supplier.prepaymentKa, home.keys.get(home.esme.eui)!.ka.publicKey, {
      originator: supplier.eui,
      target: home.esme.eui,
      counter: BigInt(n) << 32n,
      value: pounds,
      valueClass: 'pounds',
    });
  };

  beforeAll(async () => {
    const started = await testWorld({
      dashboard: true,
      premises: 2,
      withPpmid: true,
      paymentMode: 'Prepayment',
      initialBalancePence: 300,
    });
    world = started.world;
    client = started.client;
  });
  afterAll(async () => world.stop());

  it('serves the page, its modules and the vendor modules, and nothing else from disk', async () => {
    const page = await world.gateway.inject({ method: 'GET', url: '/ui/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('"preact": "./vendor/preact.mjs"');
    expect((await world.gateway.inject({ method: 'GET', url: '/ui' })).headers.location).toBe('/ui/');
    for (const url of [
      '/ui/app.js',
      '/ui/style.css',
      '/ui/vendor/preact.mjs',
      '/ui/vendor/hooks.mjs',
      '/ui/vendor/htm.mjs',
    ]) {
      const reply = await world.gateway.inject({ method: 'GET', url });
      expect(reply.statusCode, url).toBe(200);
      expect(reply.body.length, url).toBeGreaterThan(100);
    }
    for (const url of [
      '/ui/tsconfig.json',
      '/ui/..%2Fapi-types.ts',
      '/ui/vendor/..%2F..%2Fpackage.json',
      '/ui/nope.js',
    ])
      expect((await world.gateway.inject({ method: 'GET', url })).statusCode, url).toBe(404);
  });

  it('lists the fleet with hub state and device states, and searches by MPxN or EUI', async () => {
    const fleet = await get<{ total: number; matched: number; premises: PremisesView[] }>('/ui/api/fleet');
    expect(fleet.json.total).toBe(2);
    const first = fleet.json.premises[0]!;
    expect(first.hub).toEqual({ eui: world.premises[0]!.hub.eui, online: true });
    expect(esmeOf(first)).toMatchObject({
      supply: 'Enabled',
      paymentMode: 'Prepayment',
      balancePence: 300,
      firmwareVersion: '1.0.0',
    });
    const byEui = await get<{ premises: PremisesView[] }>(
      `/ui/api/fleet?q=${world.premises[1]!.gsme.eui.replace(/-/g, '')}`,
    );
    expect(byEui.json.premises.map((p) => p.index)).toEqual([2]);
    const byMpan = await get<{ premises: PremisesView[] }>(`/ui/api/fleet?q=${world.premises[0]!.mpan}`);
    expect(byMpan.json.premises.map((p) => p.index)).toEqual([1]);
    expect((await get<{ matched: number }>('/ui/api/fleet?q=zzz')).json.matched).toBe(0);
  });

  it('shows a premises with registers and both screens, and 404s one that is not there', async () => {
    const view = (await get<PremisesView>('/ui/api/premises/1')).json;
    expect(esmeOf(view).registers).toHaveProperty('importKwh');
    expect(view.devices.find((d) => d.type === 'GSME')!.registers).toHaveProperty('volumeM3');
    await waitFor(() => world.premises[0]!.ppmid!.screen().join('\n').includes('balance £3.00'), 'the PPMID screen');
    const screens = (await get<PremisesView>('/ui/api/premises/1')).json.devices.filter((d) => d.screen);
    expect(screens.map((d) => d.type)).toEqual(['IHD', 'PPMID']);
    expect(screens[1]!.screen!.join('\n')).toContain('balance £3.00');
    expect((await get('/ui/api/premises/9')).status).toBe(404);
  });

  it('a UTRN typed from the dashboard credits the meter and reaches the supplier inbox and the log', async () => {
    const answer = await act({ action: 'enterUtrn', utrn: utrn(1, 7) });
    expect(answer.json).toEqual({ ok: true, detail: 'typed on the PPMID for the electricity meter' });
    await waitFor(() => world.premises[0]!.esme.prepayment.balance >= 950, 'the credit');
    const supplierEui = world.parties.supplier.eui;
    await waitFor(
      () => world.headEnd.readInbox(supplierEui, 0, 1_000).some((i) => i.alertCode === '0x810E'),
      'the 0x810E alert at the supplier',
    );
    const items = (await get<{ items: InboxItemView[] }>('/ui/api/parties/supplier/inbox')).json.items;
    expect(items.find((i) => i.alertCode === '0x810E')?.body).toMatchObject({ amountPence: 700 });
    const log = (await get<LogEntry[]>('/ui/api/log?premises=1')).json;
    expect(
      log.some((e) => e.kind === 'alert' && e.alertCode === '0x810E' && e.decoded?.format === 'smetsim-cbor-frame/1'),
    ).toBe(true);
    expect(
      log.some((e) => e.kind === 'delivery' && e.alertCode === '0x810E' && e.party === world.parties.supplier.eui),
    ).toBe(true);
    expect(log.some((e) => e.kind === 'event' && e.summary.startsWith('consumer enterUtrn'))).toBe(true);
    // The same name or EUI finds the inbox; an unknown party is a 404.
    expect((await get(`/ui/api/parties/${world.parties.supplier.eui}/inbox`)).status).toBe(200);
    expect((await get('/ui/api/parties/nobody/inbox')).status).toBe(404);
  });

  it('logs request → command → response → delivery under one request id, filterable by party and SR', async () => {
    const supplier = client('supplier');
    const target = world.premises[1]!.esme.eui;
    const requestId = supplier.nextRequestId(target);
    const answer = await submitPartyRequest(supplier, world.parties.supplier.ds, {
      requestId,
      role: 'IS',
      sr: '4.1.1',
      target,
    });
    expect(answer.json.code).toBe('I99');
    await supplier.waitFor((item) => item.requestId === requestId);
    const trail = (await get<LogEntry[]>(`/ui/api/log?party=supplier&sr=4.1`)).json.filter(
      (e) => e.requestId === requestId,
    );
    // The request is logged when the gateway has accepted it for the pipeline, its synchronous answer
    // when it is sent; the command may cross the SMWAN before the answer leaves.
    expect(trail.map((e) => e.kind).sort()).toEqual(['answer', 'command', 'delivery', 'request', 'response']);
    expect(trail[0]!.kind).toBe('request');
    expect(trail.at(-1)!.kind).toBe('delivery');
    expect(trail.every((e) => e.premises === 2)).toBe(true);
    expect(trail.find((e) => e.kind === 'answer')!.code).toBe('I99');
    expect(trail.find((e) => e.kind === 'response')!.code).toBe('OK');
    expect((await get<LogEntry[]>('/ui/api/log?party=networkOperator&sr=4.1')).json).toEqual([]);
    expect((await get('/ui/api/log?sr=x')).status).toBe(400);
  });

  it('cuts and restores the power, and refuses a malformed action', async () => {
    expect((await act({ action: 'powerCut' })).json.ok).toBe(true);
    const cut = (await get<PremisesView>('/ui/api/premises/1')).json;
    expect(cut.hub.online).toBe(false);
    expect(esmeOf(cut).powered).toBe(false);
    expect((await act({ action: 'powerRestore' })).json.ok).toBe(true);
    await waitFor(() => world.premises[0]!.hub.isOnline, 'the hub back online');
    expect(esmeOf((await get<PremisesView>('/ui/api/premises/1')).json).powered).toBe(true);
    expect((await act({ action: 'explode' })).status).toBe(400);
    expect((await act({ action: 'enterUtrn', utrn: 'abc' })).status).toBe(400);
  });

  it('streams the log backlog, then premises changes and inbox appends, as server-sent events', async () => {
    const reply = await world.gateway.inject({
      method: 'GET',
      url: '/ui/api/events?premises=1&kind=event',
      payloadAsStream: true,
    });
    expect(reply.headers['content-type']).toContain('text/event-stream');
    const stream = reply.stream();
    let text = '';
    stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    const events = () =>
      text
        .split('\n\n')
        .map((block) => /^event: (\w+)\n(?:id: \d+\n)?data: (.*)$/m.exec(block))
        .filter((m) => m !== null)
        .map((m) => ({ event: m[1]!, data: JSON.parse(m[2]!) as Record<string, unknown> }));
    await waitFor(() => events().some((e) => e.event === 'log'), 'the backlog');
    // The backlog is filtered: events of premises 1 only.
    const backlog = events().filter((e) => e.event === 'log');
    expect(backlog.map((e) => [e.data.kind, e.data.premises])).toEqual(backlog.map(() => ['event', 1]));
    await act({ action: 'enterUtrn', utrn: utrn(2, 5) });
    const topUp = () =>
      events().find((e) => e.event === 'inbox' && (e.data.item as InboxItemView).alertCode === '0x810E')?.data as
        { party: string; item: InboxItemView } | undefined;
    await waitFor(() => topUp() !== undefined, 'the 0x810E inbox event');
    const balance = (data: Record<string, unknown>) =>
      (data as unknown as PremisesView).devices?.find((d) => d.type === 'ESME')?.balancePence ?? 0;
    await waitFor(
      () => events().some((e) => e.event === 'premises' && e.data.index === 1 && balance(e.data) > 1_400),
      'the premises with its new balance',
    );
    expect(topUp()!.party).toBe(world.parties.supplier.eui);
    expect(topUp()!.item.body).toMatchObject({ amountPence: 500 });
    stream.destroy();
  });
});
