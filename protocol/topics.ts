import type { Eui64 } from './eui.js';

/** SMWAN topic names (BRIEF: decisions). Pure strings, shared by the hub, head-end and broker. */
export const SMWAN_PREFIX = 'smwan/v1';
export type SmwanChannel = 'down' | 'up' | 'state';

export function smwanTopic(hub: Eui64, channel: SmwanChannel): string {
  return `${SMWAN_PREFIX}/${hub}/${channel}`;
}

/** The hub EUI and channel of a topic, or undefined when it is not an SMWAN topic. */
export function parseSmwanTopic(topic: string): { hub: string; channel: SmwanChannel } | undefined {
  const parts = topic.split('/');
  if (parts.length !== 4 || `${parts[0]}/${parts[1]}` !== SMWAN_PREFIX) return undefined;
  const channel = parts[3];
  if (channel !== 'down' && channel !== 'up' && channel !== 'state') return undefined;
  return { hub: parts[2]!, channel };
}

/** The retained hub state. "offline" is also the broker-published last will. */
export type HubState = 'online' | 'offline';
