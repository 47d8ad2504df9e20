import { nodeCrypto } from '../protocol/crypto/node-provider.js';
import { VirtualClock } from '../protocol/clock.js';
import { decodeGbcs, decodeGbcsWithLayout, type DecodedGbcs } from '../protocol/gbcs/envelope/index.js';
import { GbcsError } from '../protocol/gbcs/errors.js';
import { checkProtection, type GbcsKeyResolver } from '../protocol/gbcs/protection/index.js';
import type { DeviceFirmware } from '../device-core/firmware.js';
import type { Eui64 } from '../protocol/index.js';
import type { HubLink } from '../protocol/wan-link.js';
import { buildRtdsPremises, RTDS_DEVICE, type RtdsPremises } from '../world/rtds-premises.js';
import type { TestPki } from '../world/test-pki-keystore.js';
import { contextFor } from './device-context.js';
import { standIn } from './device-stand-in.js';
import { compareShapes, outcomeOf, type PayloadOutcome } from './device-shape.js';

/** One RTDS COMMAND replayed to our device, and what came back (issue 13 §4). */
export interface DeviceCaseResult {
  readonly file: string;
  /** The device took the command: it passed the checks and was not refused (no guard refusal, no decode failure). */
  readonly accepted: boolean;
  /** The device's handler ran. */
  readonly executed: boolean;
  /** Our response has the RTDS response's use case, shape, protection and outcome. */
  readonly matches: boolean;
  /** Why not, when it does not match: the first reasons found. */
  readonly why: readonly string[];
  /** The device signed its response: shape-only, since a test-PKI device cannot sign as itself. */
  readonly shapeOnly: boolean;
  /** The firmware did not read GBCS, so the stand-in (device-stand-in.ts) carried the command to the model. */
  readonly standIn: boolean;
}

type Decoded = DecodedGbcs & { readonly bytes: Uint8Array };

/** How long a case runs on the virtual clock: past a GSME's 30-minute wake, so that the GPF mailbox drains. */
const RUN_MS = 31 * 60_000;
/** The RTDS responses are dated 2015-01-01 (GBCS-FACTS §11); the devices' clock starts there. */
const RTDS_EPOCH = Date.UTC(2015, 0, 1);

/**
 * Build a fresh RTDS premises, set the device's state for this use case, deliver the COMMAND
 * bytes (through the hub for a party's command, straight to the device's HAN endpoint for a
 * HAN-originated one, PCS01/02), capture what comes up, and check it against the RTDS RESPONSE.
 */
