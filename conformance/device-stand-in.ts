import type { DeviceFirmware } from '../device-core/firmware.js';
import { guardGbcsCommand } from '../device-core/gbcs-command-guard.js';
import { responseBytes } from '../device-core/gbcs-responder.js';
import { nodeCrypto } from '../protocol/crypto/node-provider.js';
import { decodeGbcs } from '../protocol/gbcs/envelope/index.js';
import { DEVICE_TRUST_ROLES } from '../protocol/roles.js';
import {
  CounterWindow,
  decodeFrame,
  encodeFrame,
  serviceRequest,
  signFrame,
  type CommandFrame,
  type DeviceTrustRole,
  type Eui64,
} from '../protocol/index.js';
import type { VirtualClock } from '../protocol/clock.js';
import { RTDS_DEVICE, RTDS_PARTY, type RtdsPremises } from '../world/rtds-premises.js';
import type { TestPki } from '../world/test-pki-keystore.js';

/** What the stand-in made of a command: GBCS response bytes, or why it has none. */
export type StandInResult = { readonly response: Uint8Array } | { readonly refused: string };

/**
 * Which signature besides the ACB's a variant needs: 6.23 the Transitional CoS party's; any other
 * critical SR its originator's, in the role the trust store holds it (GBCS-FACTS §6.4: the
 * supplier, the network operator, the WAN provider, the load controller ...), the Supplier's when
 * the originator holds none.
 */
function authorityFor(home: RtdsPremises, originator: Eui64): (variant: string) => DeviceTrustRole | undefined {
  return (variant) => {
    if (variant === '6.23') return 'TransitionalCoS';
    let critical = false;
    try {
      critical = serviceRequest(variant).critical;
    } catch {
      return undefined;
    }
    if (!critical) return undefined;
    return DEVICE_TRUST_ROLES.find((role) => home.trust.get(role)?.eui === originator) ?? 'Supplier';
  };
}

/**
 * A stand-in for the device firmware's GBCS path, used only while the firmware does not read GBCS
 * (the run says so per case): the spine's GBCS guard checks the RTDS bytes as the device would
 * (the ACB MAC from the test-PKI secret, the signature, the counter) and the use case's codec reads
 * the body; the device model executes it through its own entry point, handed as the frame it
 * reads today (signed with the parties' published DS keys); and the spine's responder turns the
 * outcome into the use case's GBCS response with the device's test-PKI key store. Everything but
 * the hand-over between the two formats is the real code.
 */
export async function standIn(
  device: DeviceFirmware,
  home: RtdsPremises,
  pki: TestPki,
  clock: VirtualClock,
  bytes: Uint8Array,
  caught: Uint8Array[],
  deliver: (frame: Uint8Array) => void = (frame) => device.receive(RTDS_DEVICE.CHF, frame),
): Promise<StandInResult> {
  const keys = home.keyStores.get(device.eui);
  if (!keys) return { refused: `no test-PKI certificate for ${device.eui}` };
  const ctx = { self: device.eui, crypto: nodeCrypto, trust: home.trust, counters: new CounterWindow(), keys };
  const originator = decodeGbcs(bytes).signing.header.originator;
  const authority = authorityFor(home, originator);
  const verdict = guardGbcsCommand(ctx, bytes, authority);
  if (!verdict.ok) return { refused: `stand-in guard: ${verdict.status}: ${verdict.reason}` };
  const { command, codec, decoded } = verdict;
  const signer = (role: DeviceTrustRole, eui: Eui64) => {
    const key = pki.privateKey(eui, 'ds');
    return key ? { role, eui, key } : undefined;
  };
  const role = authority(command.serviceRequest);
  // The model's own guard wants the ACB's signature and, for a critical SR, the trusted party's.
  const signers = [
    signer('AccessControlBroker', RTDS_PARTY.AccessControlBroker),
    role ? signer(role, home.trust.get(role)?.eui ?? RTDS_PARTY.Supplier) : undefined,
  ];
  let frame: CommandFrame = {
    kind: 'command',
    header: {
      originator: command.header.originator,
      recipient: device.eui,
      counter: command.header.counter,
      createdAt: clock.now(),
      ...(command.executeAt !== undefined ? { executeAt: command.executeAt } : {}),
    },
    serviceRequest: command.serviceRequest,
    payload: command.body,
    signatures: [],
  };
  for (const s of signers) if (s) frame = signFrame(nodeCrypto, frame, s.role, s.eui, s.key);
  const from = caught.length;
  deliver(encodeFrame(frame));
  await clock.advanceAsync(1_000);
  for (const answer of caught.slice(from)) {
    let reply;
    try {
      reply = decodeFrame(answer);
    } catch {
      continue;
    }
    if (reply.kind !== 'response' || reply.inResponseTo !== command.header.counter) continue;
    const wire = { eui: device.eui, type: device.identity.type, crypto: nodeCrypto, trust: home.trust, keys };
    return {
      response: responseBytes(wire, decoded, codec, { status: reply.status, payload: reply.payload }, clock.now()),
    };
  }
  return { refused: 'the device model gave no response' };
}
