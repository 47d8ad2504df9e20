import fc from 'fast-check';
import type {
  AccessRequestSpec,
  AccessResponseSpec,
  CosemDateTime,
  DlmsApdu,
  DlmsData,
  ObisCode,
  SimpleDataType,
  TypeDescription,
} from '../../../../protocol/gbcs/dlms/index.js';

/** fast-check arbitraries for valid DLMS values: every one must encode and decode back to itself. */

const u8 = fc.integer({ min: 0, max: 0xff });
const u16 = fc.integer({ min: 0, max: 0xffff });

export const obisArb: fc.Arbitrary<ObisCode> = fc
  .tuple(u8, u8, u8, u8, u8, u8)
  .map(([a, b, c, d, e, f]): ObisCode => `${a}-${b}:${c}.${d}.${e}.${f}`);

export const dateTimeArb: fc.Arbitrary<CosemDateTime> = fc.record({
  year: u16,
  month: u8,
  dayOfMonth: u8,
  dayOfWeek: u8,
  hour: u8,
  minute: u8,
  second: u8,
  hundredths: u8,
  deviation: fc.integer({ min: -0x8000, max: 0x7fff }),
  clockStatus: u8,
});

const visible = fc
  .array(fc.integer({ min: 0x20, max: 0x7e }), { maxLength: 20 })
  .map((codes) => String.fromCharCode(...codes));

const bitString = fc
  .integer({ min: 0, max: 40 })
  .chain((bitLength) =>
    fc
      .uint8Array({ minLength: Math.ceil(bitLength / 8), maxLength: Math.ceil(bitLength / 8) })
      .map((bytes): DlmsData => ({ type: 'bit-string', bitLength, bytes })),
  );

/** Every simple value type, by type name. */
const SIMPLE: Record<SimpleDataType, fc.Arbitrary<DlmsData>> = {
  'null-data': fc.constant({ type: 'null-data' }),
  boolean: fc.boolean().map((value) => ({ type: 'boolean', value })),
  'bit-string': bitString,
  'double-long': fc.integer({ min: -0x8000_0000, max: 0x7fff_ffff }).map((value) => ({ type: 'double-long', value })),
  'double-long-unsigned': fc
    .integer({ min: 0, max: 0xffff_ffff })
    .map((value) => ({ type: 'double-long-unsigned', value })),
  'octet-string': fc.uint8Array({ maxLength: 20 }).map((bytes) => ({ type: 'octet-string', bytes })),
  'visible-string': visible.map((value) => ({ type: 'visible-string', value })),
  'utf8-string': fc.string({ unit: 'grapheme', maxLength: 8 }).map((value) => ({ type: 'utf8-string', value })),
  bcd: u8.map((value) => ({ type: 'bcd', value })),
  integer: fc.integer({ min: -0x80, max: 0x7f }).map((value) => ({ type: 'integer', value })),
  long: fc.integer({ min: -0x8000, max: 0x7fff }).map((value) => ({ type: 'long', value })),
  unsigned: u8.map((value) => ({ type: 'unsigned', value })),
  'long-unsigned': u16.map((value) => ({ type: 'long-unsigned', value })),
  long64: fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n }).map((value) => ({ type: 'long64', value })),
  'long64-unsigned': fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }).map((value) => ({ type: 'long64-unsigned', value })),
  enum: u8.map((value) => ({ type: 'enum', value })),
  float32: fc.float({ noNaN: true }).map((value) => ({ type: 'float32', value })),
  float64: fc.double({ noNaN: true }).map((value) => ({ type: 'float64', value })),
  'date-time': dateTimeArb.map((value) => ({ type: 'date-time', value })),
  date: fc.record({ year: u16, month: u8, dayOfMonth: u8, dayOfWeek: u8 }).map((value) => ({ type: 'date', value })),
  time: fc.record({ hour: u8, minute: u8, second: u8, hundredths: u8 }).map((value) => ({ type: 'time', value })),
};

const SIMPLE_TYPES = Object.keys(SIMPLE) as SimpleDataType[];

