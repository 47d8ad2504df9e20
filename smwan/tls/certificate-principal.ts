import type { PeerCertificate } from 'node:tls';
import { isEui } from '../../protocol/index.js';
import { HEAD_END_USER, type Principal } from '../credentials.js';

/**
 * Who a verified client certificate names (issue 17, TLS on the SMWAN): its subject CN is a hub's
 * EUI or the head-end's user name. Anything else names no one, and the broker refuses the login.
 * The TLS layer has already checked the chain to the emulator's CA.
 */
export function principalOfCertificate(certificate: PeerCertificate | undefined): Principal | undefined {
  const cn = certificate?.subject?.CN;
  const name = Array.isArray(cn) ? undefined : cn;
  if (name === HEAD_END_USER) return { kind: 'head-end' };
  if (name !== undefined && isEui(name)) return { kind: 'hub', hub: name };
  return undefined;
}
