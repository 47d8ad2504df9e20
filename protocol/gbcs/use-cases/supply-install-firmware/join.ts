import type { ServiceReferenceVariant } from '../../../catalogue.js';
import type { PlainValue } from '../../../cbor.js';
import type { DeviceType } from '../../../device-type.js';
import { euiToBytes, formatEuiBytes, isEui, parseEui } from '../../../eui.js';
import { decodeDer, encodeDer, type DerNode } from '../../asn1/index.js';
import { GbcsError } from '../../errors.js';
import type { UseCaseCodec } from '../use-case-codec.js';
import { der, derBytes, derChildren, derInt, derNumber, derOctets, derRoot, derSeq } from './der-kit.js';
import { bodyMap, fail, outcome, type PayloadMap } from './kit.js';

/**
 * SRs 8.7.1/8.7.2 Join Service and 8.8.1/8.8.2 Unjoin Service (GBCS-FACTS §10).
 *
 * CS03 join: SEQUENCE {INTEGER method and role (0 method A initiator: CS03A1, 1 method A
 * responder: CS03A2, 2 method B: CS03B, 3 method C: CS03C), OCTET STRING(8) the other device,
 * INTEGER its device type (0 GSME, 1 ESME, 2 CHF, 3 GPF, 4 HCALCS, 5 PPMID, 6 Type 2), and for
 * method C its certificate}. CS04 unjoin: OCTET STRING(8) the other device (CS04AC for methods A
 * and C, CS04B for B). Each answers an INTEGER, 0 for success.
 *
 * Body: `{ device }` (the other device's EUI, what the handlers read), plus `deviceType`
 * (`ESME`, `GSME`, `CHF`, `GPF`, `HCALCS`, `PPMID`, `IHD` for a Type 2 device), `method`
 * (`A`, `B`, `C`), `certificate` (DER bytes, method C). A JSON body with only `device` gets
 * deviceType IHD: the built-in scenarios join displays (emulator choice).
 *
 * Refusals: the RTDS ERROR variants answer a join with 3 (CS03A1: the device is already joined as
 * another type), 2 (CS03B: a method B join from a device that may not join that way), 11 (CS03C:
 * no certificate), and an unjoin with 1 (CS04: the device is not joined). A device's INVALID_STATE
 * gives the use case's code, BAD_PAYLOAD 11 for a join (the bad-content code the RTDS shows) and
 * 255 otherwise (emulator choice); decoding gives INVALID_STATE for the state code, BAD_PAYLOAD
 * for any other non-zero code.
 */

export type JoinDeviceType = DeviceType | 'HCALCS';
const TYPE_CODES: readonly JoinDeviceType[] = ['GSME', 'ESME', 'CHF', 'GPF', 'HCALCS', 'PPMID', 'IHD'];
const METHOD_ROLE = { A1: 0, A2: 1, B: 2, C: 3 } as const;
type MethodRole = keyof typeof METHOD_ROLE;
const BAD_CONTENT = 11;
const OTHER_REFUSAL = 255;

function euiOf(body: PayloadMap, useCase: string): Uint8Array {
  const value = body.device;
  if (typeof value !== 'string') fail(useCase, 'device', 'must be an EUI-64');
  try {
    return euiToBytes(parseEui(value, 'device'));
  } catch {
    return fail(useCase, 'device', 'must be an EUI-64');
  }
}

function typeCode(body: PayloadMap, useCase: string): number {
  const type = body.deviceType ?? 'IHD';
  const code = TYPE_CODES.indexOf(type as JoinDeviceType);
  if (code < 0) fail(useCase, 'deviceType', `must be one of ${TYPE_CODES.join(', ')}`);
  return code;
}

