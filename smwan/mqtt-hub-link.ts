import type { MqttClient } from 'mqtt';
import { downFilter, parseSmwanTopic, smwanTopic, type Eui64 } from '../protocol/index.js';
import { LinkError, safely, type HubLink } from './link.js';
import { tlsOptions } from './tls/tls-options.js';
import type { TlsMaterial } from './tls/smwan-ca.js';
import { connectMqtt, endClient, publishQos1, subscribeQos1 } from './mqtt-connect.js';

export interface MqttHubLinkOptions {
  readonly url: string;
  readonly hub: Eui64;
  readonly secret: string;
  readonly keepaliveSeconds?: number;
  /** How long to wait for CONNACK (default 10 s); a fleet connecting en masse waits longer. */
  readonly connectTimeoutMs?: number;
  readonly onError?: (error: unknown) => void;
  /**
   * MQTT over TLS with this client certificate (an `mqtts://` URL; smwan/tls/), or where to get
   * it when the link opens: a fleet of thousands issues each hub's certificate at its connect.
   */
  readonly tls?: TlsMaterial | (() => Promise<TlsMaterial>);
}

/**
 * A hub's SMWAN connection: one MQTT connection per hub, client id = user name = hub EUI, QoS 1
 * with a persistent session (clean: false), so commands published while it is away arrive when it
 * returns. The last will marks it offline if the connection drops.
 */
export class MqttHubLink implements HubLink {
  readonly hub: Eui64;
  private client: MqttClient | undefined;
  private downHandler: ((frame: Uint8Array, expiresAt: number | undefined) => void) | undefined;
  private readonly topics;

  constructor(private readonly options: MqttHubLinkOptions) {
    this.hub = options.hub;
    this.topics = {
      down: downFilter(this.hub),
      up: smwanTopic(this.hub, 'up'),
      state: smwanTopic(this.hub, 'state'),
    };
  }

  get isOpen(): boolean {
    return this.client?.connected ?? false;
  }

  onDown(handler: (frame: Uint8Array, expiresAt: number | undefined) => void): void {
    this.downHandler = handler;
  }

  async open(): Promise<void> {
    if (this.client) throw new LinkError('NOT_OPEN', `hub ${this.hub} link is already open`);
    const deliver = safely(
      (frame: Uint8Array, expiresAt: number | undefined) => this.downHandler?.(frame, expiresAt),
      (error) => this.options.onError?.(error),
    );
    const client = await connectMqtt(
      this.options.url,
      {
        clientId: this.hub,
        username: this.hub,
        password: this.options.secret,
        clean: false,
        keepalive: this.options.keepaliveSeconds ?? 60,
        reconnectPeriod: 1000,
        will: { topic: this.topics.state, payload: Buffer.from('offline'), qos: 1, retain: true },
        ...tlsOptions(typeof this.options.tls === 'function' ? await this.options.tls() : this.options.tls),
      },
      // The broker replays queued QoS 1 frames right after CONNACK, so listen before connecting.
      (c) =>
        c.on('message', (topic, payload) => {
          // smwan/v1/<hub>/down/<expiresAt | ->: the DCC's deadline rides in the topic (protocol/topics.ts).
          const parsed = parseSmwanTopic(topic);
          if (parsed?.channel === 'down' && parsed.hub === this.hub && parsed.expiresAt !== undefined)
            deliver(payload, parsed.expiresAt ?? undefined);
        }),
      this.options.connectTimeoutMs,
    );
    this.client = client;
    await subscribeQos1(client, [this.topics.down]);
    await publishQos1(client, this.topics.state, 'online', true);
    // Every reconnection says online again: the broker may have published this hub's will after
    // its own 'online' (a connection taken over by a retry, or dropped and re-made), and the
    // retained state must not stay 'offline' while the hub is up (a false N1 three minutes later).
    client.on('connect', () => {
      if (this.client === client) publishQos1(client, this.topics.state, 'online', true).catch(() => undefined);
    });
  }

  async sendUp(frame: Uint8Array): Promise<void> {
    if (!this.client) throw new LinkError('NOT_OPEN', `hub ${this.hub} link is not open`);
    await publishQos1(this.client, this.topics.up, frame);
  }

  async close(options: { readonly graceful?: boolean } = {}): Promise<void> {
    const client = this.client;
    if (!client) return;
    this.client = undefined;
    if (options.graceful ?? true) {
      await publishQos1(client, this.topics.state, 'offline', true).catch(() => undefined);
      await endClient(client, false);
    } else {
      // A power cut: no DISCONNECT packet, so the broker publishes the last will.
      client.options.reconnectPeriod = 0;
      client.stream.destroy();
      await endClient(client, true);
    }
  }
}
