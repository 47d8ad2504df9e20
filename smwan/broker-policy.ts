import { parseSmwanTopic } from '../protocol/index.js';
import type { Principal } from './credentials.js';

/**
 * Topic rights (BRIEF: SMWAN). A hub may publish only to its own `up` and `state`, and subscribe
 * only to its own `down` (`…/down/+`: every expiry, protocol/topics.ts `downTopic`); the head-end may do anything under smwan/v1. Pure, so that it is tested
 * exhaustively without a broker.
 */
export function mayPublish(principal: Principal, topic: string): boolean {
  const parsed = parseSmwanTopic(topic);
  if (!parsed) return false;
  if (principal.kind === 'head-end') return true;
  return parsed.hub === principal.hub && (parsed.channel === 'up' || parsed.channel === 'state');
}

export function maySubscribe(principal: Principal, topicFilter: string): boolean {
  if (principal.kind === 'head-end') return topicFilter.startsWith('smwan/v1/');
  const parsed = parseSmwanTopic(topicFilter);
  return parsed !== undefined && parsed.hub === principal.hub && parsed.channel === 'down';
}

/**
 * Whether the broker keeps a publication as the topic's retained message. Never on `up`: a
 * retained frame would reach the head-end again on every subscription, a replay the broker made
 * (issue 17 #3). A hub's `state` stays retained, so that a head-end that (re)subscribes learns
 * which hubs are offline.
 */
export function mayRetain(topic: string): boolean {
  return parseSmwanTopic(topic)?.channel !== 'up';
}
