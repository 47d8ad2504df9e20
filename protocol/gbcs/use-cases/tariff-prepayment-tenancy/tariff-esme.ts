import type { PlainValue } from '../../../cbor.js';
import { decodeDlmsData, encodeDlmsData, type DlmsData } from '../../dlms/index.js';
import { GbcsError } from '../../errors.js';
import type { UseCaseCodec } from '../use-case-codec.js';
import { UseCaseError } from '../use-case-codec.js';
import { fieldOf, item, itemsOf, num, numberOf, octets, octetsOf, boolOf } from './dlms-shape.js';
import {
  BLOCK_PRICES,
  decodeChargeTable,
  encodeChargeTable,
  pricesField,
  PRICE_MATRIX_FORM,
  STANDING_CHARGE_FORM,
  TOU_RATES,
  trimmed,
} from './price-tables.js';
import { dlmsUseCase } from './use-case-kinds.js';

/**
 * SR 1.1.1 on the ESME, ECS01a: the passive calendar, special days, block thresholds, standing
 * charge and price matrix, then the six activation times, as the RTDS sends them (21 sets).
 *
 * The body is what the 1.1.1 handler reads (`standingCharge` p/day, `unitRates` p/kWh,
 * `switching` [[halfHour, register]]), plus what GBCS carries that the emulated meter does not
 * model, so an RTDS command comes back byte for byte:
 * - `dayProfiles` [[dayId, [[halfHour, scriptSelector], …]], …]; absent, day 1 is `switching`
 *   with selector register+1. `switching` is read from the first day profile, register =
 *   (selector − 1) mod 100 (RTDS: 1..48 TOU, 101.. block, 201.. secondary element).
 * - `blockPrices` (32 prices, A1..D8), `blockThresholds` (8 lists of kWh thresholds, 0xFFFFFFFF = none).
 * - `calendar` {seasons, weeks, specialDays}: the A-XDR of the season and week profiles and the
 *   special days table, as hex (the meter runs one day profile; defaults: one season from 2015,
 *   one week of day 1, no special days).
 * - `activateAt`: ms, or `'cancel'`; absent = now (GBCS-FACTS §8.6).
 * - `thresholdFlag`: the boolean RTDS sets on 0-0:94.44.2.0 attribute 4 (true); the facts do not say what it means.
 */
const CALENDAR = '0-0:13.0.0.255';
const THRESHOLDS = [11, 12, 13, 14, 15, 16, 17, 18].map((n) => item('set', 21, `0-0:16.1.${n}.255`, 2));

export const ECS01A_ITEMS = [
  item('set', 20, CALENDAR, 7),
  item('set', 20, CALENDAR, 8),
  item('set', 20, CALENDAR, 9),
  item('set', 11, '0-1:11.0.0.255', 2),
  ...THRESHOLDS,
  item('set', 9000, '0-0:94.44.2.0', 4),
  item('set', 113, '0-0:19.20.4.255', 6),
  item('set', 113, '0-0:19.20.0.255', 6),
  item('set', 20, CALENDAR, 10),
  item('set', 9000, '0-0:94.44.128.29', 6),
  item('set', 9000, '0-0:94.44.2.0', 6),
  item('set', 113, '0-0:19.20.4.255', 7),
  item('set', 113, '0-0:19.20.0.255', 7),
  item('set', 9000, '0-0:63.1.1.255', 6),
];
const ACTIVATIONS = 6;
const NO_THRESHOLD = 0xffff_ffff;
/** DLMS script table 0-0:10.0.100.255, the tariff's scripts (RTDS). */
const SCRIPT_TABLE = Uint8Array.from([0, 0, 10, 0, 100, 0xff]);
const HALF_HOURS = 48;

// --- activation times ------------------------------------------------------------------------------

const NOW = Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80, 0, 0xff]);
const NEVER = Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x80, 0, 0xff]);

