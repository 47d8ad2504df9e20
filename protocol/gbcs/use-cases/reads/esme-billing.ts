import type { PlainValue } from '../../../cbor.js';
import type { DlmsData, TypeDescription } from '../../dlms/types.js';
import type { UseCaseCodec } from '../use-case-codec.js';
import { dlmsRead } from './dlms-read.js';
import { dl, dlu, itemsOf, listField, msFromY2000, numberOf, numField, rowsOf, y2000FromMs } from './dlms-values.js';
import { PREPAY_FIELDS, prepayRegisters } from './esme-core.js';
import { DAY_MS, dateTimeRange } from './ranges.js';

/**
 * The ESME billing snapshots (protected, GBCS-FACTS §6.5): 4.4.2 ECS20b (change of mode or
 * tariff triggered), 4.4.3 ECS20c (billing calendar triggered: registers and prepayment
 * registers), 4.14 ECS21b (prepayment daily read log). A row is the snapshot time, the total
 * import register, the 48 TOU registers and four arrays of 8 block registers (Wh), and/or the
 * six prepayment registers of 4.3 (10⁻⁵ £), as the RTDS descriptions say.
 */
const U: TypeDescription = { type: 'simple', dataType: 'double-long-unsigned' };
const S: TypeDescription = { type: 'simple', dataType: 'double-long' };
const REGISTER_MEMBERS: TypeDescription[] = [
  U,
  U,
  { type: 'array', count: 48, element: U },
  ...[0, 1, 2, 3].map((): TypeDescription => ({ type: 'array', count: 8, element: U })),
];
const PREPAY_MEMBERS: TypeDescription[] = PREPAY_FIELDS.map(() => S);

const padded = (p: PlainValue, key: string, n: number) => {
  const l = listField(p, key);
  return Array.from({ length: n }, (_, i) => dlu(typeof l[i] === 'number' ? l[i] : 0));
};
const registerItems = (e: PlainValue): DlmsData[] => [
  dlu(y2000FromMs(numField(e, 'at'))),
  dlu(numField(e, 'importWh')),
  { type: 'array', items: padded(e, 'touWh', 48) },
  ...[0, 1, 2, 3].map((): DlmsData => ({ type: 'array', items: padded(e, 'none', 8) })),
];
const prepayItems = (e: PlainValue): DlmsData[] => {
  const r = prepayRegisters(e);
  return PREPAY_FIELDS.map((k) => dl(r[k] * 1000));
};
const rows = (
  members: TypeDescription[],
  list: readonly PlainValue[],
  build: (e: PlainValue) => DlmsData[],
): DlmsData => ({
  type: 'compact-array',
  description: { type: 'structure', members },
  items: list.map((e) => ({ type: 'structure', items: build(e) })),
});
const registersBack = (row: readonly DlmsData[], k: number) => ({
  at: msFromY2000(numberOf(row[0], 'double-long-unsigned', `rows[${k}].time`)),
  importWh: numberOf(row[1], 'double-long-unsigned', `rows[${k}].total`),
  touWh: itemsOf(row[2], 'array', `rows[${k}].tou`).map((x, i) =>
    numberOf(x, 'double-long-unsigned', `rows[${k}].tou[${i}]`),
  ),
});
const prepayBack = (row: readonly DlmsData[], from: number, k: number) => {
  const out: Record<string, PlainValue> = {};
  PREPAY_FIELDS.forEach((f, i) => (out[f] = numberOf(row[from + i], 'double-long', `rows[${k}].${f}`) / 1000));
  return out;
};

export const ECS20B = dlmsRead({
  useCase: 'ECS20b',
  messageCode: 0x002f,
  variant: '4.4.2',
  protectedVia: '0-0:43.2.3.255',
  reads: [{ classId: 7, obis: '0-0:98.1.2.255', attributeId: 2, selection: dateTimeRange(DAY_MS, 'days', 31) }],
  toData: (p) => [
    rows([...REGISTER_MEMBERS, ...PREPAY_MEMBERS], listField(p, 'snapshots'), (e) => [
      ...registerItems(e),
      ...prepayItems(e),
    ]),
  ],
  fromData: ([d]) => ({
    snapshots: rowsOf(d, 13, 'snapshots').map((row, k) => ({ ...registersBack(row, k), ...prepayBack(row, 7, k) })),
  }),
});

export const ECS20C = dlmsRead({
  useCase: 'ECS20c',
  messageCode: 0x0030,
  variant: '4.4.3',
  protectedVia: '0-0:43.2.2.255',
  reads: [
    { classId: 7, obis: '0-0:98.1.0.255', attributeId: 2, selection: dateTimeRange(DAY_MS, 'days', 93) },
    { classId: 7, obis: '0-0:98.1.1.255', attributeId: 2, selection: dateTimeRange(DAY_MS, 'days', 93) },
  ],
  toData: (p) => [
    rows(REGISTER_MEMBERS, listField(p, 'snapshots'), registerItems),
    rows([U, ...PREPAY_MEMBERS], listField(p, 'snapshots'), (e) => [
      dlu(y2000FromMs(numField(e, 'at'))),
      ...prepayItems(e),
    ]),
  ],
  fromData: ([registers, prepay]) => {
    const credit = rowsOf(prepay, 7, 'prepayment');
    return {
      snapshots: rowsOf(registers, 7, 'registers').map((row, k) => ({
        ...registersBack(row, k),
        ...(credit[k] ? prepayBack(credit[k], 1, k) : {}),
      })),
    };
  },
});

export const ECS21B = dlmsRead({
  useCase: 'ECS21b',
  messageCode: 0x0034,
  variant: '4.14',
  protectedVia: '0-0:43.2.6.255',
  reads: [{ classId: 7, obis: '0-0:98.1.8.255', attributeId: 2, selection: dateTimeRange(DAY_MS, 'days', 7) }],
  toData: (p) => [
    rows([U, ...PREPAY_MEMBERS], listField(p, 'days'), (e) => [dlu(y2000FromMs(numField(e, 'at'))), ...prepayItems(e)]),
  ],
  fromData: ([d]) => ({
    days: rowsOf(d, 7, 'days').map((row, k) => ({
      at: msFromY2000(numberOf(row[0], 'double-long-unsigned', `days[${k}].time`)),
      ...prepayBack(row, 1, k),
    })),
  }),
});

export const ESME_BILLING_READS: readonly UseCaseCodec[] = [ECS20B, ECS20C, ECS21B];
