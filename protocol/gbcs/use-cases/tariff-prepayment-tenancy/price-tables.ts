import type { PlainValue } from '../../../cbor.js';
import type { DlmsData } from '../../dlms/index.js';
import { UseCaseError } from '../use-case-codec.js';
import { fieldOf, itemsOf, num, numberOf, octets, octetsOf } from './dlms-shape.js';

/**
 * The ESME's charge tables (DLMS Charge, class 113, attribute 6 `unit_charge_passive`), as ECS01a-d
 * carry them: {commodity scale, price scale}, the commodity reference {class, OBIS, attribute},
 * then one {index, price} per rate. Prices are `long` (int16) in 10^price-scale pounds; the body
 * keeps pence. The encoder picks the finest scale from 10⁻⁵ (RTDS's) up at which every price is
 * exact and fits an int16, so RTDS values come back byte for byte. Emulator choice: the facts
 * give neither the scale rule nor the unit.
 */
export interface ChargeTableForm {
  readonly commodityScale: number;
  readonly commodity: { readonly classId: number; readonly obis: Uint8Array; readonly attribute: number };
  /** The index octet string of each entry, in order. */
  readonly indices: readonly Uint8Array[];
}

const INT16_MAX = 0x7fff;
const FINEST_SCALE = -5;
const COARSEST_SCALE = -2;

/** 10^(-(scale+2)) raw units make a penny (a pound is 10^-scale raw units). */
function rawPerPenny(scale: number): number {
  return 10 ** -(scale + 2);
}

function pickScale(pence: readonly number[], field: string): number {
  for (let scale = FINEST_SCALE; scale <= COARSEST_SCALE; scale++) {
    const per = rawPerPenny(scale);
    if (pence.every((p) => Math.abs(p * per - Math.round(p * per)) < 1e-6 && Math.round(p * per) <= INT16_MAX))
      return scale;
  }
  throw new UseCaseError(`${field}: a price is too large or too fine for a DLMS long`, field);
}

export function encodeChargeTable(form: ChargeTableForm, pence: readonly number[], field: string): DlmsData {
  if (pence.length !== form.indices.length) throw new RangeError(`${field}: ${form.indices.length} prices expected`);
  const scale = pickScale(pence, field);
  const per = rawPerPenny(scale);
  return {
    type: 'structure',
    items: [
      { type: 'structure', items: [num('integer', form.commodityScale), num('integer', scale)] },
      {
        type: 'structure',
        items: [
          num('long-unsigned', form.commodity.classId),
          octets(form.commodity.obis),
          num('integer', form.commodity.attribute),
        ],
      },
      {
        type: 'array',
        items: form.indices.map((index, i) => ({
          type: 'structure',
          items: [octets(index), num('long', Math.round((pence[i] ?? 0) * per))],
        })),
      },
    ],
  };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The prices of a charge table in pence, checked against the form the use case sends. */
export function decodeChargeTable(d: DlmsData | undefined, form: ChargeTableForm, field: string): number[] {
  const [scales, commodity, entries] = itemsOf(d, 'structure', field, 3);
  const [commodityScale, priceScale] = itemsOf(scales, 'structure', `${field}.scale`, 2);
  if (numberOf(commodityScale, 'integer', `${field}.commodityScale`) !== form.commodityScale)
    throw new UseCaseError(`${field}: commodity scale must be ${form.commodityScale}`, field);
  const scale = numberOf(priceScale, 'integer', `${field}.priceScale`);
  if (scale < FINEST_SCALE || scale > COARSEST_SCALE)
    throw new UseCaseError(`${field}: price scale must be ${FINEST_SCALE}..${COARSEST_SCALE}`, field);
  const [classId, obis, attribute] = itemsOf(commodity, 'structure', `${field}.commodity`, 3);
  if (
    numberOf(classId, 'long-unsigned', `${field}.commodity`) !== form.commodity.classId ||
    !sameBytes(octetsOf(obis, `${field}.commodity`), form.commodity.obis) ||
    numberOf(attribute, 'integer', `${field}.commodity`) !== form.commodity.attribute
  )
    throw new UseCaseError(`${field}: not the commodity this table charges`, field);
  const list = itemsOf(entries, 'array', `${field}.entries`, form.indices.length);
  const per = rawPerPenny(scale);
  return list.map((entry, i) => {
    const [index, price] = itemsOf(entry, 'structure', `${field}.entries[${i}]`, 2);
    const expected = form.indices[i];
    if (!expected || !sameBytes(octetsOf(index, `${field}.entries[${i}]`), expected))
      throw new UseCaseError(`${field}: entry ${i} has the wrong index`, field);
    const raw = numberOf(price, 'long', `${field}.entries[${i}]`);
    if (raw < 0) throw new UseCaseError(`${field}: a price must not be negative`, field);
    return raw / per;
  });
}

function bytes(...b: number[]): Uint8Array {
  return Uint8Array.from(b);
}

/** The standing charge table 0-0:19.20.4.255: one entry with an empty index. */
export const STANDING_CHARGE_FORM: ChargeTableForm = {
  commodityScale: 0,
  commodity: { classId: 0, obis: new Uint8Array(6), attribute: 0 },
  indices: [new Uint8Array(0)],
};

/** 48 TOU rates (indices 01..30 hex), then the 4 × 8 block prices (A1..A8 … D1..D8). */
export const TOU_RATES = 48;
export const BLOCK_PRICES = 32;
const TOU_INDICES = Array.from({ length: TOU_RATES }, (_, i) => bytes(i + 1));
const BLOCK_INDICES = [0xa0, 0xb0, 0xc0, 0xd0].flatMap((row) =>
  Array.from({ length: 8 }, (_, i) => bytes(row + i + 1)),
);

/** The primary element's price matrix 0-0:19.20.0.255, charging active import 1-0:1.8.0.255. */
export const PRICE_MATRIX_FORM: ChargeTableForm = {
  commodityScale: 3,
  commodity: { classId: 3, obis: bytes(1, 0, 1, 8, 0, 0xff), attribute: 2 },
  indices: [...TOU_INDICES, ...BLOCK_INDICES],
};

/** The secondary element's price table 0-0:19.20.5.255 (1.1.2, 1.2.2): 4 TOU rates on 1-20:1.8.0.255. */
export const SECONDARY_PRICE_FORM: ChargeTableForm = {
  commodityScale: 3,
  commodity: { classId: 3, obis: bytes(1, 20, 1, 8, 0, 0xff), attribute: 2 },
  indices: [1, 2, 3, 4].map((i) => bytes(i)),
};

/** A list of prices in pence from a body field, padded with zeros to `length`. */
export function pricesField(body: PlainValue, key: string, length: number, required: boolean): number[] {
  const value = fieldOf(body, key);
  if (value === undefined && !required) return new Array<number>(length).fill(0);
  if (
    !Array.isArray(value) ||
    value.length === 0 ||
    value.length > length ||
    !value.every((p) => typeof p === 'number' && Number.isFinite(p) && p >= 0)
  )
    throw new UseCaseError(`${key} must be 1..${length} prices in pence`, key);
  return [...(value as number[]), ...new Array<number>(length - value.length).fill(0)];
}

/** Prices with trailing zeros dropped, keeping at least `min`. */
export function trimmed(prices: readonly number[], min: number): number[] {
  let end = prices.length;
  while (end > min && prices[end - 1] === 0) end--;
  return prices.slice(0, end);
}