export function activationBytes(body: PlainValue): Uint8Array {
  const at = fieldOf(body, 'activateAt');
  if (at === undefined) return NOW;
  if (at === 'cancel') return NEVER;
  if (typeof at !== 'number' || !Number.isInteger(at) || at < 0)
    throw new UseCaseError("activateAt must be ms since the epoch or 'cancel'", 'activateAt');
  const d = new Date(at);
  const b = Uint8Array.from([
    0,
    0,
    d.getUTCMonth() + 1,
    d.getUTCDate(),
    0xff,
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
    0,
    0x80,
    0,
    0xff,
  ]);
  b[0] = d.getUTCFullYear() >> 8;
  b[1] = d.getUTCFullYear() & 0xff;
  return b;
}

export function activationOf(list: readonly DlmsData[], field: string): { readonly activateAt?: PlainValue } {
  const first = octetsOf(list[0], field, 12);
  list.forEach((d, i) => {
    const b = octetsOf(d, `${field}[${i}]`, 12);
    if (!b.every((x, j) => x === first[j])) throw new UseCaseError('every activation time must be the same', field);
  });
  if (first.every((x, j) => x === NOW[j])) return {};
  if (first.every((x, j) => x === NEVER[j])) return { activateAt: 'cancel' };
  const [yh = 0, yl = 0, month = 0, day = 0, dow, hour = 0, minute = 0, second = 0, hundredths] = first;
  if (
    dow !== 0xff ||
    hundredths !== 0 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > 31 ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  )
    throw new UseCaseError('an activation time must be a whole second, day of week FF', field);
  const at = Date.UTC((yh << 8) | yl, month - 1, day, hour, minute, second);
  if (at < 0 || new Date(at).getUTCDate() !== day)
    throw new UseCaseError('an activation time must be a real date from 1970', field);
  return { activateAt: at };
}

// --- the calendar's raw parts ------------------------------------------------------------------------

const DEFAULT_SEASONS: DlmsData = {
  type: 'array',
  items: [
    {
      type: 'structure',
      items: [
        octets(Uint8Array.from([0x61, 0x6c, 0x6c])), // "all"
        octets(Uint8Array.from([0x07, 0xdf, 1, 1, 0xff, 0, 0, 0, 0, 0x80, 0, 0xff])), // 2015-01-01
        octets(Uint8Array.from([1])),
      ],
    },
  ],
};
const DEFAULT_WEEKS: DlmsData = {
  type: 'array',
  items: [
    { type: 'structure', items: [octets(Uint8Array.from([1])), ...new Array<DlmsData>(7).fill(num('unsigned', 1))] },
  ],
};
const NO_SPECIAL_DAYS: DlmsData = { type: 'array', items: [] };

function hexOf(d: DlmsData): string {
  return Buffer.from(encodeDlmsData(d)).toString('hex').toUpperCase();
}

function rawPart(body: PlainValue, key: string, fallback: DlmsData, type: 'array'): DlmsData {
  const calendar = fieldOf(body, 'calendar');
  if (calendar === undefined) return fallback;
  const text = fieldOf(calendar, key);
  if (text === undefined) return fallback;
  if (typeof text !== 'string' || !/^([0-9A-Fa-f]{2})+$/.test(text))
    throw new UseCaseError(`calendar.${key} must be hex`, `calendar.${key}`);
  try {
    const d = decodeDlmsData(Uint8Array.from(Buffer.from(text, 'hex')), 0, `calendar.${key}`);
    itemsOf(d, type, `calendar.${key}`);
    return d;
  } catch (e) {
    if (e instanceof GbcsError) throw new UseCaseError(`calendar.${key}: ${e.message}`, `calendar.${key}`);
    throw e;
  }
}

// --- day profiles and switching ----------------------------------------------------------------------

type DayProfiles = [number, [number, number][]][];

