import type { ByteReader, ByteWriter } from '../byte-reader.js';
import { GbcsError } from '../errors.js';
import { readData, writeData } from './data.js';
import { obisFromBytes, obisToBytes } from './obis-code.js';
import type { AccessRequestSpec, AccessResponseSpec, AttributeDescriptor, MethodDescriptor } from './types.js';

/** CHOICE bytes of Access-Request-Specification (GBCS-FACTS §8.2; 05 is DLMS set-with-selection). */
const REQUEST_CHOICE = { get: 1, set: 2, action: 3, 'get-with-selection': 4, 'set-with-selection': 5 } as const;
/** CHOICE bytes of Access-Response-Specification (§8.3). */
const RESPONSE_CHOICE = { get: 1, set: 2, action: 3 } as const;

/** The fewest bytes one request spec takes: choice, class id, OBIS, attribute or method id. */
export const MIN_REQUEST_SPEC_BYTES = 10;
export const RESPONSE_SPEC_BYTES = 2;

function readInstance(r: ByteReader, field: string): AttributeDescriptor['instance'] {
  return obisFromBytes(r.take(6, `${field}.instance`));
}

function readAttribute(r: ByteReader, field: string): AttributeDescriptor {
  return {
    classId: r.u16(`${field}.classId`),
    instance: readInstance(r, field),
    attributeId: r.u8(`${field}.attributeId`),
  };
}

function readMethod(r: ByteReader, field: string): MethodDescriptor {
  return { classId: r.u16(`${field}.classId`), instance: readInstance(r, field), methodId: r.u8(`${field}.methodId`) };
}

export function readRequestSpec(r: ByteReader, field: string): AccessRequestSpec {
  const offset = r.offset;
  const choice = r.u8(field);
  switch (choice) {
    case REQUEST_CHOICE.get:
      return { type: 'get', attribute: readAttribute(r, `${field}.attribute`) };
    case REQUEST_CHOICE.set:
      return { type: 'set', attribute: readAttribute(r, `${field}.attribute`) };
    case REQUEST_CHOICE.action:
      return { type: 'action', method: readMethod(r, `${field}.method`) };
    case REQUEST_CHOICE['get-with-selection']:
    case REQUEST_CHOICE['set-with-selection']:
      return {
        type: choice === REQUEST_CHOICE['get-with-selection'] ? 'get-with-selection' : 'set-with-selection',
        attribute: readAttribute(r, `${field}.attribute`),
        selector: r.u8(`${field}.selector`),
        parameters: readData(r, `${field}.parameters`, 1),
      };
    default:
      throw new GbcsError(
        'BAD_TAG',
        `${field}: 0x${hex2(choice)} is not an access-request specification`,
        offset,
        field,
      );
  }
}

export function readResponseSpec(r: ByteReader, field: string): AccessResponseSpec {
  const offset = r.offset;
  const choice = r.u8(field);
  const type = choice === 1 ? 'get' : choice === 2 ? 'set' : choice === 3 ? 'action' : undefined;
  if (type === undefined)
    throw new GbcsError(
      'BAD_TAG',
      `${field}: 0x${hex2(choice)} is not an access-response specification`,
      offset,
      field,
    );
  return { type, result: r.u8(`${field}.result`) };
}

function writeDescriptor(w: ByteWriter, classId: number, instance: string, id: number, field: string): void {
  u(w, classId, 0xffff, `${field}.classId`);
  w.u16(classId).bytes(obisToBytes(instance, w.byteLength, `${field}.instance`));
  u(w, id, 0xff, `${field}.id`);
  w.u8(id);
}

export function writeRequestSpec(w: ByteWriter, spec: AccessRequestSpec, field: string): void {
  w.u8(REQUEST_CHOICE[spec.type]);
  switch (spec.type) {
    case 'get':
    case 'set':
      writeDescriptor(w, spec.attribute.classId, spec.attribute.instance, spec.attribute.attributeId, field);
      return;
    case 'action':
      writeDescriptor(w, spec.method.classId, spec.method.instance, spec.method.methodId, field);
      return;
    case 'get-with-selection':
    case 'set-with-selection':
      writeDescriptor(w, spec.attribute.classId, spec.attribute.instance, spec.attribute.attributeId, field);
      u(w, spec.selector, 0xff, `${field}.selector`);
      w.u8(spec.selector);
      writeData(w, spec.parameters, `${field}.parameters`, 1);
      return;
  }
}

export function writeResponseSpec(w: ByteWriter, spec: AccessResponseSpec, field: string): void {
  u(w, spec.result, 0xff, `${field}.result`);
  w.u8(RESPONSE_CHOICE[spec.type]).u8(spec.result);
}

function u(w: ByteWriter, value: number, max: number, field: string): void {
  if (!Number.isInteger(value) || value < 0 || value > max)
    throw new GbcsError('BAD_VALUE', `${field}: ${value} is not an integer in 0..${max}`, w.byteLength, field);
}

function hex2(n: number): string {
  return n.toString(16).padStart(2, '0').toUpperCase();
}
