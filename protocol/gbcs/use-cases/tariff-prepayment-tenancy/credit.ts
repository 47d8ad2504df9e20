import type { PlainValue } from '../../../cbor.js';
import type { CommandContext, UseCaseCodec } from '../use-case-codec.js';
import { UseCaseError } from '../use-case-codec.js';
import { fieldOf, intField, item, num, numberOf } from './dlms-shape.js';
import { numAt, ZCL_EPOCH_MS, zclTime, type CommandRef } from './gbz-shape.js';
import { dlmsUseCase, gbzUseCase } from './use-case-kinds.js';

/**
 * SRs 1.5 (Update Meter Balance), 1.7 (Reset Tariff Block Counter Matrix) and 2.5 (Activate
 * Emergency Credit). Bodies:
 * - 1.5 `{adjustPence}` adds (or, negative, takes) credit; `{reset: true}` sets the balance to 0.
 *   On the GSME, `creditMode: true` picks the credit-mode balance (GCS40c adjust, GCS40d reset)
 *   instead of the prepayment one (GCS40a, GCS40b). The ESME has one of each (ECS04a, ECS04b).
 * - 1.7 `{}`: run the meter's script 99 (ECS05: script table 0-0:10.0.100.255, execute).
 * - 2.5 `{}` (ECS09: invoke the emergency credit 0-0:19.10.1.255; GCS06: ZSE Select Available
 *   Emergency Credit).
 *
 * Amounts are sent in 10⁻⁵ of a pound, i.e. 1/1000 of a penny, as RTDS's values read (ECS04a
 * 1,200,000 = £12); an emulator choice, since the facts give the unit nowhere.
 */
const PER_PENNY = 1000;
const MAX_ADJUST_PENCE = 100_000;

const isReset = (body: PlainValue): boolean => fieldOf(body, 'reset') === true;
const isCreditMode = (body: PlainValue): boolean => fieldOf(body, 'creditMode') === true;

/** Pence may have a fraction (RTDS GCS40a adjusts by 23.13p); it travels in 1/1000 of a penny. */
function adjustment(body: PlainValue): number {
  const pence = fieldOf(body, 'adjustPence');
  if (typeof pence !== 'number' || !Number.isFinite(pence) || Math.abs(pence) > MAX_ADJUST_PENCE)
    throw new UseCaseError(`adjustPence must be a number within ±${MAX_ADJUST_PENCE}`, 'adjustPence');
  return Math.round(pence * PER_PENNY);
}

function penceOf(value: number): number {
  const pence = value / PER_PENNY;
  if (Math.abs(pence) > MAX_ADJUST_PENCE)
    throw new UseCaseError(`the adjustment must be within ±${MAX_ADJUST_PENCE} pence`, 'adjustPence');
  return pence;
}

// --- 1.5 on the ESME ---------------------------------------------------------------------------------

/** DLMS Credit (class 112): token credit 0-0:19.10.0.255, emergency credit …1, and …2. */
const CREDIT_CLASS = 112;

export const ECS04A: UseCaseCodec = dlmsUseCase({
  useCase: 'ECS04a',
  messageCode: 0x001c,
  variant: '1.5',
  device: 'ESME',
  selects: (body) => !isReset(body),
  items: [item('action', CREDIT_CLASS, '0-0:19.10.0.255', 1)],
  encode: (body) => [num('double-long', adjustment(body))],
  decode: ([d]) => ({ adjustPence: penceOf(numberOf(d, 'double-long', 'adjustPence')) }),
});

const RESET_ITEMS = ['0-0:19.10.0.255', '0-0:19.10.1.255', '0-0:19.10.2.255'].map((obis) =>
  item('action', CREDIT_CLASS, obis, 2),
);

/** Each credit's `set_amount_to_value` (method 2) with 0. */
export const ECS04B: UseCaseCodec = dlmsUseCase({
  useCase: 'ECS04b',
  messageCode: 0x00b3,
  variant: '1.5',
  device: 'ESME',
  selects: isReset,
  items: RESET_ITEMS,
  encode: () => RESET_ITEMS.map(() => num('double-long', 0)),
  decode: (data) => {
    data.forEach((d, i) => {
      if (numberOf(d, 'double-long', `credit[${i}]`) !== 0)
        throw new UseCaseError('a balance reset sets each credit to 0', `credit[${i}]`);
    });
    return { reset: true };
  },
});

// --- 1.5 on the GSME ---------------------------------------------------------------------------------

const CREDIT_ADJUSTMENT: CommandRef = { clusterId: 0x0705, direction: 'clientToServer', commandId: 0x05 };
const MAX_EVENT = 0xffff_ffff;

