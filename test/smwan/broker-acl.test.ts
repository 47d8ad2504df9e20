import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEui, smwanTopic } from '../../protocol/index.js';
import { MqttHeadEndLink, SmwanCredentials, startEmbeddedBroker, type EmbeddedBroker } from '../../smwan/index.js';
import { connectMqtt, endClient, publishQos1, subscribeQos1 } from '../../smwan/mqtt-connect.js';
import { quietPeriod, waitFor } from '../support/wait.js';

const HUB_A = parseEui('00-DB-12-34-56-78-00-0A');
const HUB_B = parseEui('00-DB-12-34-56-78-00-0B');

describe('embedded broker topic rights over real TCP (BRIEF: SMWAN)', () => {
  const credentials = new SmwanCredentials('acl-test-master-secret');
  let broker: EmbeddedBroker;
  let headEnd: MqttHeadEndLink;
  const up: string[] = [];

  beforeAll(async () => {
    broker = await startEmbeddedBroker({ credentials });
    headEnd = new MqttHeadEndLink({ url: broker.url, secret: credentials.headEndSecret });
    headEnd.onUp((hub, frame) => up.push(`${hub}:${Buffer.from(frame).toString()}`));
    await headEnd.open();
  });
  afterAll(async () => {
    await headEnd.close();
    await broker.close();
  });

  /**
   * aedes answers a refused QoS 1 publish by closing the connection, so the PUBACK never comes:
   * wait for the close instead of the acknowledgement.
   */
  async function publishRefused(client: mqtt.MqttClient, topic: string, payload: string): Promise<void> {
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    client.publish(topic, payload, { qos: 1 });
    await closed;
    await endClient(client, true);
  }

  const connectAs = (hub: typeof HUB_A, clientId: string = hub) =>
    connectMqtt(broker.url, {
      clientId,
      username: hub,
      password: credentials.hubSecret(hub),
      clean: true,
      reconnectPeriod: 0,
    });

  it("refuses a hub's subscription to another hub's down topic", async () => {
    const client = await connectAs(HUB_A);
    await expect(subscribeQos1(client, [smwanTopic(HUB_B, 'down')])).rejects.toMatchObject({ code: 'NOT_AUTHORISED' });
    await expect(subscribeQos1(client, ['smwan/v1/+/down'])).rejects.toMatchObject({ code: 'NOT_AUTHORISED' });
    await expect(subscribeQos1(client, ['#'])).rejects.toMatchObject({ code: 'NOT_AUTHORISED' });
    await subscribeQos1(client, [smwanTopic(HUB_A, 'down')]);
    await endClient(client, true);
  });

  it("never lets a hub's publish to another hub's up topic reach the head-end", async () => {
    const client = await connectAs(HUB_A);
    await publishRefused(client, smwanTopic(HUB_B, 'up'), 'forged');
    const honest = await connectAs(HUB_A);
    await publishQos1(honest, smwanTopic(HUB_A, 'up'), 'honest');
    await waitFor(() => up.length > 0, 'the honest frame');
    await quietPeriod();
    expect(up).toEqual([`${HUB_A}:honest`]);
    await endClient(honest, true);
  });

  it("refuses a hub publishing to another hub's down topic (commands come only from the DCC)", async () => {
    const received: string[] = [];
    const victim = await connectMqtt(
      broker.url,
      { clientId: HUB_B, username: HUB_B, password: credentials.hubSecret(HUB_B), clean: true, reconnectPeriod: 0 },
      (c) => c.on('message', (_t, p) => received.push(p.toString())),
    );
    await subscribeQos1(victim, [smwanTopic(HUB_B, 'down')]);
    const attacker = await connectAs(HUB_A);
    await publishRefused(attacker, smwanTopic(HUB_B, 'down'), 'forged command');
    await quietPeriod(200);
    expect(received).toEqual([]);
    await endClient(victim, true);
  });

  it('refuses a hub that connects under another client id', async () => {
    await expect(connectAs(HUB_A, 'someone-else')).rejects.toMatchObject({ code: 'AUTH_FAILED' });
  });

  it('refuses a connection without credentials', async () => {
    const attempt = new Promise<string>((resolve) => {
      const client = mqtt.connect(broker.url, { protocolVersion: 4, reconnectPeriod: 0 });
      client.on('error', (error) => {
        client.end(true);
        resolve(String((error as Error & { code?: number }).code));
      });
      client.on('connect', () => {
        client.end(true);
        resolve('connected');
      });
    });
    expect(await attempt).toBe('4');
  });
});
