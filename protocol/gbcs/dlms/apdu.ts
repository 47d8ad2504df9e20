import { ByteReader, ByteWriter } from '../byte-reader.js';
import { GbcsError } from '../errors.js';
import { readData, writeData } from './data.js';
import type { CosemDateTime } from './date-time.js';
import { COSEM_DATE_TIME_LENGTH, readCosemDateTime, writeCosemDateTime } from './date-time.js';
import {
  MIN_REQUEST_SPEC_BYTES,
  RESPONSE_SPEC_BYTES,
  readRequestSpec,
  readResponseSpec,
  writeRequestSpec,
  writeResponseSpec,
} from './descriptors.js';
import { readCount, readLength, writeLength } from './length.js';
import type { AccessRequestSpec, DlmsApdu, DlmsData } from './types.js';

/** xDLMS APDU tags GBCS uses (GBCS-FACTS §7.2, §8.1). */
export const APDU_TAG = { 'access-request': 0xd9, 'access-response': 0xda, 'data-notification': 0x0f } as const;

/**
 * One xDLMS APDU, the whole of `bytes` (a GBCS payload, §8.1). `baseOffset` is where `bytes`
 * starts in the message, so every GbcsError offset counts from the message's first byte.
 * Refuses trailing bytes, unknown tags, non-minimal or overlong lengths, counts the bytes left
 * cannot hold, and Data nested deeper than MAX_DATA_DEPTH; throws nothing but GbcsError.
 */
export function decodeDlms(bytes: Uint8Array, baseOffset: number): DlmsApdu {
  const r = new ByteReader(bytes, baseOffset);
  const offset = r.offset;
  const tag = r.u8('dlms.tag');
  let apdu: DlmsApdu;
  if (tag === APDU_TAG['access-request']) {
    const invokeId = r.u32('dlms.invokeId');
    const dateTime = readApduDateTime(r);
    const specs = readList(r, 'dlms.specs', MIN_REQUEST_SPEC_BYTES, readRequestSpec);
    const data = readDataList(r, 'dlms.data', specs.length);
    apdu = { type: 'access-request', invokeId, dateTime, specs, data };
  } else if (tag === APDU_TAG['access-response']) {
    const invokeId = r.u32('dlms.invokeId');
    const dateTime = readApduDateTime(r);
    const requestSpecs = readOptionalRequestSpecs(r);
    const data = readDataList(r, 'dlms.data');
    const specs = readList(r, 'dlms.specs', RESPONSE_SPEC_BYTES, readResponseSpec, data.length);
    apdu = { type: 'access-response', invokeId, dateTime, requestSpecs, data, specs };
  } else if (tag === APDU_TAG['data-notification']) {
    const invokeId = r.u32('dlms.invokeId');
    const dateTime = readApduDateTime(r);
    apdu = { type: 'data-notification', invokeId, dateTime, body: readData(r, 'dlms.body') };
  } else {
    throw new GbcsError('BAD_TAG', `0x${hex2(tag)} is not a GBCS DLMS APDU (D9, DA or 0F)`, offset, 'dlms.tag');
  }
  r.end(`dlms.${apdu.type}`);
  return apdu;
}

