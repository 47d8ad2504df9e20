import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { World } from '../../world/dcc-world.js';
import type { GatewayClient } from '../../world/gateway-client.js';
import type { DefaultPartyName } from '../../world/default-parties.js';
import { testWorld } from '../support/world.js';

/**
 * Issue 15, the audit's findings (SEC ch. 19-20), over the real broker and HTTP: an active
 * registered supplier's instant withdrawal is refused; after expulsion it gets no tamper alert
 * 0x8F3F, cannot read its inbox, its schedules are cancelled (not failed at each run), its
 * consents lapse and pushes stop, and every other party is told.
 */
describe('SEC ch. 19-20: leaving the SEC has consequences', () => {
  let world: World;
  let client: (name: DefaultPartyName) => GatewayClient;
  let admin: (path: string, body: unknown) => Promise<{ status: number; json: unknown }>;
  let hook: Server;
  const pushes: string[] = [];
  beforeAll(async () => {
    ({ world, client, admin } = await testWorld());
    hook = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        pushes.push(body);
        response.end('ok');
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await world.stop();
    hook.close();
  });
  const esme = () => world.premises[0]!.esme;
  const supplier = () => world.parties.supplier.eui;

  it('an active supplier registered for an enrolled system cannot withdraw at once, by either door', async () => {
    const instant = await admin(`/v1/admin/parties/${supplier()}/status`, { event: 'withdraw' });
    expect(instant).toMatchObject({ status: 409, json: { code: 'STILL_REGISTERED' } });
    const notice = await client('supplier').call('POST', '/v1/sec/withdrawal-notice', {});
    expect(notice.status).toBe(409);
    expect(JSON.stringify(notice.json)).toContain('registered for enrolled smart metering systems');
    expect(world.headEnd.admin.party(supplier())?.status).toBe('Active');
  });

  it('after expulsion the party loses everything it was authorised for, one effect at a time', async () => {
    const url = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
    expect((await admin(`/v1/admin/parties/${supplier()}/webhook`, { url })).status).toBe(200);
    const c = client('supplier');
    const created = await c.submit({
      requestId: c.nextRequestId(esme().eui),
      role: 'IS',
      serviceReferenceVariant: '5.1',
      commandVariant: 8,
      body: { serviceReferenceVariant: '4.17', intervalMs: 300 },
    });
    const scheduleId = (created.json.body as { scheduleId: number }).scheduleId;
    expect(world.headEnd.admin.schedulesOf(supplier()).map((s) => s.id)).toEqual([scheduleId]);

    // No ground, no expulsion: the Panel needs an event of default first.
    const early = await admin(`/v1/admin/sec/parties/${supplier()}/expel`, { reason: 'none yet' });
    expect(early.status).toBe(409);
    await admin(`/v1/admin/sec/parties/${supplier()}/defaults`, {
      kind: 'insolvency',
      description: 'administrators appointed',
    });
    const expelled = await admin(`/v1/admin/sec/parties/${supplier()}/expel`, { reason: 'insolvent (SEC ch. 19)' });
    expect(expelled).toMatchObject({ status: 200, json: { how: 'expel', schedulesCancelled: [scheduleId] } });
    const pushesAtExpulsion = pushes.length;
    const takenAtExpulsion = world.headEnd.admin.requestCounts(supplier()).taken;

    // 1. Requests get E3.
    const refused = await c.submit({
      requestId: c.nextRequestId(esme().eui),
      role: 'IS',
      serviceReferenceVariant: '4.1.1',
      commandVariant: 1,
    });
    expect(refused.json).toMatchObject({ code: 'E3' });
    // 2. Its schedule is cancelled, once: it is gone and does not run (every 300 ms) any more.
    expect(world.headEnd.admin.schedulesOf(supplier())).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(world.headEnd.admin.requestCounts(supplier()).taken).toBe(takenAtExpulsion);
    // 3. The tamper alert 0x8F3F goes to the meter operator, and not to the expelled supplier.
    esme().tamper('after expulsion');
    const operator = await client('meterOperator').waitFor((i) => i.alertCode === '0x8F3F');
    expect(operator.body.kind).toBe('after expulsion');
    expect(
      world.headEnd.internals.inbox
        .read(supplier(), 0, 10_000)
        .some((i) => i.alertCode === '0x8F3F' && (i.body as { kind?: string }).kind === 'after expulsion'),
    ).toBe(false);
    // 4. Push delivery stopped: the webhook is removed and nothing more was posted.
    expect(world.headEnd.admin.party(supplier())?.webhookUrl).toBeUndefined();
    expect(pushes.length).toBe(pushesAtExpulsion);
    // 5. Its inbox is closed.
    const inbox = await c.call('GET', `/v1/parties/${supplier()}/inbox?after=0&waitMs=0&limit=10`);
    expect(inbox).toMatchObject({ status: 403, json: { code: 'INBOX_CLOSED' } });
    // 6. Every other party is told, with the reason.
    for (const name of ['supplier2', 'networkOperator', 'otherUser', 'meterOperator', 'exportSupplier'] as const) {
      const notices = await client(name).call<{ notices: { kind: string; subject: string; reason: string }[] }>(
        'GET',
        '/v1/sec/notices?kind=expulsion',
      );
      expect(notices.json.notices, name).toEqual([
        expect.objectContaining({ kind: 'expulsion', subject: supplier(), reason: 'insolvent (SEC ch. 19)' }),
      ]);
    }
    // 7. Its data stays invisible to the others.
    const peek = await client('supplier2').call('GET', `/v1/parties/${supplier()}/inbox?after=0&waitMs=0&limit=10`);
    expect(peek.status).toBe(403);
  });

  it('the consents an expelled other user holds lapse', async () => {
    const otherUser = world.parties.otherUser.eui;
    const mpan = world.headEnd.admin.device(esme().eui)!.mpxn!;
    const now = world.headEnd.clock.now();
    world.headEnd.admin.grantConsent({
      party: otherUser,
      mpxn: mpan,
      scope: '*',
      expiresAt: now + 86_400_000,
      grantedAt: now,
    });
    expect(world.headEnd.internals.consents.covers(otherUser, mpan, '4.1.1', now + 1)).toBe(true);
    await admin(`/v1/admin/sec/parties/${otherUser}/defaults`, { kind: 'insolvency', description: 'wound up' });
    expect((await admin(`/v1/admin/sec/parties/${otherUser}/expel`, { reason: 'wound up' })).status).toBe(200);
    expect(world.headEnd.internals.consents.covers(otherUser, mpan, '4.1.1', world.headEnd.clock.now() + 1)).toBe(
      false,
    );
  });
});
