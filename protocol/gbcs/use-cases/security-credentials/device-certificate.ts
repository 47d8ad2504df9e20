import type { PlainValue } from '../../../cbor.js';
import type { DeviceType } from '../../../device-type.js';
import type { ServiceReferenceVariant } from '../../../catalogue.js';
import { GbcsError } from '../../errors.js';
import { decodeDer, encodeDer, isCertificate, type DerNode } from '../../asn1/index.js';
import { UseCaseError, type Outcome, type UseCaseCodec } from '../use-case-codec.js';
import { der, derRoot, integer, seq, sequence, small } from './der-fields.js';
import { keyUsageNode, readKeyUsage } from './trust-cells.js';

/**
 * A device's own certificates (GBCS-FACTS §10; RTDS 6.15.2_CS02d, 6.24.2_CS02e): the subject is
 * empty and the device's EUI-64 sits in the subjectAltName (2.5.29.17) as a hardwareModuleName;
 * the key usage extension (2.5.29.15) says whether it certifies the signing or the key agreement
 * key.
 *
 * CS02d Update Device Certificate on Device (SR 6.15.2): command = the certificate; response =
 * INTEGER 0 success, 1 invalid certificate, 2 wrong device identity, 3 invalid key usage, 4 no
 * corresponding key pair, 5 wrong public key, 6 storage failed, 7 private key change failed.
 * Body: `{ certificate: <DER bytes> }`; outcome payload `{ code }`.
 *
 * CS02e Provide Device Certificate from Device (SR 6.24.2): command SEQUENCE { keyUsage };
 * response = the certificate, or INTEGER 1 invalid key usage, 2 no certificate held, 3 retrieval
 * failure. Body: `{ keyUsage: "ds" | "ka" }`; outcome payload `{ certificate }` or `{ code }`.
 */
export const UPDATE_CERTIFICATE_CODE = {
  success: 0,
  invalidCertificate: 1,
  wrongDeviceIdentity: 2,
  invalidKeyUsage: 3,
  storageFailed: 6,
} as const;
export const PROVIDE_CERTIFICATE_CODE = { invalidKeyUsage: 1, noCertificateHeld: 2, retrievalFailure: 3 } as const;

const SUBJECT_ALT_NAME = '2.5.29.17';
const KEY_USAGE = '2.5.29.15';

export interface DeviceCertificateView {
  /** The hardwareModuleName's 8-byte serial, when the certificate has one. */
  readonly entityId?: Uint8Array;
  readonly usage: 'ds' | 'ka' | 'other';
}

function kids(n: DerNode | undefined): readonly DerNode[] {
  return n?.type === 'sequence' || n?.type === 'set' || (n?.type === 'tagged' && n.constructed) ? n.children : [];
}

function firstOctets8(n: DerNode): Uint8Array | undefined {
  if (n.type === 'octetString' && n.value.length === 8) return n.value;
  for (const c of kids(n)) {
    const found = firstOctets8(c);
    if (found) return found;
  }
  return undefined;
}

/** What a device checks in a certificate meant for itself (never throws on a well-formed DER cert). */
export function readDeviceCertificate(cert: DerNode): DeviceCertificateView {
  const tbs = kids(kids(cert)[0]);
  const extensions = kids(kids(tbs.find((n) => n.type === 'tagged' && n.tagNumber === 3))[0]);
  let entityId: Uint8Array | undefined;
  let usage: DeviceCertificateView['usage'] = 'other';
  for (const ext of extensions) {
    const items = kids(ext);
    const id = items[0];
    const value = items[items.length - 1];
    if (id?.type !== 'oid' || value?.type !== 'octetString') continue;
    try {
      const inner = decodeDer(value.value, 0).root;
      if (id.value === SUBJECT_ALT_NAME) entityId = firstOctets8(inner);
      if (id.value === KEY_USAGE) usage = readKeyUsage(inner, 'keyUsage');
    } catch (e) {
      if (!(e instanceof GbcsError) && !(e instanceof UseCaseError)) throw e;
    }
  }
  return { ...(entityId ? { entityId } : {}), usage };
}

