import type { MqttClient } from 'mqtt';
import { downTopic, isEui, parseSmwanTopic, SMWAN_PREFIX, type Eui64, type HubState } from '../protocol/index.js';
import { HEAD_END_USER } from './credentials.js';
import { LinkError, safely, type HeadEndLink } from './link.js';
import { tlsOptions } from './tls/tls-options.js';
import type { TlsMaterial } from './tls/smwan-ca.js';
import { connectMqtt, endClient, publishQos1, subscribeQos1 } from './mqtt-connect.js';

export interface MqttHeadEndLinkOptions {
  readonly url: string;
  readonly secret: string;
  /** The persistent session id; one per head-end instance. */
  readonly clientId?: string;
  readonly onError?: (error: unknown) => void;
  /** MQTT over TLS with this client certificate (an `mqtts://` URL; smwan/tls/). */
  readonly tls?: TlsMaterial;
}

/** The DCC's side of the SMWAN: wildcard subscriptions to every hub's `up` and `state`. */
export class MqttHeadEndLink implements HeadEndLink {
  private client: MqttClient | undefined;
  private upHandler: ((hub: Eui64, frame: Uint8Array) => void) | undefined;
  private stateHandler: ((hub: Eui64, state: HubState) => void) | undefined;

  constructor(private readonly options: MqttHeadEndLinkOptions) {}

  get isOpen(): boolean {
    return this.client?.connected ?? false;
  }

  onUp(handler: (hub: Eui64, frame: Uint8Array) => void): void {
    this.upHandler = handler;
  }

  onHubState(handler: (hub: Eui64, state: HubState) => void): void {
    this.stateHandler = handler;
  }

  async open(): Promise<void> {
    if (this.client) throw new LinkError('NOT_OPEN', 'the head-end link is already open');
    const report = (error: unknown) => this.options.onError?.(error);
    const up = safely((hub: Eui64, frame: Uint8Array) => this.upHandler?.(hub, frame), report);
    const state = safely((hub: Eui64, value: HubState) => this.stateHandler?.(hub, value), report);
    this.client = await connectMqtt(
      this.options.url,
      {
        clientId: this.options.clientId ?? HEAD_END_USER,
        username: HEAD_END_USER,
        password: this.options.secret,
        clean: false,
        reconnectPeriod: 1000,
        ...tlsOptions(this.options.tls),
      },
      (client) =>
        client.on('message', (topic, payload, packet) => {
          const parsed = parseSmwanTopic(topic);
          // Only the broker's ACL stands between a hub and these topics; still, never trust a name.
          if (!parsed || !isEui(parsed.hub)) return;
          // A retained frame on up is one the broker kept and replays (mosquitto cannot refuse
          // retain per topic: mosquitto-config.ts); frames are taken live only (issue 17 #3).
          if (parsed.channel === 'up' && !packet.retain) up(parsed.hub, payload);
          else if (parsed.channel === 'state') {
            const text = payload.toString();
            if (text === 'online' || text === 'offline') state(parsed.hub, text);
          }
        }),
    );
    await subscribeQos1(this.client, [`${SMWAN_PREFIX}/+/up`, `${SMWAN_PREFIX}/+/state`]);
  }

  async sendDown(hub: Eui64, frame: Uint8Array, expiresAt?: number): Promise<void> {
    if (!this.client) throw new LinkError('NOT_OPEN', 'the head-end link is not open');
    await publishQos1(this.client, downTopic(hub, expiresAt), frame);
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client) await endClient(client, false);
  }
}
