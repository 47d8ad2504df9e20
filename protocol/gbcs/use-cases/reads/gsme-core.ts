import type { PlainValue } from '../../../cbor.js';
import type { ServiceReferenceVariant } from '../../../catalogue.js';
import type { ZclField } from '../../zcl/types.js';
import { UseCaseError, type UseCaseCodec } from '../use-case-codec.js';
import { fieldsOf, listField, msFromY2000, numField, y2000FromMs } from './dlms-values.js';
import {
  componentsOf,
  defaultResponse,
  fieldNumber,
  frame,
  gbzAttributeRead,
  refusalOf,
  s32,
  sequenceOf,
  u,
  zclNumber,
  type GbzReadCodec,
} from './gbz-read.js';
import { ZCL_NOT_FOUND, zclStatusFor } from './outcome-codes.js';
import { DAY_MS, HALF_HOUR_MS, rangeOf } from './ranges.js';
import { prepayRegisters } from './esme-core.js';

/**
 * The GSME reads the built-in scenarios and soak use: 4.1.1 GCS13a, 4.3 GCS14, 4.18 GCS60 and
 * GCS60a, 4.8.1 GCS17, 4.17 GCS61 (the GPF answers the mirrored ones: hub/gas-proxy.ts).
 * Attribute lists and types are the RTDS's. Volume is in litres (Divisor 1000, Multiplier 1, unit
 * m³); currency in 10⁻⁵ £ with Price Trailing Digits 5 (bitmap8 0x50) and currency 826 (GBP), as
 * the RTDS GCS14 says.
 */
const METERING = 0x0702;
const PRICE = 0x0700;
const PREPAYMENT = 0x0705;
const milliPence = (pence: number) => pence * 1000;

/** 4.1.1 GCS13a: Divisor, Multiplier, Unit of Measure, Current Summation Delivered (GBCS-FACTS §13). */
export const GCS13A = gbzAttributeRead({
  useCase: 'GCS13a',
  messageCode: 0x0074,
  variant: '4.1.1',
  components: [
    {
      clusterId: METERING,
      attributeIds: [0x0302, 0x0301, 0x0300, 0x0000],
      responseDisablesDefault: true,
      encrypted: true,
    },
  ],
  toValues: (p) => [
    [
      u('uint24', 1000),
      u('uint24', 1),
      { type: 'enum8', value: 1 },
      { type: 'uint48', value: Math.round(numField(p, 'volumeM3') * 1000) },
    ],
  ],
  fromValues: ([v]) => {
    const divisor = zclNumber(v?.[0], 'divisor') || 1;
    const multiplier = zclNumber(v?.[1], 'multiplier');
    return { volumeM3: (zclNumber(v?.[3], 'summation') * multiplier) / divisor };
  },
});

/** 4.3 GCS14: price trailing digits and currency, then the six prepayment registers (encrypted). */
export const GCS14 = gbzAttributeRead({
  useCase: 'GCS14',
  messageCode: 0x0075,
  variant: '4.3',
  components: [
    { clusterId: PRICE, attributeIds: [0x0617, 0x0616] },
    { clusterId: PREPAYMENT, attributeIds: [0x0005, 0x0002, 0x0001, 0x0231, 0x0211, 0x0221], encrypted: true },
  ],
  toValues: (p) => {
    const r = prepayRegisters(p);
    return [
      [{ type: 'bitmap8', value: 0x50 }, u('uint16', 826)],
      [
        s32(milliPence(r.accumulatedDebtPence)),
        s32(milliPence(r.emergencyCreditPence)),
        s32(milliPence(r.balancePence)),
        u('uint32', milliPence(r.paymentDebtPence)),
        u('uint32', milliPence(r.timeDebt1Pence)),
        u('uint32', milliPence(r.timeDebt2Pence)),
      ],
    ];
  },
  fromValues: ([, v]) => {
    const at = (i: number, name: string) => zclNumber(v?.[i], name) / 1000;
    const emergencyCreditPence = at(1, 'emergencyCredit');
    return {
      balancePence: at(2, 'creditRemaining'),
      emergencyCreditPence,
      emergencyCreditActive: emergencyCreditPence > 0,
      accumulatedDebtPence: at(0, 'accumulatedDebt'),
      paymentDebtPence: at(3, 'paymentDebt'),
      timeDebt1Pence: at(4, 'timeDebt1'),
      timeDebt2Pence: at(5, 'timeDebt2'),
    };
  },
});