function eventId(body: PlainValue, ctx: CommandContext): number {
  return intField(body, 'issuerEventId', 0, MAX_EVENT, zclTime(ctx.now));
}

/**
 * ZSE Credit Adjustment Type as GBCS uses it (RTDS): 0 prepayment incremental (GCS40a), 1
 * prepayment absolute (GCS40b), 3 credit-mode incremental (GCS40c), 2 credit-mode absolute (GCS40d).
 */
function gcs40(
  useCase: string,
  messageCode: number,
  adjustmentType: number,
  creditMode: boolean,
  reset: boolean,
): UseCaseCodec {
  return gbzUseCase({
    useCase,
    messageCode,
    variant: '1.5',
    device: 'GSME',
    selects: (body) => isReset(body) === reset && isCreditMode(body) === creditMode,
    command: CREDIT_ADJUSTMENT,
    encode: (body, ctx) => ({
      'Issuer Event Id': eventId(body, ctx),
      'Start Time': 0,
      'Credit Adjustment Type': adjustmentType,
      'Credit Adjustment Value': reset ? 0 : adjustment(body),
    }),
    decode: ({ fields }): PlainValue => {
      if (numAt(fields, 'Credit Adjustment Type') !== adjustmentType)
        throw new UseCaseError(`${useCase} is adjustment type ${adjustmentType}`, 'Credit Adjustment Type');
      const value = numAt(fields, 'Credit Adjustment Value');
      const mode: { readonly [k: string]: PlainValue } = creditMode ? { creditMode: true } : {};
      const issuerEventId = numAt(fields, 'Issuer Event Id');
      if (reset) {
        if (value !== 0) throw new UseCaseError('a balance reset sets it to 0', 'Credit Adjustment Value');
        return { reset: true, ...mode, issuerEventId };
      }
      return { adjustPence: penceOf(value), ...mode, issuerEventId };
    },
  });
}

export const GCS40A = gcs40('GCS40a', 0x0086, 0, false, false);
export const GCS40B = gcs40('GCS40b', 0x00b4, 1, false, true);
export const GCS40C = gcs40('GCS40c', 0x00c0, 3, true, false);
export const GCS40D = gcs40('GCS40d', 0x00c2, 2, true, true);

// --- 1.7 ------------------------------------------------------------------------------------------------

/** The script the RTDS runs to reset the block counters. */
const RESET_BLOCK_COUNTERS_SCRIPT = 99;

export const ECS05: UseCaseCodec = dlmsUseCase({
  useCase: 'ECS05',
  messageCode: 0x001d,
  variant: '1.7',
  device: 'ESME',
  items: [item('action', 9, '0-0:10.0.100.255', 1)],
  encode: () => [num('long-unsigned', RESET_BLOCK_COUNTERS_SCRIPT)],
  decode: ([d]) => {
    if (numberOf(d, 'long-unsigned', 'script') !== RESET_BLOCK_COUNTERS_SCRIPT)
      throw new UseCaseError(`1.7 runs script ${RESET_BLOCK_COUNTERS_SCRIPT}`, 'script');
    return {};
  },
});

// --- 2.5 ------------------------------------------------------------------------------------------------

export const ECS09: UseCaseCodec = dlmsUseCase({
  useCase: 'ECS09',
  messageCode: 0x0020,
  variant: '2.5',
  device: 'ESME',
  items: [item('action', CREDIT_CLASS, '0-0:19.10.1.255', 3)],
  encode: () => [num('integer', 0)],
  decode: ([d]) => {
    numberOf(d, 'integer', 'invoke');
    return {};
  },
});

const SELECT_EMERGENCY_CREDIT: CommandRef = { clusterId: 0x0705, direction: 'clientToServer', commandId: 0x00 };

export const GCS06: UseCaseCodec = gbzUseCase({
  useCase: 'GCS06',
  messageCode: 0x0070,
  variant: '2.5',
  device: 'GSME',
  command: SELECT_EMERGENCY_CREDIT,
  encode: (body) => {
    const issuedAt = fieldOf(body, 'issuedAt');
    if (issuedAt !== undefined && (typeof issuedAt !== 'number' || issuedAt < ZCL_EPOCH_MS))
      throw new UseCaseError('issuedAt must be ms since the epoch, from 2000', 'issuedAt');
    return {
      'Command Issue Date Time': typeof issuedAt === 'number' ? zclTime(issuedAt) : 0,
      'Originating Device': 0,
    };
  },
  decode: ({ fields }): PlainValue => {
    const issued = numAt(fields, 'Command Issue Date Time');
    numAt(fields, 'Originating Device');
    return issued === 0 ? {} : { issuedAt: ZCL_EPOCH_MS + issued * 1000 };
  },
});
