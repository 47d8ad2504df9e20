import type { PlainValue } from '../../../cbor.js';
import { decodeUtrnDigits } from '../../../utrn.js';
import type { Outcome, UseCaseCodec } from '../use-case-codec.js';
import { UseCaseError } from '../use-case-codec.js';
import { bytesText, fieldOf, item, octets, octetsOf } from './dlms-shape.js';
import { bytesAt, numAt, zclCommand, type CommandRef } from './gbz-shape.js';
import { dlmsUseCase, gbzUseCase } from './use-case-kinds.js';

/**
 * SR 2.2 Top Up Device. The body is `{utrn}`: the 20 digits the DCC's token service made from the
 * supplier's `value`/`valueClass` (dcc-head-end/token-service.ts), or the supplier's own. GBCS
 * carries the same 20 ASCII digits: CS01a as the parameter of the token gateway's `enter` method
 * (class 115, 0-0:19.40.0.255, method 1), CS01b as the Top Up Code of the prepayment cluster's
 * Consumer Top Up (0x0705, command 0x04).
 */
function utrnOf(body: PlainValue): Uint8Array {
  const utrn = fieldOf(body, 'utrn');
  if (typeof utrn !== 'string' || !/^\d{20}$/.test(utrn)) throw new UseCaseError('utrn must be 20 digits', 'utrn');
  return Uint8Array.from(utrn, (c) => c.charCodeAt(0));
}

function utrnFrom(bytes: Uint8Array): PlainValue {
  const utrn = bytesText(bytes, 'utrn');
  if (!/^\d{20}$/.test(utrn)) throw new UseCaseError('the UTRN must be 20 ASCII digits', 'utrn');
  return { utrn };
}

/**
 * The credit a UTRN names, in pence, read from its digits without keys (FACTS: UTRN): the PTUT's
 * 13-bit value and 2-bit class. CS01a's response carries no amount, so the head-end, which made
 * or was given the UTRN, tells the supplier `creditedPence` from this. Undefined for a malformed UTRN.
 */
export function utrnCreditPence(utrn: string): number | undefined {
  const decoded = decodeUtrnDigits(utrn);
  if (typeof decoded === 'string') return undefined;
  const classBits = (decoded.high >>> 13) & 0x3;
  const value = decoded.high & 0x1fff;
  return classBits === 0 ? value : classBits === 1 ? value * 100 : undefined;
}

/** ESME: the RTDS ERROR response is hardware-fault, the meter's answer to a UTRN it refuses. */
export const CS01A: UseCaseCodec = dlmsUseCase({
  useCase: 'CS01a',
  messageCode: 0x0007,
  variant: '2.2',
  device: 'ESME',
  refusal: 'UTRN_REJECTED',
  items: [item('action', 115, '0-0:19.40.0.255', 1)],
  encode: (body) => [octets(utrnOf(body))],
  decode: ([utrn]) => utrnFrom(octetsOf(utrn, 'utrn', 20)),
});

const CONSUMER_TOP_UP: CommandRef = { clusterId: 0x0705, direction: 'clientToServer', commandId: 0x04 };
const TOP_UP_RESPONSE: CommandRef = { clusterId: 0x0705, direction: 'serverToClient', commandId: 0x03 };

/**
 * ZSE Consumer Top Up Response result types. RTDS: 0 accepted, 1 for the refused UTRN. The
 * others are ZSE's; which refusal gets which is an emulator choice.
 */
const RESULT = { ACCEPTED: 0, INVALID: 1, DUPLICATE: 2, ERROR: 3, MAX_CREDIT: 4 } as const;
/** ZSE Originating Device: 0 is the Energy Service Interface, the hub's side (RTDS). */
const ORIGIN_ESI = 0;
/**
 * Amounts in the response are int32 in 10⁻⁵ of the currency unit, i.e. 1/1000 of a penny (RTDS:
 * 1,250,000 = £12.50 topped up). Emulator choice, read from the RTDS values; the facts say no more.
 */
const PER_PENNY = 1000;
const UNKNOWN_AMOUNT = -1;

function resultOf(reason: PlainValue | undefined): number {
  if (reason === 'DUPLICATE' || reason === 'OUT_OF_WINDOW') return RESULT.DUPLICATE;
  if (reason === 'EXCEEDS_MAXIMUM_CREDIT') return RESULT.MAX_CREDIT;
  return RESULT.INVALID;
}

function amount(payload: PlainValue, key: string): number {
  const value = payload !== null && typeof payload === 'object' && !Array.isArray(payload) ? fieldOf(payload, key) : 0;
  return typeof value === 'number' ? Math.round(value * PER_PENNY) : UNKNOWN_AMOUNT;
}

/**
 * GSME: answered by the Consumer Top Up Response (0x0705, command 0x03): result, value, source,
 * credit remaining. It carries what the scenarios read (`creditedPence`, `balancePence`), and on a
 * refusal the reason (`DUPLICATE`, `EXCEEDS_MAXIMUM_CREDIT`, or `INVALID` for the rest).
 */
export const CS01B: UseCaseCodec = gbzUseCase({
  useCase: 'CS01b',
  messageCode: 0x0097,
  variant: '2.2',
  device: 'GSME',
  refusal: 'UTRN_REJECTED',
  command: CONSUMER_TOP_UP,
  encode: (body) => ({ 'Originating Device': ORIGIN_ESI, 'Top Up Code': utrnOf(body) }),
  decode: ({ fields }) => {
    numAt(fields, 'Originating Device');
    return utrnFrom(bytesAt(fields, 'Top Up Code'));
  },
  response: {
    encode: (outcome) => {
      const ok = outcome.status === 'OK';
      const result =
        outcome.status === 'UTRN_REJECTED'
          ? resultOf(
              outcome.payload !== null && typeof outcome.payload === 'object' && !Array.isArray(outcome.payload)
                ? fieldOf(outcome.payload, 'reason')
                : undefined,
            )
          : ok
            ? RESULT.ACCEPTED
            : RESULT.ERROR;
      return zclCommand(TOP_UP_RESPONSE, {
        'Result Type': result,
        'Top Up Value': ok ? amount(outcome.payload, 'creditedPence') : UNKNOWN_AMOUNT,
        'Source of Top Up': ORIGIN_ESI,
        'Credit Remaining': ok ? amount(outcome.payload, 'balancePence') : UNKNOWN_AMOUNT,
      });
    },
    decode: (component): Outcome => {
      if (
        !component ||
        component.encrypted ||
        component.clusterId !== TOP_UP_RESPONSE.clusterId ||
        component.payload.kind !== 'clusterCommand' ||
        component.payload.name !== 'Consumer Top Up Response'
      )
        throw new UseCaseError('CS01b: expected the Consumer Top Up Response', 'gbz.component');
      const fields = new Map(component.payload.fields.map((f) => [f.name, f.value] as const));
      const result = numAt(fields, 'Result Type');
      if (result === RESULT.ACCEPTED)
        return {
          status: 'OK',
          payload: {
            creditedPence: numAt(fields, 'Top Up Value') / PER_PENNY,
            balancePence: numAt(fields, 'Credit Remaining') / PER_PENNY,
          },
        };
      if (result === RESULT.ERROR) return { status: 'BAD_PAYLOAD', payload: {} };
      const reason =
        result === RESULT.DUPLICATE ? 'DUPLICATE' : result === RESULT.MAX_CREDIT ? 'EXCEEDS_MAXIMUM_CREDIT' : 'INVALID';
      return { status: 'UTRN_REJECTED', payload: { reason } };
    },
  },
});
