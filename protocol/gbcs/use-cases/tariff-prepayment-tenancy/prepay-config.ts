import type { PlainValue } from '../../../cbor.js';
import type { DlmsData } from '../../dlms/index.js';
import { decodeDlmsData, encodeDlmsData } from '../../dlms/index.js';
import { UseCaseError, type UseCaseCodec } from '../use-case-codec.js';
import { fieldOf, instantOf, intField, item, num, numberOf, octets, octetsOf, type ItemShape } from './dlms-shape.js';
import { dlmsUseCase } from './use-case-kinds.js';

/**
 * SR 2.1 (Update Prepay Configuration) on the ESME: ECS08. The body is what the 2.1 handler reads,
 * the thresholds in pence: `lowCreditThreshold`, `emergencyCreditLimit`, `emergencyCreditThreshold`
 * and `maxCredit` (the maximum meter balance), plus what GBCS carries besides and the handler keeps
 * nowhere: `maxCreditThreshold` (pence, the largest single credit), `debtRecoveryRateCap` (as GBCS
 * sends it, long-unsigned) and `debtRecoveryRateCapPeriodSeconds`.
 *
 * The items are the RTDS ones (names as SmartDCC's parser gives the GBCS extended data, class 9000):
 * the non-disablement calendar (special days 0-1:11.0.2.255/2, schedule 0-1:12.0.1.255/2), max
 * meter balance 94.44.2.20, max credit threshold 94.44.2.10, debt recovery rate cap amount 128.12
 * and period 128.13, low credit threshold 128.9, emergency credit limit 128.2, emergency credit
 * threshold 128.3 (attribute 4, value passive; the max meter balance as RTDS sets it, attribute 2,
 * value active), then every "activate passive value time" (6).
 *
 * Emulator choices, since the facts leave them open:
 * - GBCS sends every threshold, so encoding needs the four the handler reads (the JSON gateway
 *   still takes a subset); `disablementThreshold` is refused here: ECS03 (1.6) carries it.
 * - the non-disablement calendar is the RTDS one, fixed (the meter has none); decoding refuses another.
 * - activation times must be "now": the handler applies at once, so future-dated is refused.
 * - amounts travel in 1/1000 of a penny, as in credit.ts.
 */
const EXTENDED = 9000;
const PER_PENNY = 1000;
const MAX_PENCE = 1_000_000;

const ext = (obis: string, id: number): ItemShape => item('set', EXTENDED, `0-0:94.44.${obis}`, id);

/** The thresholds, in item order: body key and extended-data instance. */
const AMOUNTS = [
  ['maxCredit', '2.20'],
  ['maxCreditThreshold', '2.10'],
] as const;
const LATER_AMOUNTS = [
  ['lowCreditThreshold', '128.9'],
  ['emergencyCreditLimit', '128.2'],
] as const;

const ITEMS: readonly ItemShape[] = [
  item('set', 11, '0-1:11.0.2.255', 2),
  ext('2.20', 2),
  ext('2.10', 4),
  item('set', 10, '0-1:12.0.1.255', 2),
  ext('128.12', 4),
  ext('128.13', 4),
  ext('128.9', 4),
  ext('128.2', 4),
  ext('128.31', 6),
  ext('128.3', 4),
  ...['2.20', '2.10', '128.12', '128.13', '128.9', '128.2', '128.3', '128.28'].map((o) => ext(o, 6)),
];

function hexData(...parts: string[]): DlmsData {
  return decodeDlmsData(Uint8Array.from(Buffer.from(parts.join(''), 'hex')));
}

/** RTDS ECS08: the special days of the non-disablement calendar. */
const SPECIAL_DAYS = hexData(
  '010502031200010905FFFF071DFF110102031200020905FFFF0819FF110202031200030905FFFF09',
  '06FF110302031200040905FFFF0A05FF110402031200050905FFFF080FFF1105',
);

/** RTDS ECS08: the non-disablement schedule (16 entries). */
const SCHEDULE = hexData(
  '0110020A12000103FF090600000A006AFF12002009040000000012FFFF040706040500090507DE0A',
  '1BFF090507DF031CFF020A12000203FF090600000A006AFF1200210904091E000012FFFF04070604',
  '0500090507DE0A1BFF090507DF031CFF020A12000303FF090600000A006AFF120020090416000000',
  '12FFFF040706040500090507DE0A1BFF090507DF031CFF020A12000403FF090600000A006AFF1200',
  '2009040000000012FFFF0407F8040500090507DE0A1BFF090507DF031CFF020A12000503FF090600',
  '000A006AFF1200210904071E000012FFFF0407F8040500090507DE0A1BFF090507DF031CFF020A12',
  '000603FF090600000A006AFF12002009041400000012FFFF0407F8040500090507DE0A1BFF090507',
  'DF031CFF020A12000703FF090600000A006AFF12002009040000000012FFFF0407060405000905FF',
  'FF041DFF0905FFFF0719FF020A12000803FF090600000A006AFF1200210904091E000012FFFF0407',
  '060405000905FFFF041DFF0905FFFF0719FF020A12000903FF090600000A006AFF12002009041600',
  '000012FFFF0407060405000905FFFF041DFF0905FFFF0719FF020A12000A03FF090600000A006AFF',
  '12002009040000000012FFFF0407F80405000905FFFF041DFF0905FFFF0719FF020A12000B03FF09',
  '0600000A006AFF1200210904071E000012FFFF0407F80405000905FFFF041DFF0905FFFF0719FF02',
  '0A12000C03FF090600000A006AFF12002009041400000012FFFF0407F80405000905FFFF041DFF09',
  '05FFFF0719FF020A12000D03FF090600000A006AFF12002009040000000012FFFF0407000405C809',
  '05FFFF071AFF0905FFFF081FFF020A12000E03FF090600000A006AFF12002109041300000012FFFF',
  '0407000405C80905FFFF071AFF0905FFFF081FFF020A12000F03FF090600000A006AFF1200200904',
  '010F000012FFFF0407000405300905FFFF0901FF0905FFFF0A1AFF020A12001003FF090600000A00',
  '6AFF1200210904122D000012FFFF0407000405300905FFFF0901FF0905FFFF0A1AFF',
);