/** Type descriptions whose elements take at least one byte (the codec refuses zero-width ones). */
const descriptionArb: fc.Arbitrary<TypeDescription> = fc.letrec<{ desc: TypeDescription }>((tie) => ({
  desc: fc.oneof(
    { depthSize: 'small', maxDepth: 4, withCrossShrink: true },
    fc
      .constantFrom(...SIMPLE_TYPES.filter((t) => t !== 'null-data'))
      .map((dataType): TypeDescription => ({ type: 'simple', dataType })),
    fc
      .tuple(fc.integer({ min: 1, max: 3 }), tie('desc'))
      .map(([count, element]): TypeDescription => ({ type: 'array', count, element })),
    fc
      .array(tie('desc'), { minLength: 1, maxLength: 3 })
      .map((members): TypeDescription => ({ type: 'structure', members })),
  ),
})).desc;

function packedValueArb(d: TypeDescription): fc.Arbitrary<DlmsData> {
  switch (d.type) {
    case 'simple':
      return SIMPLE[d.dataType];
    case 'array':
      return fc
        .array(packedValueArb(d.element), { minLength: d.count, maxLength: d.count })
        .map((items): DlmsData => ({ type: 'array', items }));
    case 'structure':
      return fc.tuple(...d.members.map(packedValueArb)).map((items): DlmsData => ({ type: 'structure', items }));
  }
}

const compactArrayArb: fc.Arbitrary<DlmsData> = descriptionArb.chain((description) =>
  fc
    .array(packedValueArb(description), { maxLength: 4 })
    .map((items): DlmsData => ({ type: 'compact-array', description, items })),
);

export const dataArb: fc.Arbitrary<DlmsData> = fc.letrec<{ data: DlmsData }>((tie) => ({
  data: fc.oneof(
    { depthSize: 'small', maxDepth: 4, withCrossShrink: true },
    fc.oneof(...Object.values(SIMPLE)),
    fc.array(tie('data'), { maxLength: 4 }).map((items): DlmsData => ({ type: 'array', items })),
    fc.array(tie('data'), { maxLength: 4 }).map((items): DlmsData => ({ type: 'structure', items })),
    compactArrayArb,
  ),
})).data;

const attributeArb = fc.record({ classId: u16, instance: obisArb, attributeId: u8 });

export const requestSpecArb: fc.Arbitrary<AccessRequestSpec> = fc.oneof(
  attributeArb.map((attribute): AccessRequestSpec => ({ type: 'get', attribute })),
  attributeArb.map((attribute): AccessRequestSpec => ({ type: 'set', attribute })),
  fc
    .record({ classId: u16, instance: obisArb, methodId: u8 })
    .map((method): AccessRequestSpec => ({ type: 'action', method })),
  fc
    .record({
      type: fc.constantFrom('get-with-selection' as const, 'set-with-selection' as const),
      attribute: attributeArb,
      selector: u8,
      parameters: dataArb,
    })
    .map((spec): AccessRequestSpec => spec),
);

const responseSpecArb: fc.Arbitrary<AccessResponseSpec> = fc.record({
  type: fc.constantFrom('get' as const, 'set' as const, 'action' as const),
  result: u8,
});

const headerArb = fc.record({
  invokeId: fc.integer({ min: 0, max: 0xffff_ffff }),
  dateTime: fc.option(dateTimeArb, { nil: null, freq: 3 }),
});

export const apduArb: fc.Arbitrary<DlmsApdu> = fc.oneof(
  fc.tuple(headerArb, fc.array(fc.tuple(requestSpecArb, dataArb), { maxLength: 4 })).map(([h, pairs]): DlmsApdu => ({
    type: 'access-request',
    ...h,
    specs: pairs.map(([s]) => s),
    data: pairs.map(([, d]) => d),
  })),
  fc
    .tuple(
      headerArb,
      fc.option(fc.array(requestSpecArb, { maxLength: 3 }), { nil: null }),
      fc.array(fc.tuple(dataArb, responseSpecArb), { maxLength: 4 }),
    )
    .map(([h, requestSpecs, pairs]): DlmsApdu => ({
      type: 'access-response',
      ...h,
      requestSpecs,
      data: pairs.map(([d]) => d),
      specs: pairs.map(([, s]) => s),
    })),
  fc.tuple(headerArb, dataArb).map(([h, body]): DlmsApdu => ({ type: 'data-notification', ...h, body })),
);
