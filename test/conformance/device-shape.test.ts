import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareShapes, outcomeOf } from '../../conformance/device-shape.js';
import type { DlmsApdu, DlmsData } from '../../protocol/gbcs/dlms/index.js';
import { decodeGbcs } from '../../protocol/gbcs/envelope/index.js';
import type { GbcsPayload } from '../../protocol/gbcs/payload.js';
import type { GbzComponent, GbzPayload } from '../../protocol/gbcs/zcl/index.js';
import { apduArb } from '../protocol/gbcs/dlms/arbitraries.js';
import { ECS17B_COMMAND, ECS17B_RESPONSE } from '../protocol/gbcs/envelope/rtds-vectors.js';
import { gbzArb } from '../protocol/gbcs/zcl/arbitraries.js';

const dlms = (apdu: DlmsApdu): GbcsPayload => ({ kind: 'dlms', apdu });
const gbz = (payload: GbzPayload): GbcsPayload => ({ kind: 'gbz', gbz: payload });
const u32 = (value: number): DlmsData => ({ type: 'double-long-unsigned', value });

// A register read answered as the RTDS answers ECS17b-like reads: {value, {scaler, unit}} per register.
const register = (value: number): DlmsData => ({
  type: 'structure',
  items: [
    u32(value),
    {
      type: 'structure',
      items: [
        { type: 'integer', value: 0 },
        { type: 'enum', value: 30 },
      ],
    },
  ],
});
const read = (data: DlmsData[], results = data.map(() => 0)): GbcsPayload =>
  dlms({
    type: 'access-response',
    invokeId: 0x200003e8,
    dateTime: null,
    requestSpecs: null,
    data,
    specs: results.map((result) => ({ type: 'get' as const, result })),
  });

const gcs13aComponent = (summation: number, status = 0): GbzComponent => ({
  encrypted: false,
  clusterId: 0x0702,
  header: {
    frameType: 'global',
    direction: 'serverToClient',
    disableDefaultResponse: true,
    sequence: 0,
    commandId: 0x01,
  },
  payload: {
    kind: 'readAttributesResponse',
    records: [
      { attributeId: 0x0302, status: 0, value: { type: 'uint24', value: 1000 } },
      status === 0
        ? { attributeId: 0x0000, status: 0, value: { type: 'uint48', value: summation } }
        : { attributeId: 0x0000, status },
    ],
  },
});
const gcs13a = (summation: number, status = 0): GbcsPayload =>
  gbz({ form: 'frame', components: [gcs13aComponent(summation, status)] });

