import type { PlainValue } from '../../../cbor.js';
import type { UseCaseCodec } from '../use-case-codec.js';
import { dlmsRead } from './dlms-read.js';
import { dl, dlu, fieldsOf, listField, numberOf, numField, scalerUnit } from './dlms-values.js';
import { DAY_MS, dateTimeRange, HALF_HOUR_MS, timedRows, timedRowsBack } from './ranges.js';

/**
 * The ESME reads the built-in scenarios and soak use (ISSUE13 plan: first): 4.1.1 ECS17b, 4.2
 * ECS17a, 4.3 ECS19, 4.8.1 ECS22b, 4.16 ECS17c, 4.17 ECS66, 4.18 ECS82. Object lists, order and
 * types are the RTDS COMMANDs'; the answers are the RTDS RESPONSEs' shapes with the meter's values.
 *
 * Currency amounts: GBCS carries them as integers of the meter's currency unit; we use 10⁻⁵ £
 * (a thousandth of a penny), which makes the RTDS figures read as pounds and pence (ECS82's
 * 250000 = £2.50). Energy in Wh and varh with scaler 0, power in W, as the RTDS scaler-units say.
 */
const milliPence = (pence: number) => pence * 1000;
const pence = (m: number) => m / 1000;

/** 4.1.1 ECS17b: active import Wh and reactive import varh, each with its scaler-unit. */
export const ECS17B = dlmsRead({
  useCase: 'ECS17b',
  messageCode: 0x0027,
  variant: '4.1.1',
  protectedVia: '0-0:43.2.8.255',
  reads: [{ classId: 1, obis: '0-0:94.44.34.10', attributeId: 2 }],
  toData: (p) => [
    {
      type: 'structure',
      items: [dlu(numField(p, 'importWh')), scalerUnit(0, 30), dlu(numField(p, 'importVarh')), scalerUnit(0, 32)],
    },
  ],
  fromData: ([d]) => {
    const items = d?.type === 'structure' ? d.items : [];
    return {
      importWh: numberOf(items[0], 'double-long-unsigned', 'importWh'),
      importVarh: numberOf(items[2], 'double-long-unsigned', 'importVarh'),
    };
  },
});

/** 4.2 ECS17a: export active (1-0:2.8.0) and reactive (1-0:4.8.0) registers, value and scaler-unit. */
export const ECS17A = dlmsRead({
  useCase: 'ECS17a',
  messageCode: 0x0026,
  variant: '4.2',
  reads: [
    { classId: 3, obis: '1-0:2.8.0.255', attributeId: 2 },
    { classId: 3, obis: '1-0:2.8.0.255', attributeId: 3 },
    { classId: 3, obis: '1-0:4.8.0.255', attributeId: 2 },
    { classId: 3, obis: '1-0:4.8.0.255', attributeId: 3 },
  ],
  toData: (p) => [dlu(numField(p, 'exportWh')), scalerUnit(0, 30), dlu(numField(p, 'exportVarh')), scalerUnit(0, 32)],
  fromData: ([wh, , varh]) => ({
    exportWh: numberOf(wh, 'double-long-unsigned', 'exportWh'),
    exportVarh: numberOf(varh, 'double-long-unsigned', 'exportVarh'),
  }),
});

/** 4.16 ECS17c: active power import {W, scaler-unit W, W} (the third is the same reading, as in RTDS). */
export const ECS17C = dlmsRead({
  useCase: 'ECS17c',
  messageCode: 0x0028,
  variant: '4.16',
  reads: [{ classId: 1, obis: '0-0:94.44.34.20', attributeId: 2 }],
  toData: (p) => [
    { type: 'structure', items: [dlu(numField(p, 'powerW')), scalerUnit(0, 27), dlu(numField(p, 'powerW'))] },
  ],
  fromData: ([d]) => ({
    powerW: numberOf(d?.type === 'structure' ? d.items[0] : undefined, 'double-long-unsigned', 'powerW'),
  }),
});

/**
 * 4.3 ECS19: six currency registers (double-long): meter balance, emergency credit balance,
 * accumulated debt, payment-based debt, time-based debts 1 and 2 (DUIS 4.3 order).
 */