/** "Now", as RTDS sends it (deviation unspecified, clock status FF). */
const NOW = Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80, 0x00, 0xff]);

const hexOf = (d: DlmsData): string => Buffer.from(encodeDlmsData(d)).toString('hex');

function fixed(d: DlmsData | undefined, expected: DlmsData, field: string): void {
  if (!d || hexOf(d) !== hexOf(expected)) throw new UseCaseError(`${field} must be the RTDS one`, field);
}

function amount(body: PlainValue, key: string, fallback?: number): DlmsData {
  const pence = fieldOf(body, key) ?? fallback;
  if (typeof pence !== 'number' || !Number.isFinite(pence) || Math.abs(pence) > MAX_PENCE)
    throw new UseCaseError(`${key} must be pence within ±${MAX_PENCE}`, key);
  return num('double-long', Math.round(pence * PER_PENNY));
}

function penceOf(d: DlmsData | undefined, key: string): number {
  const pence = numberOf(d, 'double-long', key) / PER_PENNY;
  if (Math.abs(pence) > MAX_PENCE) throw new UseCaseError(`${key} must be within ±${MAX_PENCE} pence`, key);
  return pence;
}

function readNow(d: DlmsData | undefined, field: string): void {
  if (instantOf(octetsOf(d, field, NOW.length), field) !== undefined)
    throw new UseCaseError('future-dated prepayment configurations are not emulated', field);
}

/** What RTDS sends for the fields the handler keeps nowhere, used when a body leaves them out. */
const RTDS_DEFAULTS = { maxCreditThreshold: 1000, debtRecoveryRateCap: 30, debtRecoveryRateCapPeriodSeconds: 604_800 };

export const ECS08: UseCaseCodec = dlmsUseCase({
  useCase: 'ECS08',
  messageCode: 0x001f,
  variant: '2.1',
  device: 'ESME',
  items: ITEMS,
  encode: (body) => {
    if (fieldOf(body, 'disablementThreshold') !== undefined)
      throw new UseCaseError('ECS08 does not carry the disablement threshold (1.6 ECS03 does)', 'disablementThreshold');
    return [
      SPECIAL_DAYS,
      ...AMOUNTS.map(([key]) => amount(body, key, key === 'maxCreditThreshold' ? RTDS_DEFAULTS[key] : undefined)),
      SCHEDULE,
      num('long-unsigned', intField(body, 'debtRecoveryRateCap', 0, 0xffff, RTDS_DEFAULTS.debtRecoveryRateCap)),
      num(
        'double-long',
        intField(
          body,
          'debtRecoveryRateCapPeriodSeconds',
          0,
          0x7fff_ffff,
          RTDS_DEFAULTS.debtRecoveryRateCapPeriodSeconds,
        ),
      ),
      ...LATER_AMOUNTS.map(([key]) => amount(body, key)),
      octets(NOW),
      amount(body, 'emergencyCreditThreshold'),
      ...Array.from({ length: 8 }, () => octets(NOW)),
    ];
  },
  decode: (data): PlainValue => {
    fixed(data[0], SPECIAL_DAYS, 'nonDisablementSpecialDays');
    fixed(data[3], SCHEDULE, 'nonDisablementSchedule');
    const period = numberOf(data[5], 'double-long', 'debtRecoveryRateCapPeriodSeconds');
    if (period < 0) throw new UseCaseError('the cap period must not be negative', 'debtRecoveryRateCapPeriodSeconds');
    readNow(data[8], 'nonDisablementSpecialDaysActivationTime');
    data.slice(10).forEach((d, i) => readNow(d, `activationTime[${i}]`));
    return {
      lowCreditThreshold: penceOf(data[6], 'lowCreditThreshold'),
      emergencyCreditLimit: penceOf(data[7], 'emergencyCreditLimit'),
      emergencyCreditThreshold: penceOf(data[9], 'emergencyCreditThreshold'),
      maxCredit: penceOf(data[1], 'maxCredit'),
      maxCreditThreshold: penceOf(data[2], 'maxCreditThreshold'),
      debtRecoveryRateCap: numberOf(data[4], 'long-unsigned', 'debtRecoveryRateCap'),
      debtRecoveryRateCapPeriodSeconds: period,
    };
  },
});
