import type { CryptoProvider, Eui64 } from '../protocol/index.js';
import type { DeviceType } from '../protocol/device-type.js';
import { encodeGeneralSigning, type DecodedGbcs } from '../protocol/gbcs/envelope/index.js';
import type { GeneralSigning } from '../protocol/gbcs/envelope/types.js';
import type { GbcsPayload } from '../protocol/gbcs/payload.js';
import { buildAlertSigning, isCriticalAlert, type DeviceAlert } from '../protocol/gbcs/use-cases/alerts.js';
import type { Outcome, UseCaseCodec } from '../protocol/gbcs/use-cases/index.js';
import { buildResponseSigning, sealWithMac, signedPart } from '../protocol/gbcs/wire/index.js';
import { devicePairSecrets } from './gbcs-command-guard.js';
import type { DeviceKeyStore } from './device-key-store.js';
import type { TrustStore } from './trust-store.js';

/** What a device needs to put its answers on the HAN as GBCS. */
export interface DeviceWire {
  readonly eui: Eui64;
  readonly type: DeviceType;
  readonly crypto: CryptoProvider;
  readonly trust: TrustStore;
  readonly keys: DeviceKeyStore;
}

/**
 * Protect a device's General-Signing APDU (GBCS-FACTS §1): signed by the device (a bare `DF`)
 * when `signed`, else MAC'd device ↔ recipient (`DD`). Throws WireError NO_KEY when the device
 * holds no KA key for the recipient.
 */
function protect(wire: DeviceWire, signing: GeneralSigning, signed: boolean): Uint8Array {
  if (signed)
    return encodeGeneralSigning({
      ...signing,
      signature: { kind: 'signed', signature: wire.keys.sign(signedPart(signing)) },
    });
  const acb = wire.trust.get('AccessControlBroker')?.eui ?? signing.header.recipient;
  return sealWithMac(wire.crypto, devicePairSecrets(wire.eui, wire.trust, wire.keys), signing, acb);
}

/**
 * The response to a command the device read (GBCS-FACTS §1, §4): the use case's response content
 * for the outcome, the command's counter; device-signed when the command was signed (critical),
 * MAC'd otherwise.
 */
export function responseBytes(
  wire: DeviceWire,
  command: DecodedGbcs,
  codec: UseCaseCodec,
  outcome: Outcome,
  now: number,
): Uint8Array {
  const signing = buildResponseSigning(command.message, codec, outcome, now);
  return protect(wire, signing, command.message.signing.signature.kind === 'signed');
}

/**
 * The answer to a command whose message code the device has no use case for (issue 13 §3: the
 * error a real device gives, never a crash). The facts give no such RTDS response; emulator choice,
 * after the generic payload: a DLMS access-request is answered with `object-undefined` (4) for
 * every spec, a GBZ command with a ZCL Default Response `UNSUP_CLUSTER_COMMAND` (0x81) per component
 * (GBCS-FACTS §8.3, §9.2); anything else gets no answer (undefined).
 */
export function unsupportedResponseBytes(wire: DeviceWire, command: DecodedGbcs): Uint8Array | undefined {
  const header = command.message.signing.header;
  const payload = unsupportedContent(command.message.signing.payload);
  if (!payload) return undefined;
  const signing: GeneralSigning = {
    header: { ...header, cra: 'response', originator: header.recipient, recipient: header.originator, dateTime: null },
    payload,
    signature: { kind: 'unsigned' },
  };
  return protect(wire, signing, command.message.signing.signature.kind === 'signed');
}

function unsupportedContent(payload: GbcsPayload): GbcsPayload | undefined {
  if (payload.kind === 'dlms' && payload.apdu.type === 'access-request') {
    const specs = payload.apdu.specs;
    return {
      kind: 'dlms',
      apdu: {
        type: 'access-response',
        invokeId: payload.apdu.invokeId,
        dateTime: null,
        requestSpecs: null,
        data: specs.map(() => ({ type: 'null-data' })),
        specs: specs.map((s) => ({
          type: s.type === 'action' ? 'action' : s.type.startsWith('set') ? 'set' : 'get',
          result: 4,
        })),
      },
    };
  }
  if (payload.kind === 'gbz' && payload.gbz.form === 'frame') {
    const components = payload.gbz.components;
    return {
      kind: 'gbz',
      gbz: {
        form: 'frame',
        components: components.map((c) => ({
          encrypted: false as const,
          clusterId: c.clusterId,
          header: {
            frameType: 'global' as const,
            direction: 'serverToClient' as const,
            disableDefaultResponse: true,
            sequence: c.header.sequence,
            commandId: 0x0b,
          },
          payload: { kind: 'defaultResponse' as const, commandId: c.header.commandId, status: 0x81 },
        })),
      },
    };
  }
  return undefined;
}

/**
 * A device alert (GBCS-FACTS §1, §8.7, §9.3): the device's own counter; critical ones signed by
 * the device, the rest MAC'd device ↔ recipient. The recipient is the supplier when the device
 * holds its KA key, else the ACB (both are GBCS alert recipients; the DCC routes either by its
 * alert table, dcc-head-end/alert-routing.ts). Emulator choice where the alert table of GBCS is not
 * in the facts.
 */
export function alertBytes(wire: DeviceWire, counter: bigint, alert: DeviceAlert): Uint8Array {
  const supplier = wire.trust.get('Supplier');
  const acb = wire.trust.get('AccessControlBroker');
  const recipient = supplier?.ka ? supplier.eui : (acb?.eui ?? supplier?.eui);
  if (!recipient) throw new RangeError('a device without trust anchors raises no alert');
  const signing = buildAlertSigning({ eui: wire.eui, type: wire.type }, counter, recipient, alert);
  return protect(wire, signing, isCriticalAlert(alert.alertCode));
}
