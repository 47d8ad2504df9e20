import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectMqtt } from '../../smwan/mqtt-connect.js';
import type { World } from '../../world/dcc-world.js';
import type { GatewayClient } from '../../world/gateway-client.js';
import { loadOrCreateSmwanCa, type SmwanTlsFiles } from '../../world/smwan-tls-files.js';
import { testWorld } from '../support/world.js';

/** Issue 17, TLS on the SMWAN: a whole world whose hubs and head-end reach the broker over TLS. */
describe('a world on MQTT over TLS, a certificate per hub', () => {
  let world: World;
  let supplier: GatewayClient;
  let files: SmwanTlsFiles;
  beforeAll(async () => {
    files = await loadOrCreateSmwanCa(join(mkdtempSync(join(tmpdir(), 'smetsim-tls-')), 'tls'));
    const t = await testWorld({ tls: files.ca, premises: 2 });
    world = t.world;
    supplier = t.client('supplier');
  });
  afterAll(async () => world.stop());

  it('runs a top-up end to end over mqtts', async () => {
    expect(world.brokerUrl).toMatch(/^mqtts:/);
    const esme = world.premises[1]!.esme;
    const before = esme.prepayment.balance;
    const requestId = supplier.nextRequestId(esme.eui);
    const reply = await supplier.submit({
      requestId,
      role: 'IS',
      serviceReferenceVariant: '2.2',
      commandVariant: 1,
      body: { value: 3, valueClass: 'pounds' },
    });
    expect(reply.json).toMatchObject({ code: 'I99' });
    expect(await supplier.waitFor((i) => i.requestId === requestId)).toMatchObject({ code: 'I0' });
    expect(esme.prepayment.balance - before).toBeCloseTo(300, 0);
  });

  it("refuses a hub that offers only its password, and takes the folder's observer certificate", async () => {
    const hub = world.premises[0]!.hub.eui;
    await expect(
      connectMqtt(
        world.brokerUrl,
        { clientId: hub, username: hub, password: 'x', ca: readFileSync(files.caFile), reconnectPeriod: 0 },
        undefined,
        3_000,
      ),
    ).rejects.toMatchObject({ code: 'CONNECT_FAILED' });
    const observer = await connectMqtt(world.brokerUrl, {
      clientId: 'tls-observer',
      ca: readFileSync(files.caFile),
      cert: readFileSync(files.observerCert),
      key: readFileSync(files.observerKey),
      reconnectPeriod: 0,
      clean: true,
    });
    expect(observer.connected).toBe(true);
    observer.end(true);
  });

  it('keeps the CA across a restart of the folder', async () => {
    const again = await loadOrCreateSmwanCa(files.dir);
    expect(again.ca.caPem).toBe(files.ca.caPem);
  });
});
