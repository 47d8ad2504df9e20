import type { PlainValue } from '../../../cbor.js';
import type { DlmsData } from '../../dlms/types.js';
import { UseCaseError, type UseCaseCodec } from '../use-case-codec.js';
import { dlmsRead } from './dlms-read.js';
import {
  compactRows,
  dateTimeOctets,
  msOfDateTimeOctets,
  dlu,
  fieldsOf,
  itemsOf,
  listField,
  msFromY2000,
  numberOf,
  numField,
  rowsOf,
  scalerUnit,
  y2000FromMs,
} from './dlms-values.js';
import { DAY_MS, HALF_HOUR_MS, dateTimeRange, secondsRange, timedRows, timedRowsBack } from './ranges.js';

/**
 * The other ESME 4.x reads with an RTDS folder: TOU and block registers (4.1.2, 4.1.3), the
 * billing and daily read logs (4.4.4, 4.4.5, 4.6.1, 4.6.2), the export and reactive profiles
 * (4.8.2, 4.8.3), voltage (4.10), export maximum demand (4.12.2) and load limiting (4.15). Object
 * lists are the RTDS COMMANDs'; answers have the RTDS RESPONSEs' shapes.
 */

const numbers = (p: PlainValue, key: string, length: number): number[] => {
  const list = listField(p, key);
  return Array.from({ length }, (_, i) => (typeof list[i] === 'number' ? (list[i]) : 0));
};
const dluArray = (values: readonly number[]): DlmsData => ({ type: 'array', items: values.map(dlu) });
const dluList = (d: DlmsData | undefined, field: string) =>
  itemsOf(d, 'array', field).map((x, i) => numberOf(x, 'double-long-unsigned', `${field}[${i}]`));
const inner = (d: DlmsData | undefined, field: string) => itemsOf(d, 'structure', field);

/** 4.1.2 ECS17d: the 48 TOU import registers, Wh. */
export const ECS17D = dlmsRead({
  useCase: 'ECS17d',
  messageCode: 0x0029,
  variant: '4.1.2',
  protectedVia: '0-0:43.2.9.255',
  reads: [{ classId: 1, obis: '0-0:94.44.34.1', attributeId: 2 }],
  toData: (p) => [{ type: 'structure', items: [dluArray(numbers(p, 'touWh', 48))] }],
  fromData: ([d]) => ({ touWh: dluList(inner(d, 'registers')[0], 'touWh') }),
});

/** 4.1.3 ECS17e: the TOU-with-blocks import registers (8 tiers × 8 blocks), Wh, tier by tier. */
export const ECS17E = dlmsRead({
  useCase: 'ECS17e',
  messageCode: 0x002a,
  variant: '4.1.3',
  protectedVia: '0-0:43.2.10.255',
  reads: [{ classId: 1, obis: '0-0:94.44.34.2', attributeId: 2 }],
  toData: (p) => [{ type: 'structure', items: [dluArray(numbers(p, 'touBlockWh', 64))] }],
  fromData: ([d]) => ({ touBlockWh: dluList(inner(d, 'registers')[0], 'touBlockWh') }),
});

/** A profile-generic read by range of seconds since 2000, rows {time, value}: ECS20a/d, ECS21c, ECS22c. */
function rowsRead(o: {
  useCase: string;
  messageCode: number;
  variant: '4.4.4' | '4.4.5' | '4.6.2' | '4.8.2';
  obis: `${number}-${number}:${number}.${number}.${number}.${number}`;
  periodMs: number;
  countKey: string;
  fallback: number;
  listKey: string;
  timeKey: string;
}) {
  return dlmsRead({
    useCase: o.useCase,
    messageCode: o.messageCode,
    variant: o.variant,
    reads: [{ classId: 7, obis: o.obis, attributeId: 2, selection: secondsRange(o.periodMs, o.countKey, o.fallback) }],
    toData: (p) => [timedRows(listField(p, o.listKey), o.timeKey)],
    fromData: ([d]) => ({ [o.listKey]: timedRowsBack(d, o.timeKey) }),
  });
}

/** 4.4.4 ECS20a: the billing data log of payment-based debt payments, rows {at, pence}. */
export const ECS20A = rowsRead({
  useCase: 'ECS20a',
  messageCode: 0x002e,
  variant: '4.4.4',
  obis: '0-0:98.1.4.255',
  periodMs: DAY_MS,
  countKey: 'days',
  fallback: 31,
  listKey: 'entries',
  timeKey: 'at',
});

/** 4.4.5 ECS20d: the billing data log of prepayment credits (top-ups), rows {at, pence}. */
export const ECS20D = rowsRead({
  useCase: 'ECS20d',
  messageCode: 0x00c9,
  variant: '4.4.5',
  obis: '0-0:98.1.5.255',
  periodMs: DAY_MS,
  countKey: 'days',
  fallback: 31,
  listKey: 'entries',
  timeKey: 'at',
});