export async function runDeviceCase(
  file: string,
  useCase: string,
  command: Uint8Array,
  expected: Uint8Array | undefined,
  pki: TestPki,
): Promise<DeviceCaseResult> {
  const fail = (why: string, accepted = false, executed = false): DeviceCaseResult => ({
    file,
    accepted,
    executed,
    matches: false,
    why: [why],
    shapeOnly: false,
    standIn: false,
  });
  let header;
  try {
    header = decodeGbcs(command).signing.header;
  } catch (error) {
    return fail(`the RTDS command does not decode: ${describe(error)}`);
  }
  const clock = new VirtualClock(RTDS_EPOCH);
  const up: Uint8Array[] = [];
  const link = captureLink(RTDS_DEVICE.CHF, up);
  const context = contextFor(useCase);
  const home = buildRtdsPremises({ clock, crypto: nodeCrypto, link: link.link, pki, ...context.options });
  const device = home.devices.get(header.recipient);
  if (!device)
    return fail(`no device model for ${header.recipient}${header.recipient === RTDS_DEVICE.HCALCS ? ' (HCALCS)' : ''}`);
  context.prepare?.(home);
  await home.hub.start();
  home.gsme.startWakeCycle();
  const before = { ...device.stats };
  const hubMalformed = home.hub.routing.malformedDown;
  // Did the command's bytes reach the device (through the hub, or the GPF's mailbox for a GSME)?
  let reached = false;
  const deviceReceive = device.receive.bind(device);
  device.receive = (from, bytes) => {
    if (sameBytes(bytes, command)) reached = true;
    deviceReceive(from, bytes);
  };
  const originator = home.devices.get(header.originator);
  const hanOriginated = originator !== undefined;
  // The device's parent on the HAN: the GPF for the GSME (its mailbox), the CHF for the rest.
  const parent = device === home.gsme ? home.gpf : home.hub;
  const onHan: Uint8Array[] = [];
  let direct = false;
  if (originator) {
    // PCS01/02: the answer crosses the HAN to the originating device (the PPMID).
    listen(originator, device.eui, onHan);
    device.receive(header.originator, command);
  } else {
    listen(parent, device.eui, onHan);
    link.deliver(command);
    // The CHF executes its own commands off the WAN: the link delivered them to it.
    if (device === home.hub) reached = home.hub.routing.malformedDown === hubMalformed;
    await clock.advanceAsync(0);
    if (!reached && device !== home.hub && home.hub.routing.malformedDown > hubMalformed) {
      // The hub does not route GBCS yet: hand the bytes to the device's HAN endpoint as its parent would.
      direct = true;
      device.receive(parent.eui, command);
    }
  }
  await clock.advanceAsync(RUN_MS);
  // The firmware does not read GBCS yet: run the stand-in (device-stand-in.ts) and say so.
  let standInUsed = false;
  let standInWhy: string | undefined;
  let counts = before;
  let response: Decoded | undefined;
  if (device.stats.malformed > before.malformed && device !== home.hub && !hanOriginated) {
    standInUsed = true;
    counts = { ...device.stats };
    const caught: Uint8Array[] = [];
    listen(home.hub, device.eui, caught);
    const result = await standIn(device, home, pki, clock, command, caught);
    if ('response' in result) response = tryDecode(result.response);
    else standInWhy = result.refused;
  }
  home.gsme.stopWakeCycle();
  const accepted =
    (reached || standInUsed) &&
    standInWhy === undefined &&
    device.stats.malformed === counts.malformed &&
    device.stats.refused === counts.refused &&
    device.stats.internalErrors === counts.internalErrors;
  const executed = device.stats.executed > counts.executed;
  // What the hub passed up, else what the device sent its parent on the HAN (the hub did not pass it up).
  const isResponse = (m: Decoded | undefined) => m?.message.signing.header.cra === 'response';
  response ??= (hanOriginated ? [] : up).map(tryDecode).find(isResponse) ?? onHan.map(tryDecode).find(isResponse);
  const via = standInUsed ? 'stand-in: ' : direct ? 'hub does not route GBCS, delivered on the HAN: ' : '';
  if (!expected)
    return {
      file,
      accepted,
      executed,
      matches: false,
      why: ['the RTDS has no RESPONSE for it'],
      shapeOnly: false,
      standIn: standInUsed,
    };
  if (!response)
    return fail(
      `${via}${standInWhy ?? whyNoResponse(device.stats, counts, device.lastInternalError)}`,
      accepted,
      executed,
    );
  const why = checkResponse(decodeGbcsWithLayout(expected), response, home, pki.resolver);
  const shapeOnly = response.message.signing.signature.kind === 'signed';
  return {
    file,
    accepted,
    executed,
    matches: why.length === 0,
    why: why.map((w) => via + w),
    shapeOnly,
    standIn: standInUsed,
  };
}

function whyNoResponse(
  after: { malformed: number; refused: number; internalErrors: number },
  before: { malformed: number; refused: number; internalErrors: number },
  internal: string | undefined,
): string {
  if (after.malformed > before.malformed)
    return 'the device refused the bytes as malformed (it does not read GBCS yet)';
  if (after.internalErrors > before.internalErrors) return `internal error: ${internal?.split('\n')[0] ?? '?'}`;
  if (after.refused > before.refused) return 'refused, with no response captured';
  return 'no response came up';
}