/** The bytes of one xDLMS APDU; refuses a value its fields cannot carry (GbcsError BAD_VALUE, offset = output position). */
export function encodeDlms(apdu: DlmsApdu): Uint8Array {
  const w = new ByteWriter();
  w.u8(APDU_TAG[apdu.type]);
  if (!Number.isInteger(apdu.invokeId) || apdu.invokeId < 0 || apdu.invokeId > 0xffff_ffff)
    throw new GbcsError('BAD_VALUE', `invoke id ${apdu.invokeId} is not a u32`, w.byteLength, 'dlms.invokeId');
  w.u32(apdu.invokeId);
  writeApduDateTime(w, apdu.dateTime);
  switch (apdu.type) {
    case 'access-request':
      sameCount(w, apdu.specs.length, apdu.data.length);
      w.length(apdu.specs.length);
      apdu.specs.forEach((s, i) => writeRequestSpec(w, s, `dlms.specs[${i}]`));
      writeDataList(w, apdu.data);
      break;
    case 'access-response':
      if (apdu.requestSpecs === null) w.u8(0x00);
      else {
        w.u8(0x01);
        writeLength(w, apdu.requestSpecs.length, 'dlms.requestSpecs.count');
        apdu.requestSpecs.forEach((s, i) => writeRequestSpec(w, s, `dlms.requestSpecs[${i}]`));
      }
      sameCount(w, apdu.specs.length, apdu.data.length);
      writeDataList(w, apdu.data);
      w.length(apdu.specs.length);
      apdu.specs.forEach((s, i) => writeResponseSpec(w, s, `dlms.specs[${i}]`));
      break;
    case 'data-notification':
      writeData(w, apdu.body, 'dlms.body');
      break;
  }
  return w.finish();
}

/**
 * The APDU date-time, an octet string: empty (`00`, every RTDS payload, §14.9) or a 12-byte COSEM
 * date-time (§8.6). Any other length is refused.
 */
function readApduDateTime(r: ByteReader): CosemDateTime | null {
  const offset = r.offset;
  const n = readLength(r, 'dlms.dateTime');
  if (n === 0) return null;
  if (n !== COSEM_DATE_TIME_LENGTH)
    throw new GbcsError('BAD_LENGTH', `the APDU date-time is 0 or 12 bytes, not ${n}`, offset, 'dlms.dateTime');
  return readCosemDateTime(r, 'dlms.dateTime');
}

function writeApduDateTime(w: ByteWriter, dt: CosemDateTime | null): void {
  if (dt === null) w.u8(0x00);
  else {
    w.u8(COSEM_DATE_TIME_LENGTH);
    writeCosemDateTime(w, dt, 'dlms.dateTime');
  }
}

/** The access-response's OPTIONAL echo of the request specs: `00` absent, `01` + list present (A-XDR OPTIONAL). */
function readOptionalRequestSpecs(r: ByteReader): readonly AccessRequestSpec[] | null {
  const offset = r.offset;
  const flag = r.u8('dlms.requestSpecs');
  if (flag === 0x00) return null;
  if (flag !== 0x01)
    throw new GbcsError('BAD_TAG', `OPTIONAL flag must be 00 or 01, got 0x${hex2(flag)}`, offset, 'dlms.requestSpecs');
  return readList(r, 'dlms.requestSpecs', MIN_REQUEST_SPEC_BYTES, readRequestSpec);
}

function readList<T>(
  r: ByteReader,
  field: string,
  minBytes: number,
  read: (r: ByteReader, field: string) => T,
  expected?: number,
): T[] {
  const offset = r.offset;
  const n = readCount(r, `${field}.count`, minBytes);
  if (expected !== undefined && n !== expected)
    throw new GbcsError('BAD_VALUE', `${n} entries where the list before has ${expected}`, offset, `${field}.count`);
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(read(r, `${field}[${i}]`));
  return out;
}

/** DLMS pairs one data item with each specification, so the two counts must agree. */
function readDataList(r: ByteReader, field: string, expected?: number): DlmsData[] {
  return readList(r, field, 1, (rr, f) => readData(rr, f, 1), expected);
}

function writeDataList(w: ByteWriter, data: readonly DlmsData[]): void {
  w.length(data.length);
  data.forEach((d, i) => writeData(w, d, `dlms.data[${i}]`, 1));
}

function sameCount(w: ByteWriter, specs: number, data: number): void {
  if (specs !== data)
    throw new GbcsError('BAD_VALUE', `${specs} specifications but ${data} data items`, w.byteLength, 'dlms.data');
  if (specs > 0xffff)
    throw new GbcsError('BAD_VALUE', `${specs} entries cannot be counted`, w.byteLength, 'dlms.specs');
}

function hex2(n: number): string {
  return n.toString(16).padStart(2, '0').toUpperCase();
}