/** 4.6.2 ECS21c: the export daily read log, rows {day, export register Wh at the day's end}. */
export const ECS21C = rowsRead({
  useCase: 'ECS21c',
  messageCode: 0x0035,
  variant: '4.6.2',
  obis: '0-0:98.1.10.255',
  periodMs: DAY_MS,
  countKey: 'days',
  fallback: 31,
  listKey: 'days',
  timeKey: 'day',
});

/** 4.8.2 ECS22c: the half-hourly active export profile, rows {start, Wh}. */
export const ECS22C = rowsRead({
  useCase: 'ECS22c',
  messageCode: 0x0038,
  variant: '4.8.2',
  obis: '0-0:99.1.2.255',
  periodMs: HALF_HOUR_MS,
  countKey: 'count',
  fallback: 48,
  listKey: 'halfHours',
  timeKey: 'start',
});

/** 4.8.3 ECS22a: the half-hourly reactive profile, rows {start, import varh, export varh}. */
export const ECS22A = dlmsRead({
  useCase: 'ECS22a',
  messageCode: 0x0036,
  variant: '4.8.3',
  reads: [{ classId: 7, obis: '0-0:99.1.1.255', attributeId: 2, selection: secondsRange(HALF_HOUR_MS, 'count', 48) }],
  toData: (p) => [
    compactRows(
      ['double-long-unsigned', 'double-long-unsigned', 'double-long-unsigned'],
      listField(p, 'halfHours').map((e) => {
        const f = fieldsOf(e);
        return [dlu(y2000FromMs(numField(f, 'start'))), dlu(numField(f, 'importVarh')), dlu(numField(f, 'exportVarh'))];
      }),
    ),
  ],
  fromData: ([d]) => ({
    halfHours: rowsOf(d, 3, 'buffer').map(([t, i, e], k) => ({
      start: msFromY2000(numberOf(t, 'double-long-unsigned', `buffer[${k}].time`)),
      importVarh: numberOf(i, 'double-long-unsigned', `buffer[${k}].import`),
      exportVarh: numberOf(e, 'double-long-unsigned', `buffer[${k}].export`),
    })),
  }),
});

/**
 * 4.10 ECS23: RMS voltage sag and swell counters (1-0:32.32.0.4, 1-0:32.36.0.4, with scaler-units),
 * the average RMS voltage profile (1-0:32.24.0.255) by range, rows {start, V}, and its capture period.
 */
export const ECS23 = dlmsRead({
  useCase: 'ECS23',
  messageCode: 0x0039,
  variant: '4.10',
  reads: [
    { classId: 3, obis: '1-0:32.32.0.4', attributeId: 2 },
    { classId: 3, obis: '1-0:32.32.0.4', attributeId: 3 },
    { classId: 3, obis: '1-0:32.36.0.4', attributeId: 2 },
    { classId: 3, obis: '1-0:32.36.0.4', attributeId: 3 },
    { classId: 7, obis: '1-0:32.24.0.255', attributeId: 2, selection: secondsRange(3600_000, 'hours', 24) },
    { classId: 7, obis: '1-0:32.24.0.255', attributeId: 4 },
  ],
  toData: (p) => [
    dlu(numField(p, 'sags')),
    scalerUnit(0, 255),
    dlu(numField(p, 'swells')),
    scalerUnit(0, 255),
    compactRows(
      ['double-long-unsigned', 'double-long-unsigned'],
      listField(p, 'voltage').map((e) => [dlu(y2000FromMs(numField(e, 'start'))), dlu(numField(e, 'volts'))]),
    ),
    dlu(numField(p, 'capturePeriodS', 3600)),
  ],
  fromData: ([sags, , swells, , rows, period]) => ({
    sags: numberOf(sags, 'double-long-unsigned', 'sags'),
    swells: numberOf(swells, 'double-long-unsigned', 'swells'),
    voltage: rowsOf(rows, 2, 'voltage').map(([t, v], k) => ({
      start: msFromY2000(numberOf(t, 'double-long-unsigned', `voltage[${k}].time`)),
      volts: numberOf(v, 'double-long-unsigned', `voltage[${k}].value`),
    })),
    capturePeriodS: numberOf(period, 'double-long-unsigned', 'capturePeriodS'),
  }),
});

/**
 * 4.12.2 ECS18a: export maximum demand: the reset time (0-0:94.44.5.2), and the demand register
 * 1-0:2.6.0.255 (IC 4): value W, scaler-unit, capture time.
 */