function dayProfilesOf(body: PlainValue): DayProfiles {
  const given = fieldOf(body, 'dayProfiles');
  const fail = () => {
    throw new UseCaseError('dayProfiles must be [[dayId, [[halfHour, selector], …]], …]', 'dayProfiles');
  };
  if (given === undefined) {
    const switching = fieldOf(body, 'switching') ?? [[0, 0]];
    if (!Array.isArray(switching)) return fail();
    return [
      [
        1,
        switching.map((step) => {
          if (!Array.isArray(step) || typeof step[0] !== 'number' || typeof step[1] !== 'number') return fail();
          return [step[0], step[1] + 1] as [number, number];
        }),
      ],
    ];
  }
  if (!Array.isArray(given) || given.length === 0) return fail();
  return given.map((day) => {
    if (!Array.isArray(day) || typeof day[0] !== 'number' || !Array.isArray(day[1])) return fail();
    return [
      day[0],
      day[1].map((step) => {
        if (!Array.isArray(step) || typeof step[0] !== 'number' || typeof step[1] !== 'number') return fail();
        return [step[0], step[1]] as [number, number];
      }),
    ] as [number, [number, number][]];
  });
}

function encodeDayProfiles(days: DayProfiles): DlmsData {
  return {
    type: 'array',
    items: days.map(([dayId, steps]) => {
      if (!Number.isInteger(dayId) || dayId < 0 || dayId > 255)
        throw new UseCaseError('dayId must be 0..255', 'dayProfiles');
      return {
        type: 'structure',
        items: [
          num('unsigned', dayId),
          {
            type: 'array',
            items: steps.map(([halfHour, selector]) => {
              if (!Number.isInteger(halfHour) || halfHour < 0 || halfHour >= HALF_HOURS)
                throw new UseCaseError('a switching half-hour must be 0..47', 'switching');
              if (!Number.isInteger(selector) || selector < 1 || selector > 0xffff)
                throw new UseCaseError('a script selector must be 1..65535', 'dayProfiles');
              return {
                type: 'structure',
                items: [
                  octets(Uint8Array.from([Math.floor(halfHour / 2), (halfHour % 2) * 30, 0, 0])),
                  octets(SCRIPT_TABLE),
                  num('long-unsigned', selector),
                ],
              };
            }),
          },
        ],
      };
    }),
  };
}

function selectorOf(selector: number): number {
  if (selector < 1) throw new UseCaseError('a script selector must be 1..65535', 'dayProfiles');
  return selector;
}

function decodeDayProfiles(d: DlmsData | undefined): DayProfiles {
  return itemsOf(d, 'array', 'dayProfiles').map((day, i) => {
    const [id, actions] = itemsOf(day, 'structure', `dayProfiles[${i}]`, 2);
    return [
      numberOf(id, 'unsigned', `dayProfiles[${i}].dayId`),
      itemsOf(actions, 'array', `dayProfiles[${i}]`).map((action, j) => {
        const [start, script, selector] = itemsOf(action, 'structure', `dayProfiles[${i}][${j}]`, 3);
        const [hour = 0, minute = 0, second, hundredths] = octetsOf(start, `dayProfiles[${i}][${j}].start`, 4);
        if (hour > 23 || (minute !== 0 && minute !== 30) || second !== 0 || hundredths !== 0)
          throw new UseCaseError('a switching time must be on the half-hour', `dayProfiles[${i}][${j}].start`);
        const table = octetsOf(script, `dayProfiles[${i}][${j}].script`, 6);
        if (!table.every((x, k) => x === SCRIPT_TABLE[k]))
          throw new UseCaseError('a switch must run the tariff script table', `dayProfiles[${i}][${j}].script`);
        return [
          hour * 2 + minute / 30,
          selectorOf(numberOf(selector, 'long-unsigned', `dayProfiles[${i}][${j}].selector`)),
        ] as [number, number];
      }),
    ];
  });
}

// --- block thresholds ---------------------------------------------------------------------------------

