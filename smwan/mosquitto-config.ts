import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HEAD_END_USER, type SmwanCredentials } from './credentials.js';
import type { Eui64 } from '../protocol/index.js';
import { MAX_MQTT_REMAINING_LENGTH } from './packet-size-guard.js';
import type { TlsMaterial } from './tls/smwan-ca.js';

export interface MosquittoConfig {
  readonly dir: string;
  readonly conf: string;
  /** Plain-text `user:password` lines; run `mosquitto_passwd -U` on it before starting. */
  readonly passwords: string;
  readonly acl: string;
}

/**
 * Configuration for an external mosquitto that enforces the same SMWAN rules as the embedded
 * broker: the derived per-hub passwords, a hub's client id is its user name, and a hub may
 * publish only to its own up and state and read only its own down; the head-end has smwan/v1/#.
 */
export function writeMosquittoConfig(options: {
  dir: string;
  port: number;
  hubs: readonly Eui64[];
  credentials: SmwanCredentials;
  /**
   * MQTT over TLS (issue 17): the broker's certificate from the SMWAN CA. Clients must present a
   * certificate from the same CA, and its subject CN becomes their user name, so the ACL below
   * applies unchanged (the embedded broker does the same: smwan/tls/certificate-principal.ts).
   */
  tls?: TlsMaterial;
}): MosquittoConfig {
  mkdirSync(options.dir, { recursive: true });
  const passwords = join(options.dir, 'passwords');
  const acl = join(options.dir, 'acl');
  const conf = join(options.dir, 'mosquitto.conf');
  const users = [
    [HEAD_END_USER, options.credentials.headEndSecret],
    ...options.hubs.map((hub) => [hub, options.credentials.hubSecret(hub)]),
  ];
  writeFileSync(passwords, users.map(([user, password]) => `${user}:${password}`).join('\n') + '\n', { mode: 0o600 });
  writeFileSync(
    acl,
    [
      `user ${HEAD_END_USER}`,
      'topic readwrite smwan/v1/#',
      '',
      '# every other user is a hub, named by its EUI',
      'pattern read smwan/v1/%u/down',
      // Commands carry the DCC's deadline in the topic: smwan/v1/<hub>/down/<expiresAt> (protocol/topics.ts).
      'pattern read smwan/v1/%u/down/+',
      'pattern write smwan/v1/%u/up',
      'pattern write smwan/v1/%u/state',
      '',
    ].join('\n'),
  );
  writeFileSync(
    conf,
    [
      `listener ${options.port} 127.0.0.1`,
      ...(options.tls ? tlsLines(options.dir, options.tls) : []),
      'allow_anonymous false',
      `password_file ${passwords}`,
      `acl_file ${acl}`,
      // A hub cannot take another's persistent session: its client id is its user name.
      'use_username_as_clientid true',
      'persistence false',
      // No retained messages on up (issue 17 #3): mosquitto 2.0 can switch retain off only for
      // the whole broker (retain_available), and the hubs' state must stay retained, so a hub
      // can still leave one retained frame on its own up topic. The head-end drops any retained
      // frame it is sent (mqtt-head-end-link.ts) and any alert whose counter is not fresh.
      // The embedded broker's limit (packet-size-guard.ts); mosquitto counts the whole packet, so
      // add the largest fixed header (1 type byte + 4 length bytes).
      `max_packet_size ${MAX_MQTT_REMAINING_LENGTH + 5}`,
      // Started as root (as CI is), mosquitto would drop to its own user and lose access to these files.
      'user root',
      'log_type error',
      '',
    ].join('\n'),
  );
  return { dir: options.dir, conf, passwords, acl };
}

function tlsLines(dir: string, tls: TlsMaterial): string[] {
  const files = { cafile: join(dir, 'ca.pem'), certfile: join(dir, 'server.pem'), keyfile: join(dir, 'server.key') };
  writeFileSync(files.cafile, tls.ca);
  writeFileSync(files.certfile, tls.cert);
  writeFileSync(files.keyfile, tls.key, { mode: 0o600 });
  return [
    `cafile ${files.cafile}`,
    `certfile ${files.certfile}`,
    `keyfile ${files.keyfile}`,
    'require_certificate true',
    // The certificate's CN is the user name: a hub's EUI, or dcc-head-end; no password is asked.
    'use_identity_as_username true',
    'tls_version tlsv1.2',
  ];
}