export const ECS18A = dlmsRead({
  useCase: 'ECS18a',
  messageCode: 0x002b,
  variant: '4.12.2',
  reads: [
    { classId: 1, obis: '0-0:94.44.5.2', attributeId: 2 },
    { classId: 4, obis: '1-0:2.6.0.255', attributeId: 2 },
    { classId: 4, obis: '1-0:2.6.0.255', attributeId: 3 },
    { classId: 4, obis: '1-0:2.6.0.255', attributeId: 5 },
  ],
  toData: (p) => [
    dateTimeOctets(numField(p, 'since')),
    dlu(numField(p, 'maxDemandW')),
    scalerUnit(0, 27),
    dateTimeOctets(numField(p, 'at')),
  ],
  fromData: ([since, w, , at]) => ({
    since: msOfDateTimeOctets(since, 'since'),
    maxDemandW: numberOf(w, 'double-long-unsigned', 'maxDemandW'),
    at: msOfDateTimeOctets(at, 'at'),
  }),
});

/**
 * 4.15 ECS27: load limiting: whether the supply is being limited (0-0:94.44.0.3), the counter
 * of limiting events (0-0:94.44.42.255, value and scaler-unit), and the limiter 0-0:17.0.0.255
 * (IC 71): threshold (W), minimum over- and under-threshold durations (s).
 */
export const ECS27 = dlmsRead({
  useCase: 'ECS27',
  messageCode: 0x0042,
  variant: '4.15',
  reads: [
    { classId: 9000, obis: '0-0:94.44.0.3', attributeId: 2 },
    { classId: 3, obis: '0-0:94.44.42.255', attributeId: 2 },
    { classId: 3, obis: '0-0:94.44.42.255', attributeId: 3 },
    { classId: 71, obis: '0-0:17.0.0.255', attributeId: 4 },
    { classId: 71, obis: '0-0:17.0.0.255', attributeId: 6 },
    { classId: 71, obis: '0-0:17.0.0.255', attributeId: 7 },
  ],
  toData: (p) => [
    { type: 'boolean', value: fieldsOf(p).limiting === true },
    dlu(numField(p, 'limitingEvents')),
    scalerUnit(0, 255),
    dlu(numField(p, 'thresholdW')),
    dlu(numField(p, 'overThresholdS')),
    dlu(numField(p, 'underThresholdS')),
  ],
  fromData: ([limiting, events, , threshold, over, under]) => {
    if (limiting?.type !== 'boolean') throw new UseCaseError('limiting must be a boolean', 'limiting');
    return {
      limiting: limiting.value,
      limitingEvents: numberOf(events, 'double-long-unsigned', 'limitingEvents'),
      thresholdW: numberOf(threshold, 'double-long-unsigned', 'thresholdW'),
      overThresholdS: numberOf(over, 'double-long-unsigned', 'overThresholdS'),
      underThresholdS: numberOf(under, 'double-long-unsigned', 'underThresholdS'),
    };
  },
});

/**
 * 4.6.1 ECS21a: the import daily read log (protected): per day, the time, the total import
 * register, the 48 TOU registers and four arrays of 8 block registers, as the register values
 * at the end of that day.
 */
export const ECS21A = dlmsRead({
  useCase: 'ECS21a',
  messageCode: 0x0033,
  variant: '4.6.1',
  protectedVia: '0-0:43.2.5.255',
  reads: [{ classId: 7, obis: '0-0:98.1.9.255', attributeId: 2, selection: dateTimeRange(DAY_MS, 'days', 7) }],
  toData: (p) => [
    {
      type: 'compact-array',
      description: {
        type: 'structure',
        members: [
          { type: 'simple', dataType: 'double-long-unsigned' },
          { type: 'simple', dataType: 'double-long-unsigned' },
          { type: 'array', count: 48, element: { type: 'simple', dataType: 'double-long-unsigned' } },
          ...[0, 1, 2, 3].map(() => ({
            type: 'array' as const,
            count: 8,
            element: { type: 'simple' as const, dataType: 'double-long-unsigned' as const },
          })),
        ],
      },
      items: listField(p, 'days').map((e) => ({
        type: 'structure',
        items: [
          dlu(y2000FromMs(numField(e, 'day'))),
          dlu(numField(e, 'importWh')),
          dluArray(numbers(e, 'touWh', 48)),
          ...[0, 1, 2, 3].map(() => dluArray(Array.from({ length: 8 }, () => 0))),
        ],
      })),
    },
  ],
  fromData: ([d]) => ({
    days: rowsOf(d, 7, 'log').map(([t, total, tou], k) => ({
      day: msFromY2000(numberOf(t, 'double-long-unsigned', `log[${k}].time`)),
      importWh: numberOf(total, 'double-long-unsigned', `log[${k}].total`),
      touWh: dluList(tou, `log[${k}].tou`),
    })),
  }),
});

export const ESME_MORE_READS: readonly UseCaseCodec[] = [
  ECS17D,
  ECS17E,
  ECS20A,
  ECS20D,
  ECS21A,
  ECS21C,
  ECS22C,
  ECS22A,
  ECS23,
  ECS18A,
  ECS27,
];
