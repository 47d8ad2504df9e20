import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Eui64 } from '../protocol/index.js';
import { isEui } from '../protocol/index.js';

/** The MQTT user name the head-end connects with; the only principal with wildcard rights. */
export const HEAD_END_USER = 'dcc-head-end';

export type Principal = { readonly kind: 'hub'; readonly hub: Eui64 } | { readonly kind: 'head-end' };

/**
 * Per-hub secrets derived from one master secret: HMAC-SHA256(master, hub EUI). Thousands of hubs
 * then need no table, and the broker and the fleet agree on a hub's secret from its EUI alone.
 */
export class SmwanCredentials {
  constructor(private readonly masterSecret: string) {
    if (masterSecret.length < 16) throw new RangeError('the SMWAN master secret must be at least 16 characters');
  }

  hubSecret(hub: Eui64): string {
    return createHmac('sha256', this.masterSecret).update(`hub:${hub}`).digest('base64url');
  }

  get headEndSecret(): string {
    return createHmac('sha256', this.masterSecret).update('head-end').digest('base64url');
  }

  /** Who a user name and password belong to, or undefined when they do not match. */
  authenticate(username: string | undefined, password: Uint8Array | string | undefined): Principal | undefined {
    if (username === undefined || password === undefined) return undefined;
    const given = Buffer.from(password);
    if (username === HEAD_END_USER) return matches(given, this.headEndSecret) ? { kind: 'head-end' } : undefined;
    if (!isEui(username)) return undefined;
    return matches(given, this.hubSecret(username)) ? { kind: 'hub', hub: username } : undefined;
  }
}

function matches(given: Buffer, expected: string): boolean {
  const want = Buffer.from(expected);
  return given.length === want.length && timingSafeEqual(given, want);
}
