import type { PlainValue } from '../../../cbor.js';
import type { DlmsData } from '../../dlms/index.js';
import { encodeDlmsData } from '../../dlms/index.js';
import { UseCaseError } from '../use-case-codec.js';
import type { UseCaseCodec } from '../use-case-codec.js';
import { fieldOf, instantOf, item, itemsOf, num, numberOf, octets, octetsOf, type ItemShape } from './dlms-shape.js';
import { dlmsUseCase } from './use-case-kinds.js';

/**
 * SR 1.6 (Update Payment Mode) on the ESME: ECS02 to credit mode, ECS03 to prepayment mode. Bodies
 * are what the 1.6 handler reads: `{mode: 'Credit'}` and `{mode: 'Prepayment'}`; ECS03 also
 * carries the disablement threshold the meter switches to (`disablementThreshold`, pence).
 *
 * The DLMS items are the RTDS ones: the Account (class 111, 0-1:19.0.0.255) mode-and-status (2),
 * credit-charge configuration (11) and activation time (13); ECS03 adds the GBCS extended data
 * (class 9000, 0-0:94.44.128.22) disablement threshold (4) and its own activation time (6).
 *
 * Emulator choices, since the facts leave them open:
 * - the credit-charge configuration is the RTDS list, fixed: the emulated meter has one credit
 *   chain, so the list carries nothing a body could name; decoding refuses any other list.
 * - the activation times must be "now": the 1.6 handler switches at once, so a future-dated
 *   change (RTDS FUTURE_DATED_TWIN) is refused with a UseCaseError rather than run early.
 * - a threshold of 0 (the meter's default) decodes as absent, so that the JSON body
 *   `{mode: 'Prepayment'}` keeps the threshold the meter has; amounts travel in 1/1000 of a penny,
 *   as in credit.ts.
 */
const ACCOUNT = 111;
const ACCOUNT_OBIS = '0-1:19.0.0.255';
const EXTENDED = 9000;
const EXTENDED_OBIS = '0-0:94.44.128.22';
const PER_PENNY = 1000;
const MAX_THRESHOLD_PENCE = 100_000;

/** Account payment_mode (enum): 1 credit, 2 prepayment; account_status 1 (new, as RTDS sends). */
const MODE_CODE = { Credit: 1, Prepayment: 2 } as const;
const ACCOUNT_STATUS = 1;

/** "Now": the all-unspecified date-time with deviation unspecified (0x8000), as RTDS sends it. */
const NOW = Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80, 0x00, 0xff]);

function obisBytes(text: string): DlmsData {
  return octets(Uint8Array.from(text.split(/[-:.]/).map(Number)));
}

/** One credit-charge configuration entry: credit reference, charge reference, collection bits. */
function chargeConfig(credit: number, charge: number, bits: number): DlmsData {
  return {
    type: 'structure',
    items: [
      obisBytes(`0-0:19.10.${credit}.255`),
      obisBytes(`0-0:19.20.${charge}.255`),
      { type: 'bit-string', bitLength: 3, bytes: Uint8Array.of(bits) },
    ],
  };
}

/** RTDS ECS02: token credit collects the standing charge and the time-based debt. */
const CREDIT_CHARGES: DlmsData = { type: 'array', items: [chargeConfig(0, 0, 0xe0), chargeConfig(0, 4, 0xe0)] };

/** RTDS ECS03: every credit (token, emergency, accumulated debt) against its charges. */
const PREPAYMENT_CHARGES: DlmsData = {
  type: 'array',
  items: [
    chargeConfig(0, 0, 0xe0),
    chargeConfig(0, 4, 0xe0),
    chargeConfig(0, 1, 0xc0),
    chargeConfig(0, 2, 0xc0),
    chargeConfig(0, 3, 0xe0),
    chargeConfig(1, 3, 0xe0),
    chargeConfig(1, 0, 0xe0),
    chargeConfig(1, 4, 0xe0),
    chargeConfig(1, 1, 0xc0),
    chargeConfig(1, 2, 0xc0),
    chargeConfig(2, 4, 0xe0),
    chargeConfig(2, 1, 0xe0),
    chargeConfig(2, 2, 0xe0),
  ],
};

function hexOf(d: DlmsData): string {
  return Buffer.from(encodeDlmsData(d)).toString('hex');
}

