import fc from 'fast-check';
import { CLUSTER_COMMANDS, GLOBAL_COMMANDS, ZCL_TYPES } from '../../../../protocol/gbcs/zcl/index.js';
import type {
  CommandSchema,
  GbzAlertBody,
  GbzComponent,
  GbzPayload,
  PlainZclPayload,
  ReportingConfiguration,
  ZclField,
  ZclHeader,
  ZclTypeName,
  ZclValue,
} from '../../../../protocol/gbcs/zcl/index.js';

type Entry = (typeof ZCL_TYPES)[keyof typeof ZCL_TYPES];
const ENTRIES: readonly Entry[] = Object.values(ZCL_TYPES);
const byName = (name: ZclTypeName): Entry => ENTRIES.find((e) => e.name === name)!;

const bytes = (max: number): fc.Arbitrary<Uint8Array> => fc.uint8Array({ maxLength: max });

/** Any valid value of one ZCL type, over its whole range. */
export function zclValueArb(name: ZclTypeName): fc.Arbitrary<ZclValue> {
  const e = byName(name);
  const bits = 8 * e.size;
  switch (e.form) {
    case 'uint':
      return fc.integer({ min: 0, max: 2 ** bits - 1 }).map((value) => ({ type: name, value }) as ZclValue);
    case 'int':
      return fc
        .integer({ min: -(2 ** (bits - 1)), max: 2 ** (bits - 1) - 1 })
        .map((value) => ({ type: name, value }) as ZclValue);
    case 'biguint':
      return fc.bigInt({ min: 0n, max: (1n << BigInt(bits)) - 1n }).map((value) => ({ type: name, value }) as ZclValue);
    case 'bigint':
      return fc
        .bigInt({ min: -(1n << BigInt(bits - 1)), max: (1n << BigInt(bits - 1)) - 1n })
        .map((value) => ({ type: name, value }) as ZclValue);
    case 'string1':
    case 'string2':
      return fc.option(bytes(40), { nil: null }).map((value) => ({ type: name, value }) as ZclValue);
    case 'bytes':
      return fc
        .uint8Array({ minLength: e.size, maxLength: e.size })
        .map((value) => ({ type: name, value }) as ZclValue);
  }
}

const anyValue: fc.Arbitrary<ZclValue> = fc.constantFrom(...ENTRIES.map((e) => e.name)).chain(zclValueArb);
const u16 = fc.integer({ min: 0, max: 0xffff });
const u8 = fc.integer({ min: 0, max: 0xff });

function headerArb(
  frameType: ZclHeader['frameType'],
  commandId: fc.Arbitrary<number>,
  direction?: ZclHeader['direction'],
) {
  return fc.record(
    {
      frameType: fc.constant(frameType),
      direction: direction
        ? fc.constant(direction)
        : fc.constantFrom('clientToServer' as const, 'serverToClient' as const),
      disableDefaultResponse: fc.boolean(),
      manufacturerCode: u16,
      sequence: u8,
      commandId,
    },
    { requiredKeys: ['frameType', 'direction', 'disableDefaultResponse', 'sequence', 'commandId'] },
  );
}

function fieldsArb(specs: CommandSchema['fields']): fc.Arbitrary<ZclField[]> {
  return fc.tuple(...specs.map(([name, type]) => zclValueArb(type).map((v) => ({ name, ...v }))));
}

/** A cluster command that follows its schema: counts agree with the records, optional parts vary. */
function clusterCommandArb(schema: CommandSchema): fc.Arbitrary<PlainZclPayload> {
  const recordSpec = schema.records;
  const records = recordSpec ? fc.array(fieldsArb(recordSpec.fields), { maxLength: 4 }) : fc.constant(undefined);
  return fc
    .record({
      fields: fieldsArb(schema.fields),
      records,
      optional: schema.optional ? fc.option(fieldsArb(schema.optional), { nil: undefined }) : fc.constant(undefined),
      tail: schema.tail
        ? fc.option(fc.uint8Array({ minLength: schema.tail, maxLength: schema.tail }), { nil: undefined })
        : fc.constant(undefined),
    })
    .map(({ fields, records, optional, tail }) => {
      const count = recordSpec?.count;
      const fixed = fields.map((f) =>
        f.name === count && records ? ({ ...f, value: records.length } as ZclField) : f,
      );
      return {
        kind: 'clusterCommand' as const,
        name: schema.name,
        fields: optional ? [...fixed, ...optional] : fixed,
        ...(records ? { records } : {}),
        ...(tail ? { tail } : {}),
      };
    });
}

