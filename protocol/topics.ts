import type { Eui64 } from './eui.js';

/** SMWAN topic names (BRIEF: decisions). Pure strings, shared by the hub, head-end and broker. */
export const SMWAN_PREFIX = 'smwan/v1';
export type SmwanChannel = 'down' | 'up' | 'state';

export function smwanTopic(hub: Eui64, channel: SmwanChannel): string {
  return `${SMWAN_PREFIX}/${hub}/${channel}`;
}

/**
 * The topic a command goes down on, with the DCC's response deadline (issue 17, docs/ARCHITECTURE.md
 * "What a timed-out command does"). GBCS has no expiry field (the command date-time is `00`,
 * GBCS-FACTS §4), and the payload is exactly one GBCS message, so the deadline travels outside it,
 * in the topic, as an MQTT 5 message-expiry interval would on a 3.1.1 broker:
 * `smwan/v1/<hub>/down/<expiresAt, ms since the epoch>`, or `…/down/-` for none. The hub refuses a
 * command past it and drops what it holds for a device once it passes. Emulator choice.
 */
export function downTopic(hub: Eui64, expiresAt: number | undefined): string {
  return `${SMWAN_PREFIX}/${hub}/down/${expiresAt === undefined ? '-' : String(Math.floor(expiresAt))}`;
}

/** What a hub subscribes to: every expiry of its own down topic. */
export function downFilter(hub: Eui64): string {
  return `${SMWAN_PREFIX}/${hub}/down/+`;
}

export interface ParsedSmwanTopic {
  readonly hub: string;
  readonly channel: SmwanChannel;
  /** On a `down/<expiry>` topic: the expiry, null for `-`; undefined on the 4-part topics. */
  readonly expiresAt?: number | null;
  /** A `down/+` or `down/#` subscription filter. */
  readonly wildcard?: boolean;
}

/** The hub EUI and channel of a topic (or filter), or undefined when it is not an SMWAN topic. */
export function parseSmwanTopic(topic: string): ParsedSmwanTopic | undefined {
  const parts = topic.split('/');
  if ((parts.length !== 4 && parts.length !== 5) || `${parts[0]}/${parts[1]}` !== SMWAN_PREFIX) return undefined;
  const channel = parts[3];
  if (channel !== 'down' && channel !== 'up' && channel !== 'state') return undefined;
  if (parts.length === 4) return { hub: parts[2]!, channel };
  if (channel !== 'down') return undefined;
  const tail = parts[4]!;
  if (tail === '+' || tail === '#') return { hub: parts[2]!, channel, wildcard: true };
  if (tail === '-') return { hub: parts[2]!, channel, expiresAt: null };
  if (!/^[0-9]{1,15}$/.test(tail)) return undefined;
  return { hub: parts[2]!, channel, expiresAt: Number(tail) };
}

/** The retained hub state. "offline" is also the broker-published last will. */
export type HubState = 'online' | 'offline';
