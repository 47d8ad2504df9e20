import type { PlainValue } from '../../../cbor.js';
import type { ZclValue } from '../../zcl/data-types.js';
import type { UseCaseCodec } from '../use-case-codec.js';
import { listField } from './dlms-values.js';
import { gbzAttributeRead, u, zclNumber } from './gbz-read.js';

/**
 * The GSME register reads by tier and by block: 4.1.2 GCS13c (Divisor, Multiplier, Unit of
 * Measure, Current Tier 1-4 Summation Delivered) and 4.1.4 GCS13b (Current No Tier Block 1-4
 * Summation Delivered, then Divisor, Multiplier, Unit of Measure), in litres as GCS13a.
 */
const METERING = 0x0702;
const litres = (p: PlainValue, key: string, i: number): ZclValue => {
  const v = listField(p, key)[i];
  return { type: 'uint48', value: Math.max(0, Math.round((typeof v === 'number' ? v : 0) * 1000)) };
};
const scale: ZclValue[] = [u('uint24', 1000), u('uint24', 1), { type: 'enum8', value: 1 }];
const m3 = (v: ZclValue | undefined, field: string, divisor = 1000) => zclNumber(v, field) / divisor;

export const GCS13C = gbzAttributeRead({
  useCase: 'GCS13c',
  messageCode: 0x00b6,
  variant: '4.1.2',
  components: [
    {
      clusterId: METERING,
      attributeIds: [0x0302, 0x0301, 0x0300, 0x0100, 0x0102, 0x0104, 0x0106],
      responseDisablesDefault: true,
      encrypted: true,
    },
  ],
  toValues: (p) => [[...scale, ...[0, 1, 2, 3].map((i) => litres(p, 'touM3', i))]],
  fromValues: ([v]) => {
    const divisor = zclNumber(v?.[0], 'divisor') || 1;
    return { touM3: [3, 4, 5, 6].map((i) => m3(v?.[i], `tier${i - 2}`, divisor)) };
  },
});

export const GCS13B = gbzAttributeRead({
  useCase: 'GCS13b',
  messageCode: 0x00b8,
  variant: '4.1.4',
  components: [
    {
      clusterId: METERING,
      attributeIds: [0x0700, 0x0701, 0x0702, 0x0703, 0x0302, 0x0301, 0x0300],
      responseDisablesDefault: true,
      encrypted: true,
    },
  ],
  toValues: (p) => [[...[0, 1, 2, 3].map((i) => litres(p, 'blockM3', i)), ...scale]],
  fromValues: ([v]) => {
    const divisor = zclNumber(v?.[4], 'divisor') || 1;
    return { blockM3: [0, 1, 2, 3].map((i) => m3(v?.[i], `block${i + 1}`, divisor)) };
  },
});

export const GSME_MORE_READS: readonly UseCaseCodec[] = [GCS13C, GCS13B];
