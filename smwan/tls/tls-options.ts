import type { IClientOptions } from 'mqtt';
import type { TlsMaterial } from './smwan-ca.js';

/** mqtt.js's TLS options for a client certificate; the broker must present one from the same CA. */
export function tlsOptions(tls: TlsMaterial | undefined): IClientOptions {
  return tls ? { key: tls.key, cert: tls.cert, ca: tls.ca, rejectUnauthorized: true } : {};
}
