import { GbcsError } from '../errors.js';
import type { ByteReader, ByteWriter } from '../byte-reader.js';
import { readZclValue, writeZclValue, zclTypeId, zclTypeName, type ZclTypeName } from './data-types.js';
import { checkByte } from './header.js';
import { readU16LE, writeU16LE } from './little-endian.js';
import type { ReportingConfiguration, ZclPayload } from './types.js';

/**
 * Configure Reporting (06), its Response (07) and Report Attributes (0A), ZCL 2.5.7–2.5.11. No
 * RTDS 4.5.0 message carries them; they are here so that a GBCS profile that configures
 * reporting still decodes typed. Facts from the ZCL specification, not checked against RTDS.
 */
export const REPORTING_COMMANDS = {
  configureReporting: 0x06,
  configureReportingResponse: 0x07,
  reportAttributes: 0x0a,
} as const;

/**
 * The analog types (ZCL table 2-10): only their reporting records carry a reportable change, in
 * the attribute's own type. Every other type is discrete.
 */
const ANALOG: ReadonlySet<ZclTypeName> = new Set<ZclTypeName>([
  'uint8',
  'uint16',
  'uint24',
  'uint32',
  'uint40',
  'uint48',
  'uint56',
  'uint64',
  'int8',
  'int16',
  'int24',
  'int32',
  'int40',
  'int48',
  'int56',
  'int64',
  'semiFloat',
  'singleFloat',
  'doubleFloat',
  'timeOfDay',
  'date',
  'utcTime',
]);

const REPORTED = 0x00;
const RECEIVED = 0x01;

type Payload = Exclude<ZclPayload, { kind: 'encrypted' }>;

export function readReportingPayload(r: ByteReader, commandId: number, field: string): Payload | undefined {
  switch (commandId) {
    case REPORTING_COMMANDS.configureReporting: {
      const records: ReportingConfiguration[] = [];
      while (!r.done) records.push(readConfiguration(r, `${field}.record[${records.length}]`));
      return { kind: 'configureReporting', records };
    }
    case REPORTING_COMMANDS.configureReportingResponse: {
      // ZCL 2.5.8: a single SUCCESS status when every record was accepted.
      if (r.remaining === 1) {
        const at = r.offset;
        const status = r.u8(`${field}.status`);
        if (status !== 0) throw new GbcsError('BAD_VALUE', 'a lone reporting status must be SUCCESS', at, field);
        return { kind: 'configureReportingResponse', records: [{ status }] };
      }
      const records: { status: number; direction: 'reported' | 'received'; attributeId: number }[] = [];
      while (!r.done) {
        const f = `${field}.record[${records.length}]`;
        const status = r.u8(`${f}.status`);
        const direction = readDirection(r, f);
        records.push({ status, direction, attributeId: readU16LE(r, `${f}.attributeId`) });
      }
      return { kind: 'configureReportingResponse', records };
    }
    case REPORTING_COMMANDS.reportAttributes: {
      const records: { attributeId: number; value: ReturnType<typeof readZclValue> }[] = [];
      while (!r.done) {
        const f = `${field}.record[${records.length}]`;
        const attributeId = readU16LE(r, `${f}.attributeId`);
        const at = r.offset;
        const type = zclTypeName(r.u8(`${f}.type`), at, `${f}.type`);
        records.push({ attributeId, value: readZclValue(r, type, `${f}.value`) });
      }
      return { kind: 'reportAttributes', records };
    }
    default:
      return undefined;
  }
}

function readDirection(r: ByteReader, field: string): 'reported' | 'received' {
  const at = r.offset;
  const d = r.u8(`${field}.direction`);
  if (d !== REPORTED && d !== RECEIVED)
    throw new GbcsError('BAD_VALUE', `reporting direction ${d} is not 0 or 1`, at, `${field}.direction`);
  return d === REPORTED ? 'reported' : 'received';
}

function readConfiguration(r: ByteReader, field: string): ReportingConfiguration {
  const direction = readDirection(r, field);
  const attributeId = readU16LE(r, `${field}.attributeId`);
  if (direction === 'received') return { direction, attributeId, timeout: readU16LE(r, `${field}.timeout`) };
  const at = r.offset;
  const dataType = zclTypeName(r.u8(`${field}.type`), at, `${field}.type`);
  const minInterval = readU16LE(r, `${field}.minInterval`);
  const maxInterval = readU16LE(r, `${field}.maxInterval`);
  if (!ANALOG.has(dataType)) return { direction, attributeId, dataType, minInterval, maxInterval };
  const reportableChange = readZclValue(r, dataType, `${field}.reportableChange`);
  return { direction, attributeId, dataType, minInterval, maxInterval, reportableChange };
}

export function writeReportingPayload(w: ByteWriter, p: Payload): boolean {
  switch (p.kind) {
    case 'configureReporting':
      for (const c of p.records) {
        w.u8(c.direction === 'reported' ? REPORTED : RECEIVED);
        writeU16LE(w, c.attributeId);
        if (c.direction === 'received') {
          writeU16LE(w, c.timeout);
          continue;
        }
        w.u8(zclTypeId(c.dataType));
        writeU16LE(w, c.minInterval);
        writeU16LE(w, c.maxInterval);
        const analog = ANALOG.has(c.dataType);
        if (
          analog !== (c.reportableChange !== undefined) ||
          (c.reportableChange && c.reportableChange.type !== c.dataType)
        )
          throw new RangeError(`${c.dataType}: a reportable change goes with analog types only, in the same type`);
        if (c.reportableChange) writeZclValue(w, c.reportableChange);
      }
      return true;
    case 'configureReportingResponse': {
      const [only] = p.records;
      if (p.records.length === 1 && only && only.attributeId === undefined) {
        if (only.status !== 0 || only.direction !== undefined) throw new RangeError('a lone status must be SUCCESS');
        w.u8(0);
        return true;
      }
      for (const rec of p.records) {
        if (rec.attributeId === undefined || rec.direction === undefined)
          throw new RangeError('reporting status records need a direction and an attribute id');
        w.u8(checkByte(rec.status, 'status')).u8(rec.direction === 'reported' ? REPORTED : RECEIVED);
        writeU16LE(w, rec.attributeId);
      }
      return true;
    }
    case 'reportAttributes':
      for (const rec of p.records) {
        writeU16LE(w, rec.attributeId);
        w.u8(zclTypeId(rec.value.type));
        writeZclValue(w, rec.value);
      }
      return true;
    default:
      return false;
  }
}