export const ECS19 = dlmsRead({
  useCase: 'ECS19',
  messageCode: 0x002d,
  variant: '4.3',
  protectedVia: '0-0:43.2.1.255',
  reads: [{ classId: 1, obis: '0-0:94.44.34.30', attributeId: 2 }],
  toData: (p) => {
    const r = prepayRegisters(p);
    return [{ type: 'structure', items: PREPAY_FIELDS.map((k) => dl(milliPence(r[k]))) }];
  },
  fromData: ([d]) => {
    const items = d?.type === 'structure' ? d.items : [];
    const out: Record<string, PlainValue> = {};
    PREPAY_FIELDS.forEach((k, i) => (out[k] = pence(numberOf(items[i], 'double-long', k))));
    out.emergencyCreditActive = (out.emergencyCreditPence as number) > 0;
    return out;
  },
});

/**
 * The six prepayment registers from a handler's answer (4.3: the account snapshot). The meter
 * models one time-based debt: it is both the accumulated debt and time-based debt 1; the
 * emergency credit balance is the limit while emergency credit is in use.
 */
export function prepayRegisters(p: PlainValue): Record<(typeof PREPAY_FIELDS)[number], number> {
  const f = fieldsOf(p);
  const debt = numField(p, 'debtPence');
  return {
    balancePence: numField(p, 'balancePence'),
    emergencyCreditPence: numField(
      p,
      'emergencyCreditPence',
      f.emergencyCreditActive === true ? numField(p, 'emergencyCreditLimitPence') : 0,
    ),
    accumulatedDebtPence: numField(p, 'accumulatedDebtPence', debt),
    paymentDebtPence: numField(p, 'paymentDebtPence'),
    timeDebt1Pence: numField(p, 'timeDebt1Pence', debt),
    timeDebt2Pence: numField(p, 'timeDebt2Pence'),
  };
}

export const PREPAY_FIELDS = [
  'balancePence',
  'emergencyCreditPence',
  'accumulatedDebtPence',
  'paymentDebtPence',
  'timeDebt1Pence',
  'timeDebt2Pence',
] as const;

/** 4.18 ECS82: the account's meter balance (IC 112 attribute 2). */
export const ECS82 = dlmsRead({
  useCase: 'ECS82',
  messageCode: 0x0069,
  variant: '4.18',
  reads: [{ classId: 112, obis: '0-0:19.10.0.255', attributeId: 2 }],
  toData: (p) => [dl(milliPence(numField(p, 'balancePence')))],
  fromData: ([d]) => ({ balancePence: pence(numberOf(d, 'double-long', 'balancePence')) }),
});

/** 4.8.1 ECS22b: the half-hourly import profile between two instants, rows {time, Wh}. */
export const ECS22B = dlmsRead({
  useCase: 'ECS22b',
  messageCode: 0x0037,
  variant: '4.8.1',
  protectedVia: '0-0:43.2.7.255',
  reads: [{ classId: 7, obis: '0-0:99.1.0.255', attributeId: 2, selection: dateTimeRange(HALF_HOUR_MS, 'count', 48) }],
  toData: (p) => [timedRows(listField(p, 'halfHours'), 'start')],
  fromData: ([d]) => ({ halfHours: timedRowsBack(d, 'start') }),
});

/** 4.17 ECS66: the daily consumption log between two instants, rows {day, Wh}. */
export const ECS66 = dlmsRead({
  useCase: 'ECS66',
  messageCode: 0x0060,
  variant: '4.17',
  protectedVia: '0-0:43.2.4.255',
  reads: [{ classId: 7, obis: '0-0:99.1.3.255', attributeId: 2, selection: dateTimeRange(DAY_MS, 'days', 7) }],
  toData: (p) => [timedRows(listField(p, 'days'), 'day')],
  fromData: ([d]) => ({ days: timedRowsBack(d, 'day') }),
});

export const ESME_CORE_READS: readonly UseCaseCodec[] = [ECS17B, ECS17A, ECS17C, ECS19, ECS82, ECS22B, ECS66];
