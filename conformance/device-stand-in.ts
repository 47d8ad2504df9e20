import type { DeviceFirmware } from '../device-core/firmware.js';
import { guardGbcsCommand } from '../device-core/gbcs-command-guard.js';
import { responseBytes } from '../device-core/gbcs-responder.js';
import { nodeCrypto } from '../protocol/crypto/node-provider.js';
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

/** Which signature besides the ACB's a variant needs, as the device firmware decides it (device-core/firmware.ts). */
function authority(variant: string): DeviceTrustRole | undefined {
  if (variant === '6.23') return 'TransitionalCoS';
  try {
    return serviceRequest(variant).critical ? 'Supplier' : undefined;
  } catch {
    return undefined;
  }
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
): Promise<StandInResult> {
  const keys = home.keyStores.get(device.eui);
  if (!keys) return { refused: `no test-PKI certificate for ${device.eui}` };
  const ctx = { self: device.eui, crypto: nodeCrypto, trust: home.trust, counters: new CounterWindow(), keys };
  const verdict = guardGbcsCommand(ctx, bytes, authority);
  if (!verdict.ok) return { refused: `stand-in guard: ${verdict.status}: ${verdict.reason}` };
  const { command, codec, decoded } = verdict;
  const signer = (role: DeviceTrustRole, eui: Eui64) => {
    const key = pki.privateKey(eui, 'ds');
    return key ? { role, eui, key } : undefined;
  };
  const role = authority(command.serviceRequest);
  const signers = [
    signer('AccessControlBroker', RTDS_PARTY.AccessControlBroker),
    role === 'TransitionalCoS' ? signer(role, RTDS_PARTY.TransitionalCoS) : undefined,
    role === 'Supplier' ? signer(role, RTDS_PARTY.Supplier) : undefined,
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
  device.receive(RTDS_DEVICE.CHF, encodeFrame(frame));
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
