import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeFrame, smwanTopic } from '../../protocol/index.js';
import { HEAD_END_USER, SmwanCredentials } from '../../smwan/index.js';
import { connectMqtt, endClient, publishQos1, subscribeQos1 } from '../../smwan/mqtt-connect.js';
import type { World } from '../../world/dcc-world.js';
import type { GatewayClient } from '../../world/gateway-client.js';
import { testWorld } from '../support/world.js';
import { quietPeriod, waitFor } from '../support/wait.js';

const SMWAN_SECRET = 'alert-replay-secret';
const TAMPER = 0x8f3f;

/**
 * Issue 17 #3: one device-signed alert published 5 times made 5 inbox items. The DCC now takes an
 * alert only if its originator counter is above the device's last, logs a replay as an anomaly,
 * and the embedded broker keeps no retained message on an up topic. The republishing "hub" is a
 * client with the head-end's rights (which may publish anywhere under smwan/v1), over the real
 * embedded broker.
 */
describe('alert replays (issue 17 #3)', () => {
  let world: World;
  let supplier: GatewayClient;
  let spy: MqttClient;
  const seen: Buffer[] = [];
  const events: string[] = [];
  beforeAll(async () => {
    const t = await testWorld({ smwanSecret: SMWAN_SECRET });
    world = t.world;
    supplier = t.client('supplier');
    world.headEnd.onEvent((kind) => events.push(kind));
    spy = await connectMqtt(
      world.brokerUrl,
      {
        clientId: 'alert-replay-spy',
        username: HEAD_END_USER,
        password: new SmwanCredentials(SMWAN_SECRET).headEndSecret,
        clean: true,
      },
      (c) => c.on('message', (_topic, payload) => seen.push(payload)),
    );
    await subscribeQos1(spy, [smwanTopic(world.premises[0]!.hub.eui, 'up')]);
  });
  afterAll(async () => {
    await endClient(spy, true);
    await world.stop();
  });
  const home = () => world.premises[0]!;
  const tampers = async () =>
    (await supplier.inbox('0')).items.filter((i) => i.kind === 'deviceAlert' && i.alertCode === '0x8F3F');

  it('one signed alert republished 5 times reaches the inbox once, and each replay is logged', async () => {
    home().esme.raiseAlert(TAMPER, { note: 'cover lifted' });
    await waitFor(() => seen.some((b) => isAlert(b, TAMPER)), 'the alert on the up topic');
    await supplier.waitFor((i) => i.alertCode === '0x8F3F');
    const alert = seen.find((b) => isAlert(b, TAMPER))!;
    const topic = smwanTopic(home().hub.eui, 'up');
    for (let i = 0; i < 5; i++) await publishQos1(spy, topic, alert);
    await waitFor(() => events.filter((e) => e === 'alert-replay').length === 5, 'five replays logged');
    expect(await tampers()).toHaveLength(1);

    // A fresh alert from the same device still goes through.
    const routed = events.filter((e) => e === 'device-alert').length;
    home().esme.raiseAlert(TAMPER, { note: 'again' });
    await waitFor(() => events.filter((e) => e === 'device-alert').length === routed + 1, 'the second alert');
    expect(await tampers()).toHaveLength(2);
  });

  it('the embedded broker keeps no retained message on an up topic', async () => {
    const topic = smwanTopic(home().hub.eui, 'up');
    await new Promise<void>((resolve, reject) =>
      spy.publish(topic, Buffer.from('kept?'), { qos: 1, retain: true }, (e) => (e ? reject(e) : resolve())),
    );
    const late: Buffer[] = [];
    const reader = await connectMqtt(
      world.brokerUrl,
      {
        clientId: 'alert-replay-reader',
        username: HEAD_END_USER,
        password: new SmwanCredentials(SMWAN_SECRET).headEndSecret,
        clean: true,
      },
      (c) => c.on('message', (_t, payload) => late.push(payload)),
    );
    try {
      await subscribeQos1(reader, [topic, smwanTopic(home().hub.eui, 'state')]);
      await quietPeriod(300);
      // The hub's state is retained (online); nothing on up is.
      expect(late.map((b) => b.toString())).toEqual(['online']);
    } finally {
      await endClient(reader, true);
    }
  });
});

function isAlert(bytes: Uint8Array, code: number): boolean {
  try {
    const frame = decodeFrame(bytes);
    return frame.kind === 'alert' && frame.alertCode === code;
  } catch {
    return false;
  }
}