function modeAndStatus(mode: keyof typeof MODE_CODE): DlmsData {
  return { type: 'structure', items: [num('enum', MODE_CODE[mode]), num('enum', ACCOUNT_STATUS)] };
}

function readModeAndStatus(d: DlmsData | undefined, mode: keyof typeof MODE_CODE): void {
  const [code, status] = itemsOf(d, 'structure', 'modeAndStatus', 2);
  if (numberOf(code, 'enum', 'paymentMode') !== MODE_CODE[mode])
    throw new UseCaseError(`this use case switches to ${mode} (payment mode ${MODE_CODE[mode]})`, 'paymentMode');
  numberOf(status, 'enum', 'accountStatus');
}

function readCharges(d: DlmsData | undefined, expected: DlmsData): void {
  itemsOf(d, 'array', 'creditChargeConfiguration');
  if (hexOf(d as DlmsData) !== hexOf(expected))
    throw new UseCaseError('the credit-charge configuration must be the RTDS one', 'creditChargeConfiguration');
}

function readNow(d: DlmsData | undefined, field: string): void {
  if (instantOf(octetsOf(d, field, NOW.length), field) !== undefined)
    throw new UseCaseError('future-dated payment mode changes are not emulated', field);
}

function modeOf(body: PlainValue, mode: keyof typeof MODE_CODE): boolean {
  return fieldOf(body, 'mode') === mode;
}

function threshold(body: PlainValue): number {
  const pence = fieldOf(body, 'disablementThreshold') ?? 0;
  if (typeof pence !== 'number' || !Number.isFinite(pence) || Math.abs(pence) > MAX_THRESHOLD_PENCE)
    throw new UseCaseError(`disablementThreshold must be pence within ±${MAX_THRESHOLD_PENCE}`, 'disablementThreshold');
  return Math.round(pence * PER_PENNY);
}

const ECS02_ITEMS: readonly ItemShape[] = [
  item('set', ACCOUNT, ACCOUNT_OBIS, 2),
  item('set', ACCOUNT, ACCOUNT_OBIS, 11),
  item('set', ACCOUNT, ACCOUNT_OBIS, 13),
];

export const ECS02: UseCaseCodec = dlmsUseCase({
  useCase: 'ECS02',
  messageCode: 0x001a,
  variant: '1.6',
  device: 'ESME',
  selects: (body) => modeOf(body, 'Credit'),
  items: ECS02_ITEMS,
  encode: () => [modeAndStatus('Credit'), CREDIT_CHARGES, octets(NOW)],
  decode: ([mode, charges, activation]) => {
    readModeAndStatus(mode, 'Credit');
    readCharges(charges, CREDIT_CHARGES);
    readNow(activation, 'activationTime');
    return { mode: 'Credit' };
  },
});

const ECS03_ITEMS: readonly ItemShape[] = [
  item('set', ACCOUNT, ACCOUNT_OBIS, 2),
  item('set', EXTENDED, EXTENDED_OBIS, 4),
  item('set', ACCOUNT, ACCOUNT_OBIS, 11),
  item('set', EXTENDED, EXTENDED_OBIS, 6),
  item('set', ACCOUNT, ACCOUNT_OBIS, 13),
];

export const ECS03: UseCaseCodec = dlmsUseCase({
  useCase: 'ECS03',
  messageCode: 0x001b,
  variant: '1.6',
  device: 'ESME',
  selects: (body) => modeOf(body, 'Prepayment'),
  items: ECS03_ITEMS,
  encode: (body) => [
    modeAndStatus('Prepayment'),
    num('double-long', threshold(body)),
    PREPAYMENT_CHARGES,
    octets(NOW),
    octets(NOW),
  ],
  decode: ([mode, limit, charges, thresholdActivation, activation]): PlainValue => {
    readModeAndStatus(mode, 'Prepayment');
    const pence = numberOf(limit, 'double-long', 'disablementThreshold') / PER_PENNY;
    if (Math.abs(pence) > MAX_THRESHOLD_PENCE)
      throw new UseCaseError(
        `disablementThreshold must be within ±${MAX_THRESHOLD_PENCE} pence`,
        'disablementThreshold',
      );
    readCharges(charges, PREPAYMENT_CHARGES);
    readNow(thresholdActivation, 'disablementThresholdActivationTime');
    readNow(activation, 'activationTime');
    return pence === 0 ? { mode: 'Prepayment' } : { mode: 'Prepayment', disablementThreshold: pence };
  },
});