const ANALOG_TYPES: readonly ZclTypeName[] = [
  'uint8',
  'uint24',
  'uint64',
  'int16',
  'int48',
  'singleFloat',
  'date',
  'utcTime',
];
const DISCRETE_TYPES: readonly ZclTypeName[] = [
  'bitmap8',
  'enum16',
  'boolean',
  'octetString',
  'charString',
  'ieeeAddress',
];

const reportingConfigurationArb: fc.Arbitrary<ReportingConfiguration> = fc.oneof(
  fc.record({ direction: fc.constant('received' as const), attributeId: u16, timeout: u16 }),
  fc.record({
    direction: fc.constant('reported' as const),
    attributeId: u16,
    dataType: fc.constantFrom(...DISCRETE_TYPES),
    minInterval: u16,
    maxInterval: u16,
  }),
  fc.constantFrom(...ANALOG_TYPES).chain((dataType) =>
    fc.record({
      direction: fc.constant('reported' as const),
      attributeId: u16,
      dataType: fc.constant(dataType),
      minInterval: u16,
      maxInterval: u16,
      reportableChange: zclValueArb(dataType),
    }),
  ),
);

type Plain = { header: ZclHeader; clusterId: number; payload: PlainZclPayload };

const globalArb: fc.Arbitrary<Plain> = fc.oneof(
  fc.record({
    clusterId: u16,
    header: headerArb('global', fc.constant(GLOBAL_COMMANDS.readAttributes)),
    payload: fc.array(u16, { maxLength: 6 }).map((attributeIds) => ({ kind: 'readAttributes' as const, attributeIds })),
  }),
  fc.record({
    clusterId: u16,
    header: headerArb('global', fc.constant(GLOBAL_COMMANDS.readAttributesResponse)),
    payload: fc
      .array(
        fc.oneof(
          fc.record({ attributeId: u16, status: fc.constant(0 as const), value: anyValue }),
          fc.record({ attributeId: u16, status: fc.integer({ min: 1, max: 0xff }) }),
        ),
        { maxLength: 4 },
      )
      .map((records) => ({ kind: 'readAttributesResponse' as const, records })),
  }),
  fc.record({
    clusterId: u16,
    header: headerArb('global', fc.constantFrom(0x02, 0x03, 0x05)),
    payload: fc
      .array(fc.record({ attributeId: u16, value: anyValue }), { maxLength: 4 })
      .map((records) => ({ kind: 'writeAttributes' as const, records })),
  }),
  fc.record({
    clusterId: u16,
    header: headerArb('global', fc.constant(GLOBAL_COMMANDS.writeAttributesResponse)),
    payload: fc.oneof(
      fc.constant({ kind: 'writeAttributesResponse' as const, records: [{ status: 0 }] }),
      fc
        .array(fc.record({ status: u8, attributeId: u16 }), { maxLength: 4 })
        .map((records) => ({ kind: 'writeAttributesResponse' as const, records })),
    ),
  }),
  fc.record({
    clusterId: u16,
    header: headerArb('global', fc.constant(0x06)),
    payload: fc
      .array(reportingConfigurationArb, { maxLength: 3 })
      .map((records) => ({ kind: 'configureReporting' as const, records })),
  }),
  fc.record({
    clusterId: u16,
    header: headerArb('global', fc.constant(0x07)),
    payload: fc.oneof(
      fc.constant({ kind: 'configureReportingResponse' as const, records: [{ status: 0 }] }),
      fc
        .array(
          fc.record({
            status: u8,
            direction: fc.constantFrom('reported' as const, 'received' as const),
            attributeId: u16,
          }),
          {
            maxLength: 3,
          },
        )
        .map((records) => ({ kind: 'configureReportingResponse' as const, records })),
    ),
  }),
  fc.record({
    clusterId: u16,
    header: headerArb('global', fc.constant(0x0a)),
    payload: fc
      .array(fc.record({ attributeId: u16, value: anyValue }), { maxLength: 4 })
      .map((records) => ({ kind: 'reportAttributes' as const, records })),
  }),
  fc.record({
    clusterId: u16,
    header: headerArb('global', fc.constant(GLOBAL_COMMANDS.defaultResponse)),
    payload: fc.record({ kind: fc.constant('defaultResponse' as const), commandId: u8, status: u8 }),
  }),
  fc.record({
    clusterId: u16,
    header: headerArb('global', fc.constantFrom(0x08, 0x09, 0x0c, 0x11)),
    payload: bytes(20).map((b) => ({ kind: 'raw' as const, bytes: b })),
  }),
);

