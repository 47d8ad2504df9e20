import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEui, smwanTopic } from '../../protocol/index.js';
import {
  MqttHeadEndLink,
  MqttHubLink,
  SmwanCredentials,
  startEmbeddedBroker,
  type EmbeddedBroker,
} from '../../smwan/index.js';
import { connectMqtt, endClient, subscribeQos1 } from '../../smwan/mqtt-connect.js';
import { tlsOptions } from '../../smwan/tls/tls-options.js';
import { SmwanCa, type TlsMaterial } from '../../smwan/tls/smwan-ca.js';
import { waitFor } from '../support/wait.js';

const HUB_A = parseEui('00-DB-12-34-56-78-00-1A');
const HUB_B = parseEui('00-DB-12-34-56-78-00-1B');

describe('MQTT over TLS on the SMWAN, a certificate per hub (issue 17)', () => {
  const credentials = new SmwanCredentials('tls-test-master-secret');
  let ca: SmwanCa;
  let broker: EmbeddedBroker;
  let headEnd: MqttHeadEndLink;
  let hubA: TlsMaterial;
  const up: string[] = [];

  beforeAll(async () => {
    ca = await SmwanCa.create();
    broker = await startEmbeddedBroker({ credentials, tls: await ca.issueServer() });
    headEnd = new MqttHeadEndLink({ url: broker.url, secret: '', tls: await ca.issueClient('dcc-head-end') });
    headEnd.onUp((hub, frame) => up.push(`${hub}:${Buffer.from(frame).toString()}`));
    await headEnd.open();
    hubA = await ca.issueClient(HUB_A);
  });
  afterAll(async () => {
    await headEnd.close();
    await broker.close();
  });

  it('listens on mqtts and carries a hub frame up to the head-end, with no password', async () => {
    expect(broker.url).toMatch(/^mqtts:\/\/127\.0\.0\.1:\d+$/);
    const link = new MqttHubLink({ url: broker.url, hub: HUB_A, secret: 'not-the-secret', tls: hubA });
    await link.open();
    await link.sendUp(Buffer.from('over-tls'));
    await waitFor(() => up.includes(`${HUB_A}:over-tls`), 'the frame at the head-end');
    await link.close();
  });

  it("gives a certified hub its own topics only: another hub's down is refused", async () => {
    const client = await connectMqtt(broker.url, {
      clientId: HUB_A,
      clean: true,
      reconnectPeriod: 0,
      ...tlsOptions(hubA),
    });
    await expect(subscribeQos1(client, [smwanTopic(HUB_B, 'down')])).rejects.toMatchObject({ code: 'NOT_AUTHORISED' });
    await endClient(client, true);
  });

  it("refuses a hub's certificate used under another hub's client id or user name", async () => {
    await expect(
      connectMqtt(broker.url, { clientId: HUB_B, clean: true, reconnectPeriod: 0, ...tlsOptions(hubA) }),
    ).rejects.toMatchObject({ code: 'AUTH_FAILED' });
    await expect(
      connectMqtt(broker.url, {
        clientId: HUB_A,
        username: HUB_B,
        clean: true,
        reconnectPeriod: 0,
        ...tlsOptions(hubA),
      }),
    ).rejects.toMatchObject({ code: 'AUTH_FAILED' });
  });

  it('refuses a client with no certificate, or one from another CA, at the handshake', async () => {
    const password = { username: HUB_A, password: credentials.hubSecret(HUB_A) };
    await expect(
      connectMqtt(
        broker.url,
        { clientId: HUB_A, clean: true, reconnectPeriod: 0, ca: hubA.ca, ...password },
        undefined,
        3_000,
      ),
    ).rejects.toMatchObject({ code: 'CONNECT_FAILED' });
    const stranger = await (await SmwanCa.create('another CA')).issueClient(HUB_A);
    await expect(
      connectMqtt(
        broker.url,
        { clientId: HUB_A, clean: true, reconnectPeriod: 0, key: stranger.key, cert: stranger.cert, ca: hubA.ca },
        undefined,
        3_000,
      ),
    ).rejects.toMatchObject({ code: 'CONNECT_FAILED' });
  });

  it('keeps its CA across processes: a CA saved as PEM issues certificates the broker accepts', async () => {
    const copy = await SmwanCa.fromPem(await ca.toPem());
    const link = new MqttHubLink({ url: broker.url, hub: HUB_B, secret: '', tls: await copy.issueClient(HUB_B) });
    await link.open();
    await link.sendUp(Buffer.from('from-copy'));
    await waitFor(() => up.includes(`${HUB_B}:from-copy`), 'the frame at the head-end');
    await link.close();
  });
});