function certificateNode(body: PayloadMap, useCase: string): DerNode | undefined {
  const cert = body.certificate;
  if (cert === undefined || cert === null) return undefined;
  if (!(cert instanceof Uint8Array)) fail(useCase, 'certificate', 'must be DER bytes');
  try {
    const root = decodeDer(cert, 0).root;
    if (root.type !== 'sequence') throw new GbcsError('BAD_TAG', 'not a SEQUENCE', 0, 'certificate');
    return root;
  } catch {
    return fail(useCase, 'certificate', 'must be one DER certificate');
  }
}

const methodOf = (body: PlainValue): unknown =>
  body !== null && typeof body === 'object' && !Array.isArray(body) && !(body instanceof Uint8Array)
    ? (body as PayloadMap).method
    : undefined;

function joinCodec(
  useCase: string,
  messageCode: number,
  variant: ServiceReferenceVariant,
  device: DeviceType,
  role: MethodRole,
  stateCode: number,
  selects?: (body: PlainValue) => boolean,
): UseCaseCodec {
  const withCertificate = role === 'C';
  return {
    useCase,
    messageCode,
    variant,
    device,
    ...(selects ? { selects } : {}),
    encodeCommand: (body) => {
      const b = bodyMap(body);
      const children: DerNode[] = [
        derInt(METHOD_ROLE[role]),
        derOctets(euiOf(b, useCase)),
        derInt(typeCode(b, useCase)),
      ];
      const cert = withCertificate ? certificateNode(b, useCase) : undefined;
      if (cert) children.push(cert);
      return der(derSeq(children));
    },
    decodeCommand: (payload) => {
      const items = derChildren(useCase, derRoot(useCase, payload), 'join', 3, withCertificate ? 4 : 3);
      if (derNumber(useCase, items[0], 'methodAndRole', 0, 3) !== METHOD_ROLE[role])
        fail(useCase, 'methodAndRole', `must be ${METHOD_ROLE[role]}`);
      const other = formatEuiBytes(derBytes(useCase, items[1], 'otherDevice', 8));
      const deviceType = TYPE_CODES[derNumber(useCase, items[2], 'deviceType', 0, TYPE_CODES.length - 1)] ?? 'IHD';
      const body: Record<string, PlainValue> = {
        device: other,
        deviceType,
        method: role === 'A1' || role === 'A2' ? 'A' : role,
      };
      const cert = items[3];
      if (cert) {
        if (cert.type !== 'sequence') fail(useCase, 'certificate', 'must be a certificate SEQUENCE');
        body.certificate = encodeDer({ root: cert });
      }
      return body;
    },
    encodeResponse: (result) =>
      der(
        derInt(
          result.status === 'OK'
            ? 0
            : result.status === 'INVALID_STATE'
              ? stateCode
              : result.status === 'BAD_PAYLOAD'
                ? BAD_CONTENT
                : OTHER_REFUSAL,
        ),
      ),
    decodeResponse: (payload) => responseCode(useCase, payload, stateCode),
  };
}

function responseCode(useCase: string, payload: Parameters<UseCaseCodec['decodeResponse']>[0], stateCode: number) {
  const code = derNumber(useCase, derRoot(useCase, payload), 'responseCode', 0, 0xffff);
  if (code === 0) return outcome('OK', { result: 0 });
  return outcome(code === stateCode ? 'INVALID_STATE' : 'BAD_PAYLOAD', { result: code });
}

function unjoinCodec(
  useCase: string,
  messageCode: number,
  variant: ServiceReferenceVariant,
  device: DeviceType,
  selects?: (body: PlainValue) => boolean,
): UseCaseCodec {
  const NOT_JOINED = 1;
  return {
    useCase,
    messageCode,
    variant,
    device,
    ...(selects ? { selects } : {}),
    encodeCommand: (body) => der(derOctets(euiOf(bodyMap(body), useCase))),
    decodeCommand: (payload) => {
      const other = derBytes(useCase, derRoot(useCase, payload), 'otherDevice', 8);
      const eui = formatEuiBytes(other);
      if (!isEui(eui)) fail(useCase, 'otherDevice', 'must be an EUI-64');
      return { device: eui };
    },
    encodeResponse: (result) =>
      der(derInt(result.status === 'OK' ? 0 : result.status === 'INVALID_STATE' ? NOT_JOINED : OTHER_REFUSAL)),
    decodeResponse: (payload) => responseCode(useCase, payload, NOT_JOINED),
  };
}