const SCHEMAS: { clusterId: number; direction: ZclHeader['direction']; commandId: number; schema: CommandSchema }[] =
  [];
for (const [cluster, dirs] of Object.entries(CLUSTER_COMMANDS))
  for (const [direction, commands] of Object.entries(dirs))
    for (const [id, schema] of Object.entries(commands as Record<string, CommandSchema>))
      SCHEMAS.push({
        clusterId: Number(cluster),
        direction: direction as ZclHeader['direction'],
        commandId: Number(id),
        schema,
      });

const clusterArb: fc.Arbitrary<Plain> = fc.oneof(
  fc.constantFrom(...SCHEMAS).chain(({ clusterId, direction, commandId, schema }) =>
    fc.record({
      clusterId: fc.constant(clusterId),
      header: headerArb('cluster', fc.constant(commandId), direction),
      payload: clusterCommandArb(schema),
    }),
  ),
  // A cluster the schema table does not have: its commands stay raw.
  fc.record({
    clusterId: fc.constant(0x0b05),
    header: headerArb('cluster', u8),
    payload: bytes(20).map((b) => ({ kind: 'raw' as const, bytes: b })),
  }),
);

const cipheredArb = fc
  .uint8Array({ minLength: 16, maxLength: 40 })
  .map((b) => Uint8Array.of(0x31, ...b.subarray(0, 4), ...b.subarray(4), ...new Uint8Array(1)));

export const componentArb: fc.Arbitrary<GbzComponent> = fc.oneof(
  fc
    .record({
      plain: fc.oneof(globalArb, clusterArb),
      fromDateTime: fc.option(fc.nat({ max: 0xffffffff }), { nil: undefined }),
    })
    .map(({ plain, fromDateTime }) => ({
      encrypted: false as const,
      clusterId: plain.clusterId,
      ...(fromDateTime === undefined ? {} : { fromDateTime }),
      header: plain.header,
      payload: plain.payload,
    })),
  fc
    .record({
      clusterId: u16,
      encryption: fc.record({ headerControl: u8, frameCounter: u8 }),
      header: fc.oneof(headerArb('global', u8), headerArb('cluster', u8)),
      ciphered: cipheredArb,
    })
    .map(({ clusterId, encryption, header, ciphered }) => ({
      encrypted: true as const,
      clusterId,
      encryption,
      header,
      payload: { kind: 'encrypted' as const, ciphered },
    })),
);

/** An alert body with the message code that selects its layout. */
const alertBodyArb: fc.Arbitrary<{ body: GbzAlertBody; messageCode?: number }> = fc.oneof(
  fc.constant({ body: { kind: 'none' as const } }),
  componentArb.map((component) => ({ body: { kind: 'component' as const, component }, messageCode: 0x008b })),
  fc
    .record({
      kind: fc.constant('futureDated' as const),
      messageCode: u16,
      originatorCounter: fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
      clusterId: u16,
      frameControl: u8,
      commandId: u8,
    })
    .map((body) => ({ body, messageCode: 0x00cd })),
  bytes(200).map((hash) => ({ body: { kind: 'firmwareHash' as const, hash }, messageCode: 0x00cf })),
  u16.map((otherInfo) => ({ body: { kind: 'integrityWarning' as const, otherInfo }, messageCode: 0x00f2 })),
  fc
    .record({ componentCount: u8, bytes: fc.uint8Array({ minLength: 1, maxLength: 30 }) })
    .map(({ componentCount, bytes }) => ({
      body: { kind: 'raw' as const, componentCount, bytes },
      messageCode: 0x1000,
    })),
);

/** A GBZ payload with the decode options that read it back (CRA flag, message code). */
export const gbzArb: fc.Arbitrary<{ payload: GbzPayload; cra: number; messageCode?: number }> = fc.oneof(
  fc
    .record({ components: fc.array(componentArb, { minLength: 1, maxLength: 3 }), cra: fc.constantFrom(1, 2) })
    .map(({ components, cra }) => ({ payload: { form: 'frame' as const, components }, cra })),
  fc
    .record({ alertCode: u16, timestamp: fc.nat({ max: 0xffffffff }), body: alertBodyArb })
    .map(({ alertCode, timestamp, body }) => ({
      payload: { form: 'alert' as const, alertCode, timestamp, body: body.body },
      cra: 3,
      ...(body.messageCode === undefined ? {} : { messageCode: body.messageCode }),
    })),
);
