import type { Socket } from 'node:net';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { LinkError } from './link.js';

/** MQTT 3.1.1 CONNACK codes that mean the credentials, not the network, are wrong. */
const AUTH_CODES = new Set([4, 5]);

/**
 * Connect with mqtt.js and resolve on the first CONNACK. A refusal for bad credentials is final
 * (no retry loop against a broker that said no); later drops reconnect on their own.
 */
export function connectMqtt(
  url: string,
  options: IClientOptions,
  /** Runs before any packet is read: attach message handlers here, or queued frames are missed. */
  setup: (client: MqttClient) => void = () => undefined,
  connectTimeoutMs = 10_000,
): Promise<MqttClient> {
  return new Promise((resolve, reject) => {
    const client = mqtt.connect(url, { protocolVersion: 4, connectTimeout: connectTimeoutMs, ...options });
    setup(client);
    disableNagle(client);
    const fail = (error: LinkError) => {
      cleanup();
      client.end(true);
      reject(error);
    };
    const onConnect = () => {
      cleanup();
      resolve(client);
    };
    const onError = (error: Error & { code?: number | string }) => {
      if (typeof error.code === 'number' && AUTH_CODES.has(error.code)) {
        fail(
          new LinkError(
            'AUTH_FAILED',
            `the broker refused the credentials for ${String(options.username)}: ${error.message}`,
          ),
        );
      } else if (!client.connected) {
        fail(new LinkError('CONNECT_FAILED', `cannot connect to ${url}: ${error.message}`));
      }
    };
    const timer = setTimeout(
      () => fail(new LinkError('CONNECT_FAILED', `no CONNACK from ${url} within ${connectTimeoutMs} ms`)),
      connectTimeoutMs,
    );
    const cleanup = () => {
      clearTimeout(timer);
      client.off('connect', onConnect);
      client.off('error', onError);
    };
    client.on('connect', onConnect);
    client.on('error', onError);
  });
}

/** Nagle off on every (re)connection: small frames must not wait for the delayed-ACK timer. */
export function disableNagle(client: MqttClient): void {
  const apply = () => {
    const stream = client.stream as Partial<Socket> | undefined;
    stream?.setNoDelay?.(true);
  };
  apply();
  client.on('connect', apply);
}

export function publishQos1(
  client: MqttClient,
  topic: string,
  payload: Uint8Array | string,
  retain = false,
): Promise<void> {
  return new Promise((resolve, reject) => {
    client.publish(topic, Buffer.isBuffer(payload) ? payload : Buffer.from(payload), { qos: 1, retain }, (error) =>
      error ? reject(new LinkError('NOT_OPEN', `publish to ${topic} failed: ${error.message}`)) : resolve(),
    );
  });
}

export function subscribeQos1(client: MqttClient, topics: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    client.subscribe([...topics], { qos: 1 }, (error, granted) => {
      if (error) return reject(new LinkError('NOT_AUTHORISED', `subscribe failed: ${error.message}`));
      const refused = (granted ?? []).filter((g) => g.qos === 128);
      if (refused.length > 0) {
        return reject(
          new LinkError(
            'NOT_AUTHORISED',
            `the broker refused the subscription to ${refused.map((g) => g.topic).join(', ')}`,
          ),
        );
      }
      resolve();
    });
  });
}

export function endClient(client: MqttClient, force: boolean): Promise<void> {
  return new Promise((resolve) => client.end(force, {}, () => resolve()));
}