function thresholdsOf(body: PlainValue): number[][] {
  const given = fieldOf(body, 'blockThresholds');
  if (given === undefined) return THRESHOLDS.map(() => [NO_THRESHOLD]);
  if (
    !Array.isArray(given) ||
    given.length !== THRESHOLDS.length ||
    !given.every(
      (list) =>
        Array.isArray(list) &&
        list.every((t) => typeof t === 'number' && Number.isInteger(t) && t >= 0 && t <= NO_THRESHOLD),
    )
  )
    throw new UseCaseError('blockThresholds must be 8 lists of thresholds', 'blockThresholds');
  return given as number[][];
}

export const ECS01A: UseCaseCodec = dlmsUseCase({
  useCase: 'ECS01a',
  messageCode: 0x0019,
  variant: '1.1.1',
  device: 'ESME',
  items: ECS01A_ITEMS,
  encode: (body) => {
    const tou = pricesField(body, 'unitRates', TOU_RATES, true);
    const blocks = pricesField(body, 'blockPrices', BLOCK_PRICES, false);
    const standing = fieldOf(body, 'standingCharge') ?? 0;
    if (typeof standing !== 'number' || standing < 0)
      throw new UseCaseError('standingCharge must be pence', 'standingCharge');
    const flag = fieldOf(body, 'thresholdFlag') ?? true;
    if (typeof flag !== 'boolean') throw new UseCaseError('thresholdFlag must be a boolean', 'thresholdFlag');
    const activation = octets(activationBytes(body));
    return [
      rawPart(body, 'seasons', DEFAULT_SEASONS, 'array'),
      rawPart(body, 'weeks', DEFAULT_WEEKS, 'array'),
      encodeDayProfiles(dayProfilesOf(body)),
      rawPart(body, 'specialDays', NO_SPECIAL_DAYS, 'array'),
      ...thresholdsOf(body).map((list): DlmsData => ({
        type: 'array',
        items: list.map((t) => num('double-long-unsigned', t)),
      })),
      { type: 'boolean', value: flag },
      encodeChargeTable(STANDING_CHARGE_FORM, [standing], 'standingCharge'),
      encodeChargeTable(PRICE_MATRIX_FORM, [...tou, ...blocks], 'unitRates'),
      ...new Array<DlmsData>(ACTIVATIONS).fill(activation),
    ];
  },
  decode: (data) => {
    const [seasons, weeks, days, special] = data;
    const dayProfiles = decodeDayProfiles(days);
    const switching = (dayProfiles[0]?.[1] ?? []).map(([hh, sel]) => [hh, (sel - 1) % 100]);
    const registers = Math.max(1, ...switching.map(([, r]) => (r ?? 0) + 1));
    const prices = decodeChargeTable(data[14], PRICE_MATRIX_FORM, 'unitRates');
    const blocks = prices.slice(TOU_RATES);
    const [standingCharge] = decodeChargeTable(data[13], STANDING_CHARGE_FORM, 'standingCharge');
    return {
      standingCharge: standingCharge ?? 0,
      unitRates: trimmed(prices.slice(0, TOU_RATES), registers),
      switching,
      dayProfiles,
      ...(blocks.some((p) => p !== 0) ? { blockPrices: trimmed(blocks, 1) } : {}),
      blockThresholds: THRESHOLDS.map((_, i) =>
        itemsOf(data[4 + i], 'array', `blockThresholds[${i}]`).map((t, j) =>
          numberOf(t, 'double-long-unsigned', `blockThresholds[${i}][${j}]`),
        ),
      ),
      thresholdFlag: boolOf(data[12], 'thresholdFlag'),
      calendar: {
        seasons: hexOf({ type: 'array', items: itemsOf(seasons, 'array', 'calendar.seasons') }),
        weeks: hexOf({ type: 'array', items: itemsOf(weeks, 'array', 'calendar.weeks') }),
        specialDays: hexOf({ type: 'array', items: itemsOf(special, 'array', 'calendar.specialDays') }),
      },
      ...activationOf(data.slice(15), 'activateAt'),
    };
  },
});