/** Our response against the RTDS one: the same kind, message code, protection, shape and outcome. */
function checkResponse(expected: DecodedGbcs, ours: Decoded, home: RtdsPremises, pki: GbcsKeyResolver): string[] {
  const why: string[] = [];
  const e = expected.message.signing;
  const a = ours.message.signing;
  const code = (h: typeof e.header) => `0x${h.otherInformation.messageCode.toString(16).padStart(4, '0')}`;
  if (code(e.header) !== code(a.header)) why.push(`message code ${code(a.header)}, RTDS ${code(e.header)}`);
  if (expected.message.kind !== ours.message.kind)
    why.push(`${ours.message.kind}, RTDS ${expected.message.kind} (MAC'd or not)`);
  if (e.signature.kind !== a.signature.kind) why.push(`signature ${a.signature.kind}, RTDS ${e.signature.kind}`);
  if (e.header.recipient !== a.header.recipient) why.push(`to ${a.header.recipient}, RTDS to ${e.header.recipient}`);
  // The MAC with the parties' published keys; a signature with the key the device really signs with (shape-only).
  const report = checkProtection(nodeCrypto, signerAware(pki, home), ours.bytes, ours);
  if (report.mac.status === 'invalid') why.push('our MAC does not verify with the test-PKI secret');
  if (report.signature.status === 'invalid') why.push('our signature does not verify even with the throwaway key');
  const outcome = (o: PayloadOutcome) => (o.kind === 'error' ? `error (${o.code})` : o.kind);
  const eo = outcomeOf(e.payload);
  const ao = outcomeOf(a.payload);
  if (eo.kind !== ao.kind) why.push(`outcome ${outcome(ao)}, RTDS ${outcome(eo)}`);
  else if (eo.kind === 'error' && ao.kind === 'error' && eo.code !== ao.code)
    why.push(`error ${ao.code}, RTDS ${eo.code}`);
  for (const d of compareShapes(e.payload, a.payload).slice(0, 3))
    why.push(`shape ${d.path}: ${d.actual}, RTDS ${d.expected}`);
  return why;
}

/** The test PKI, with each test-PKI device's DS key replaced by the throwaway key it signs with. */
function signerAware(pki: GbcsKeyResolver, home: RtdsPremises): GbcsKeyResolver {
  return {
    publicKey: (eui, usage) =>
      (usage === 'ds' ? home.keyStores.get(eui)?.throwawayDsPublic : undefined) ?? pki.publicKey(eui, usage),
    privateKey: (eui, usage) => pki.privateKey(eui, usage),
  };
}

function tryDecode(bytes: Uint8Array): Decoded | undefined {
  try {
    return { ...decodeGbcsWithLayout(bytes), bytes };
  } catch {
    return undefined;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

function describe(error: unknown): string {
  return error instanceof GbcsError ? error.message : String(error);
}

/** Catch the frames `receiver` gets from `from` on the HAN, then let it handle them as before. */
function listen(receiver: DeviceFirmware, from: Eui64, sink: Uint8Array[]): void {
  const receive = receiver.receive.bind(receiver);
  receiver.receive = (sender, bytes) => {
    if (sender === from) sink.push(Uint8Array.from(bytes));
    receive(sender, bytes);
  };
}

/** A hub link that hands the run each frame the hub sends up and lets it deliver frames down. */
function captureLink(hub: Eui64, up: Uint8Array[]): { link: HubLink; deliver(bytes: Uint8Array): void } {
  let onDown: (bytes: Uint8Array) => void = () => {};
  let open = false;
  const link: HubLink = {
    hub,
    get isOpen() {
      return open;
    },
    open: () => {
      open = true;
      return Promise.resolve();
    },
    sendUp: (frame) => {
      up.push(Uint8Array.from(frame));
      return Promise.resolve();
    },
    onDown: (handler) => {
      onDown = handler;
    },
    close: () => {
      open = false;
      return Promise.resolve();
    },
  };
  return { link, deliver: (bytes) => onDown(Uint8Array.from(bytes)) };
}