const isMethod = (m: string) => (body: PlainValue) => methodOf(body) === m;
const notMethod =
  (...ms: string[]) =>
  (body: PlainValue) =>
    !ms.includes(String(methodOf(body)));

/**
 * Which device answers which join (the RTDS recipients: CS03A1 at the ESME, CS03A2 at the PPMID,
 * CS03B at the GSME, CS03C at the GSME and the PPMID). The meters initiate method A; a GPF, a
 * PPMID and an IHD respond to it; method B joins a Type 2 device to a meter or the GPF. Where one
 * variant has several use cases on a device type, `method` selects, first match wins.
 */
export const JOIN_USE_CASES: readonly UseCaseCodec[] = [
  // 8.7.1 (critical)
  joinCodec('CS03C', 0x00af, '8.7.1', 'GSME', 'C', BAD_CONTENT, isMethod('C')),
  joinCodec('CS03A1', 0x000d, '8.7.1', 'ESME', 'A1', 3),
  joinCodec('CS03A1', 0x000d, '8.7.1', 'GSME', 'A1', 3),
  joinCodec('CS03C', 0x00af, '8.7.1', 'PPMID', 'C', BAD_CONTENT, isMethod('C')),
  joinCodec('CS03A2', 0x00ab, '8.7.1', 'PPMID', 'A2', 3),
  joinCodec('CS03A2', 0x00ab, '8.7.1', 'GPF', 'A2', 3),
  // 8.7.2 (non-critical)
  joinCodec('CS03B', 0x000e, '8.7.2', 'ESME', 'B', 2),
  joinCodec('CS03B', 0x000e, '8.7.2', 'GSME', 'B', 2),
  joinCodec('CS03A2', 0x00ab, '8.7.2', 'GPF', 'A2', 3, isMethod('A')),
  joinCodec('CS03B', 0x000e, '8.7.2', 'GPF', 'B', 2),
  joinCodec('CS03C', 0x00af, '8.7.2', 'PPMID', 'C', BAD_CONTENT, isMethod('C')),
  joinCodec('CS03A2', 0x00ab, '8.7.2', 'PPMID', 'A2', 3),
  joinCodec('CS03C', 0x00af, '8.7.2', 'IHD', 'C', BAD_CONTENT, isMethod('C')),
  joinCodec('CS03A2', 0x00ab, '8.7.2', 'IHD', 'A2', 3),
  // 8.8.1 (critical): methods A and C
  unjoinCodec('CS04AC', 0x000f, '8.8.1', 'ESME'),
  unjoinCodec('CS04AC', 0x000f, '8.8.1', 'GSME'),
  unjoinCodec('CS04AC', 0x000f, '8.8.1', 'GPF'),
  // 8.8.2 (non-critical): CS04B for a method B join, CS04AC otherwise
  unjoinCodec('CS04AC', 0x000f, '8.8.2', 'ESME', notMethod('B', 'undefined')),
  unjoinCodec('CS04B', 0x0010, '8.8.2', 'ESME'),
  unjoinCodec('CS04AC', 0x000f, '8.8.2', 'GSME', notMethod('B', 'undefined')),
  unjoinCodec('CS04B', 0x0010, '8.8.2', 'GSME'),
  unjoinCodec('CS04AC', 0x000f, '8.8.2', 'GPF', notMethod('B', 'undefined')),
  unjoinCodec('CS04B', 0x0010, '8.8.2', 'GPF'),
  unjoinCodec('CS04AC', 0x000f, '8.8.2', 'PPMID'),
  unjoinCodec('CS04AC', 0x000f, '8.8.2', 'IHD'),
];

export { TYPE_CODES as JOIN_DEVICE_TYPES };