function gcs60(useCase: string, messageCode: number): GbzReadCodec {
  const codec = gbzAttributeRead({
    useCase,
    messageCode,
    variant: '4.18',
    components: [
      { clusterId: METERING, attributeIds: [0x0a00] },
      { clusterId: PREPAYMENT, attributeIds: [0x0001] },
    ],
    toValues: (p) => [
      [u('uint32', milliPence(numField(p, 'billToDatePence')))],
      [s32(milliPence(numField(p, 'balancePence')))],
    ],
    fromValues: ([bill, credit]) => ({
      billToDatePence: zclNumber(bill?.[0], 'billToDate') / 1000,
      balancePence: zclNumber(credit?.[0], 'creditRemaining') / 1000,
    }),
  });
  return codec;
}

/**
 * 4.18 GCS60 and GCS60a carry the same content; GCS60a is the variant the DCC sends when the
 * GSME answers itself rather than the GPF mirror (RTDS: RELIABLE_GSME / UNRELIABLE files). The
 * head-end picks GCS60a when the body says `useCase: 'GCS60a'` (a choice the facts leave open).
 */
const GCS60_BASE = gcs60('GCS60', 0x008d);
const GCS60A_BASE = gcs60('GCS60a', 0x012a);
const wantsA = (b: PlainValue) => fieldsOf(b).useCase === 'GCS60a';
export const GCS60: GbzReadCodec = { ...GCS60_BASE, selects: (b) => !wantsA(b) };
export const GCS60A: GbzReadCodec = { ...GCS60A_BASE, selects: wantsA };

/**
 * A Get Sampled Data read (metering cluster 0x08 / response 0x07, ZCL SE D.3.2.3.7): consumption
 * samples from `from`, `to - from` over the interval. Body {from, to} (ms); the answer {list key:
 * [{time key, units}]}, units in litres. No sample in the range is the NOT_FOUND Default Response
 * (RTDS GCS17/GCS61 NOT_FOUND), read back as an empty list.
 */
