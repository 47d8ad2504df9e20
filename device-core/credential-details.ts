import type { CounterWindow, DeviceTrustRole, PlainValue } from '../protocol/index.js';
import { keyIdOf } from '../protocol/gbcs/use-cases/security-credentials/certificate.js';
import type { RemotePartyRoleName } from '../protocol/gbcs/use-cases/security-credentials/trust-cells.js';
import type { Execution } from './firmware.js';
import { body, type ServiceCommand } from './handlers.js';
import { PayloadError } from './payload.js';
import type { TrustStore } from './trust-store.js';

/** GBCS remote party roles (GBCS-FACTS §10) as the trust store names them; the Issuing Authority has no cell here. */
const TRUST_ROLE: Readonly<Record<RemotePartyRoleName, DeviceTrustRole | undefined>> = {
  root: 'Root',
  recovery: 'Recovery',
  supplier: 'Supplier',
  networkOperator: 'NetworkOperator',
  accessControlBroker: 'AccessControlBroker',
  transitionalCoS: 'TransitionalCoS',
  wanProvider: 'WanProvider',
  issuingAuthority: undefined,
  other: 'OtherUser',
};

/**
 * SR 6.24.1 (CS02a Provide Security Credential Details) on any device: for each role asked, the
 * cells the trust store holds (subject id and key id per key) and the current seq number, the
 * highest counter accepted from that party (0 when none yet). A role with no credentials is status
 * 25 "trust anchor not found" and the device answers INVALID_STATE, as the RTDS ERROR variant asks
 * a GSME for a network operator it does not hold.
 */
export function provideCredentialDetails(
  device: { readonly trust: TrustStore; readonly counters: CounterWindow },
  command: ServiceCommand,
): Execution {
  const roles = body(command).roles;
  if (!Array.isArray(roles) || roles.length === 0)
    throw new PayloadError('roles must list remote party roles', 'roles');
  let missing = false;
  const credentials = roles.map((name, k): PlainValue => {
    if (typeof name !== 'string' || !Object.hasOwn(TRUST_ROLE, name))
      throw new PayloadError(`roles[${k}] is not a remote party role`, `roles[${k}]`);
    const role = TRUST_ROLE[name as RemotePartyRoleName];
    const held = role === undefined ? undefined : device.trust.get(role);
    if (held === undefined) {
      missing = true;
      return { role: name, status: 25 };
    }
    const cells: PlainValue[] = [{ cell: 'ds', eui: held.eui, keyId: keyIdOf(held.ds.point) }];
    if (held.ka) cells.push({ cell: 'ka', eui: held.eui, keyId: keyIdOf(held.ka.point) });
    if (held.prepaymentKa) cells.push({ cell: 'prepaymentKa', eui: held.eui, keyId: keyIdOf(held.prepaymentKa.point) });
    const counter = (device.counters.lastAccepted(held.eui) ?? 0n).toString();
    return { role: name, status: 0, counter, cells };
  });
  return { status: missing ? 'INVALID_STATE' : 'OK', payload: { credentials } };
}