function certificateBytes(body: PlainValue): Uint8Array {
  const b = body as { certificate?: PlainValue } | null;
  const cert = b !== null && typeof b === 'object' && !Array.isArray(b) ? b.certificate : undefined;
  if (!(cert instanceof Uint8Array)) throw new UseCaseError('certificate must be the DER bytes of one', 'certificate');
  return cert;
}

function certificateNode(bytes: Uint8Array): DerNode {
  let root: DerNode;
  try {
    root = decodeDer(bytes, 0).root;
  } catch {
    throw new UseCaseError('certificate is not DER', 'certificate');
  }
  if (!isCertificate(root)) throw new UseCaseError('certificate is not an X.509 certificate', 'certificate');
  return root;
}

const codeOf = (outcome: Outcome, fallback: number): number => {
  const c = (outcome.payload as { code?: PlainValue } | null)?.code;
  return typeof c === 'number' && Number.isInteger(c) && c >= 0 && c <= 127 ? c : fallback;
};

export function updateDeviceCertificateCodec(
  useCase: string,
  messageCode: number,
  variant: ServiceReferenceVariant,
  device: DeviceType,
): UseCaseCodec {
  return {
    useCase,
    messageCode,
    variant,
    device,
    encodeCommand: (body) => der(certificateNode(certificateBytes(body))),
    decodeCommand: (payload) => {
      const root = derRoot(payload, 'certificate');
      if (!isCertificate(root)) throw new UseCaseError('the command must be one X.509 certificate', 'certificate');
      return { certificate: encodeDer({ root }) };
    },
    encodeResponse: (outcome) =>
      der(integer(outcome.status === 'OK' ? 0 : codeOf(outcome, UPDATE_CERTIFICATE_CODE.invalidCertificate))),
    decodeResponse: (payload) => {
      const code = small(derRoot(payload, 'response'), 'response.code', [0, 1, 2, 3, 4, 5, 6, 7]);
      // 2 wrong identity and 3 invalid key usage are the command's fault (BAD_PAYLOAD); the rest the device's.
      if (code === 0) return { status: 'OK', payload: { code } };
      return { status: code === 2 || code === 3 || code === 1 ? 'BAD_PAYLOAD' : 'INVALID_STATE', payload: { code } };
    },
  };
}

export function provideDeviceCertificateCodec(
  useCase: string,
  messageCode: number,
  variant: ServiceReferenceVariant,
  device: DeviceType,
): UseCaseCodec {
  return {
    useCase,
    messageCode,
    variant,
    device,
    encodeCommand: (body) => {
      const k = (body as { keyUsage?: PlainValue } | null)?.keyUsage;
      if (k !== 'ds' && k !== 'ka') throw new UseCaseError('keyUsage must be "ds" or "ka"', 'keyUsage');
      return der(sequence(keyUsageNode(k)));
    },
    decodeCommand: (payload) => {
      const [usage] = seq(derRoot(payload, 'command'), 'command', 1, 1);
      return { keyUsage: readKeyUsage(usage, 'command.keyUsage') };
    },
    encodeResponse: (outcome) => {
      const cert = (outcome.payload as { certificate?: PlainValue } | null)?.certificate;
      if (outcome.status === 'OK' && cert instanceof Uint8Array) return der(certificateNode(cert));
      return der(integer(codeOf(outcome, PROVIDE_CERTIFICATE_CODE.retrievalFailure)));
    },
    decodeResponse: (payload): Outcome => {
      const root = derRoot(payload, 'response');
      if (isCertificate(root)) return { status: 'OK', payload: { certificate: encodeDer({ root }) } };
      const code = small(root, 'response.code', [1, 2, 3]);
      // 1 invalid key usage: the command's fault; 2 none held, 3 retrieval failure: the device's state.
      return { status: code === 1 ? 'BAD_PAYLOAD' : 'INVALID_STATE', payload: { code } };
    },
  };
}