function sampledData(o: {
  useCase: string;
  messageCode: number;
  variant: ServiceReferenceVariant;
  sampleId: number;
  periodMs: number;
  /** Sample Request Interval as the RTDS response writes it (1800 s half-hourly, 0xFFFF daily). */
  interval: number;
  countKey: string;
  fallback: number;
  listKey: string;
  timeKey: string;
}): GbzReadCodec {
  const sampleFields = (count: number, start: number): ZclField[] => [
    { name: 'Sample Id', type: 'uint16', value: o.sampleId },
    { name: 'Earliest Sample Time', type: 'utcTime', value: start },
    { name: 'Sample Type', type: 'enum8', value: 0 },
    { name: 'Number of Samples', type: 'uint16', value: count },
  ];
  return {
    useCase: o.useCase,
    messageCode: o.messageCode,
    variant: o.variant,
    device: 'GSME',
    encryptedResponse: true,
    encryptedComponents: [0],
    encodeCommand(body, ctx) {
      const { from, to } = rangeOf(body, ctx, o.periodMs, o.countKey, o.fallback);
      const count = Math.max(0, Math.min(0xffff, Math.round((to - from) / o.periodMs)));
      return frame([
        {
          encrypted: false,
          clusterId: METERING,
          header: {
            frameType: 'cluster',
            direction: 'clientToServer',
            disableDefaultResponse: false,
            sequence: 0,
            commandId: 0x08,
          },
          payload: { kind: 'clusterCommand', name: 'Get Sampled Data', fields: sampleFields(count, y2000FromMs(from)) },
        },
      ]);
    },
    decodeCommand(payload) {
      const [c] = componentsOf(payload, o.useCase, 1);
      if (c?.clusterId !== METERING || c.payload.kind !== 'clusterCommand' || c.payload.name !== 'Get Sampled Data')
        throw new UseCaseError(`${o.useCase} must be Get Sampled Data on the metering cluster`, 'components[0]');
      const f = c.payload.fields;
      if (fieldNumber(f, 'Sample Id') !== o.sampleId)
        throw new UseCaseError(`Sample Id must be ${o.sampleId}`, 'Sample Id');
      const from = msFromY2000(fieldNumber(f, 'Earliest Sample Time'));
      return { from, to: from + fieldNumber(f, 'Number of Samples') * o.periodMs };
    },
    encodeResponse(outcome, ctx) {
      const seq = sequenceOf(ctx.command, 0);
      if (outcome.status !== 'OK') return frame([defaultResponse(METERING, seq, 0x08, zclStatusFor(outcome.status))]);
      const list = listField(outcome.payload, o.listKey).map(fieldsOf);
      if (list.length === 0) return frame([defaultResponse(METERING, seq, 0x08, ZCL_NOT_FOUND)]);
      const start = typeof list[0]![o.timeKey] === 'number' ? (list[0]![o.timeKey] as number) : ctx.now;
      return frame([
        {
          encrypted: false,
          clusterId: METERING,
          header: {
            frameType: 'cluster',
            direction: 'serverToClient',
            disableDefaultResponse: true,
            sequence: seq,
            commandId: 0x07,
          },
          payload: {
            kind: 'clusterCommand',
            name: 'Get Sampled Data Response',
            fields: [
              { name: 'Sample Id', type: 'uint16', value: o.sampleId },
              { name: 'Sample Start Time', type: 'utcTime', value: y2000FromMs(start) },
              { name: 'Sample Type', type: 'enum8', value: 0 },
              { name: 'Sample Request Interval', type: 'uint16', value: o.interval },
              { name: 'Number of Samples', type: 'uint16', value: list.length },
            ],
            records: list.map((e) => [
              {
                name: 'Sample',
                type: 'uint24',
                value: Math.min(0xffffff, Math.max(0, Math.round(typeof e.units === 'number' ? e.units : 0))),
              },
            ]),
          },
        },
      ]);
    },
    decodeResponse(payload) {
      const components = componentsOf(payload, o.useCase, 1);
      const c = components[0]!;
      if (c.payload.kind === 'defaultResponse' && c.payload.status === ZCL_NOT_FOUND)
        return { status: 'OK', payload: { [o.listKey]: [] } };
      const refused = refusalOf(components);
      if (refused) return refused;
      if (c.payload.kind !== 'clusterCommand' || c.payload.name !== 'Get Sampled Data Response')
        throw new UseCaseError(`${o.useCase} response must be Get Sampled Data Response`, 'components[0]');
      const start = msFromY2000(fieldNumber(c.payload.fields, 'Sample Start Time'));
      const list = (c.payload.records ?? []).map((r, i) => ({
        [o.timeKey]: start + i * o.periodMs,
        units: zclNumber(r[0], `Sample[${i}]`),
      }));
      return { status: 'OK', payload: { [o.listKey]: list } };
    },
  };
}

export const GCS17 = sampledData({
  useCase: 'GCS17',
  messageCode: 0x0078,
  variant: '4.8.1',
  sampleId: 0,
  periodMs: HALF_HOUR_MS,
  interval: 1800,
  countKey: 'count',
  fallback: 48,
  listKey: 'halfHours',
  timeKey: 'start',
});

export const GCS61 = sampledData({
  useCase: 'GCS61',
  messageCode: 0x00a0,
  variant: '4.17',
  sampleId: 1,
  periodMs: DAY_MS,
  interval: 0xffff,
  countKey: 'days',
  fallback: 7,
  listKey: 'days',
  timeKey: 'day',
});

export const GSME_CORE_READS: readonly UseCaseCodec[] = [GCS13A, GCS14, GCS60, GCS60A, GCS17, GCS61];
