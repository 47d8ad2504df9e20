import { describe, expect, it } from 'vitest';
import { downFilter, downTopic, parseEui, smwanTopic, type SmwanChannel } from '../../protocol/index.js';
import { mayPublish, mayRetain, maySubscribe, SmwanCredentials } from '../../smwan/index.js';

const A = parseEui('00-DB-12-34-56-78-00-0A');
const B = parseEui('00-DB-12-34-56-78-00-0B');
const channels: SmwanChannel[] = ['down', 'up', 'state'];

describe('SMWAN topic rights (BRIEF: a hub may publish and subscribe only to its own topics)', () => {
  it('lets a hub publish to its own up and state only', () => {
    for (const owner of [A, B]) {
      for (const channel of channels) {
        expect(mayPublish({ kind: 'hub', hub: A }, smwanTopic(owner, channel))).toBe(owner === A && channel !== 'down');
      }
    }
  });

  it('lets a hub subscribe to its own down only, and to no wildcard', () => {
    for (const owner of [A, B]) {
      for (const channel of channels) {
        expect(maySubscribe({ kind: 'hub', hub: A }, smwanTopic(owner, channel))).toBe(
          owner === A && channel === 'down',
        );
      }
    }
    for (const filter of ['#', 'smwan/v1/+/down', `smwan/v1/${A}/#`, `smwan/v1/${A}/+`])
      expect(maySubscribe({ kind: 'hub', hub: A }, filter)).toBe(false);
  });

  it('gives the head-end every SMWAN topic and nothing outside it', () => {
    expect(maySubscribe({ kind: 'head-end' }, 'smwan/v1/+/up')).toBe(true);
    expect(mayPublish({ kind: 'head-end' }, smwanTopic(B, 'down'))).toBe(true);
    expect(mayPublish({ kind: 'head-end' }, 'elsewhere/x')).toBe(false);
    expect(maySubscribe({ kind: 'head-end' }, '#')).toBe(false);
  });

  it('derives a distinct secret per hub and checks it', () => {
    const credentials = new SmwanCredentials('a-long-enough-master-secret');
    expect(credentials.hubSecret(A)).not.toBe(credentials.hubSecret(B));
    expect(credentials.authenticate(A, credentials.hubSecret(A))).toEqual({ kind: 'hub', hub: A });
    expect(credentials.authenticate(A, credentials.hubSecret(B))).toBeUndefined();
    expect(credentials.authenticate('not-an-eui', 'x')).toBeUndefined();
    expect(credentials.authenticate(undefined, undefined)).toBeUndefined();
  });

  it('keeps nothing retained on up, and keeps a hub state retained (issue 17 #3)', () => {
    for (const channel of channels) expect(mayRetain(smwanTopic(A, channel))).toBe(channel !== 'up');
  });

  it('issue 17: the down topic with its deadline is the head-end’s to publish and the hub’s own to read', () => {
    expect(mayPublish({ kind: 'head-end' }, downTopic(A, 1_700_000_000_000))).toBe(true);
    expect(mayPublish({ kind: 'hub', hub: A }, downTopic(A, 1_700_000_000_000))).toBe(false);
    expect(maySubscribe({ kind: 'hub', hub: A }, downFilter(A))).toBe(true);
    expect(maySubscribe({ kind: 'hub', hub: A }, downFilter(B))).toBe(false);
    expect(mayPublish({ kind: 'head-end' }, `smwan/v1/${A}/down/soon`)).toBe(false);
  });
});