describe('issue 13 §4: the device conformance shape comparator', () => {
  it('the RTDS ECS17b response has its own shape; the command has another (access-request, not -response)', () => {
    const response = decodeGbcs(ECS17B_RESPONSE).signing.payload;
    const command = decodeGbcs(ECS17B_COMMAND).signing.payload;
    expect(compareShapes(response, response)).toEqual([]);
    expect(compareShapes(response, command)).toEqual([
      { path: 'dlms.type', expected: 'access-response', actual: 'access-request' },
    ]);
  });

  it('DLMS: values may differ, types and counts may not', () => {
    expect(compareShapes(read([register(10)]), read([register(123_456)]))).toEqual([]);
    const retyped: DlmsData = { type: 'structure', items: [{ type: 'long64-unsigned', value: 10n }] };
    expect(compareShapes(read([register(10)]), read([retyped]))).toEqual([
      { path: 'dlms.data[0].length', expected: '2', actual: '1' },
      { path: 'dlms.data[0][0].type', expected: 'double-long-unsigned', actual: 'long64-unsigned' },
    ]);
    expect(compareShapes(read([register(1), register(2)]), read([register(1)]))).toContainEqual({
      path: 'dlms.specs.length',
      expected: '2',
      actual: '1',
    });
  });

  it('DLMS: an array (a profile, a log) may hold any number of entries, each shaped as the first', () => {
    const profile = (...values: number[]): DlmsData => ({ type: 'array', items: values.map(register) });
    expect(compareShapes(read([profile(1, 2)]), read([profile(5, 6, 7, 8)]))).toEqual([]);
    expect(compareShapes(read([profile(1)]), read([profile()]))).toEqual([]);
    const wrong: DlmsData = { type: 'array', items: [register(1), u32(2)] };
    expect(compareShapes(read([profile(1)]), read([wrong]))).toEqual([
      { path: 'dlms.data[0][1].type', expected: 'structure', actual: 'double-long-unsigned' },
    ]);
  });

  it('DLMS: the OBIS object and attribute of each request spec must match', () => {
    const request = (instance: `${number}-${number}:${number}.${number}.${number}.${number}`): GbcsPayload =>
      dlms({
        type: 'access-request',
        invokeId: 0x200003e8,
        dateTime: null,
        specs: [{ type: 'get', attribute: { classId: 3, instance, attributeId: 2 } }],
        data: [{ type: 'null-data' }],
      });
    expect(compareShapes(request('1-0:1.8.0.255'), request('1-0:1.8.0.255'))).toEqual([]);
    expect(compareShapes(request('1-0:1.8.0.255'), request('1-0:2.8.0.255'))).toEqual([
      { path: 'dlms.specs[0]', expected: 'get 3/1-0:1.8.0.255/a2', actual: 'get 3/1-0:2.8.0.255/a2' },
    ]);
  });

  it('GBZ: the same cluster and attributes in order with the same types; values free', () => {
    expect(compareShapes(gcs13a(12_345), gcs13a(99))).toEqual([]);
    const otherCluster = gbz({ form: 'frame', components: [{ ...gcs13aComponent(1), clusterId: 0x0700 }] });
    expect(compareShapes(gcs13a(1), otherCluster)).toEqual([
      { path: 'gbz.components[0].clusterId', expected: '0x0702', actual: '0x0700' },
    ]);
    expect(compareShapes(gcs13a(1), gcs13a(1, 0x86))).toEqual([
      { path: 'gbz.components[0].payload.records[1].type', expected: 'uint48', actual: 'none' },
    ]);
  });

  it('DER: the same tree of types; integers may differ', () => {
    const der = (code: bigint, extra = false): GbcsPayload => ({
      kind: 'der',
      der: {
        root: {
          type: 'sequence',
          children: [{ type: 'integer', value: code }, ...(extra ? [{ type: 'null' as const }] : [])],
        },
      },
    });
    expect(compareShapes(der(0n), der(7n))).toEqual([]);
    expect(compareShapes(der(0n), der(0n, true))).toEqual([{ path: 'der.root.length', expected: '1', actual: '2' }]);
  });

  it('outcomeOf: success, or the first error the answer carries', () => {
    expect(outcomeOf(read([register(1)]))).toEqual({ kind: 'success' });
    expect(outcomeOf(read([register(1), { type: 'null-data' }], [0, 250]))).toEqual({
      kind: 'error',
      code: 'dlms get result 250',
    });
    expect(outcomeOf(gcs13a(1))).toEqual({ kind: 'success' });
    expect(outcomeOf(gcs13a(1, 0x86))).toEqual({ kind: 'error', code: 'zcl status 0x86' });
    const code = (c: bigint): GbcsPayload => ({
      kind: 'der',
      der: { root: { type: 'integer', value: c }, shape: { kind: 'responseCode', code: c } },
    });
    expect(outcomeOf(code(0n))).toEqual({ kind: 'success' });
    expect(outcomeOf(code(3n))).toEqual({ kind: 'error', code: 'der response code 3' });
    expect(outcomeOf(decodeGbcs(ECS17B_COMMAND).signing.payload)).toEqual({ kind: 'none' });
  });

  it('property: every DLMS and GBZ payload has its own shape', () => {
    fc.assert(fc.property(apduArb, (apdu) => compareShapes(dlms(apdu), dlms(apdu)).length === 0));
    fc.assert(fc.property(gbzArb, ({ payload }) => compareShapes(gbz(payload), gbz(payload)).length === 0));
  });
});
