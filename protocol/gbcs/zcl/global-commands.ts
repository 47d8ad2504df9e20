import { GbcsError } from '../errors.js';
import type { ByteReader, ByteWriter } from '../byte-reader.js';
import { readZclValue, writeZclValue, zclTypeId, zclTypeName } from './data-types.js';
import { readU16LE, writeU16LE } from './little-endian.js';
import { checkByte } from './header.js';
import { REPORTING_COMMANDS, readReportingPayload, writeReportingPayload } from './reporting-commands.js';
import type { ReadAttributeRecord, ZclPayload } from './types.js';

/**
 * The profile-wide ("global") ZCL commands, ZCL 2.5. RTDS uses Read Attributes (00), its Response
 * (01) and Default Response (0B) (GBCS-FACTS §9.2); Write Attributes (02, 03 undivided, 05 no
 * response) and its Response (04) are read as well because GBCS write use cases may need them,
 * and the reporting commands (reporting-commands.ts). Any other global command id stays `raw`.
 */
export const GLOBAL_COMMANDS = {
  readAttributes: 0x00,
  readAttributesResponse: 0x01,
  writeAttributes: 0x02,
  writeAttributesUndivided: 0x03,
  writeAttributesResponse: 0x04,
  writeAttributesNoResponse: 0x05,
  defaultResponse: 0x0b,
} as const;

const WRITE_IDS: readonly number[] = [
  GLOBAL_COMMANDS.writeAttributes,
  GLOBAL_COMMANDS.writeAttributesUndivided,
  GLOBAL_COMMANDS.writeAttributesNoResponse,
];

export function readGlobalPayload(
  r: ByteReader,
  commandId: number,
  field: string,
): Exclude<ZclPayload, { kind: 'encrypted' }> {
  switch (commandId) {
    case GLOBAL_COMMANDS.readAttributes: {
      const attributeIds: number[] = [];
      while (!r.done) attributeIds.push(readU16LE(r, `${field}.attributeId[${attributeIds.length}]`));
      return { kind: 'readAttributes', attributeIds };
    }
    case GLOBAL_COMMANDS.readAttributesResponse: {
      const records: ReadAttributeRecord[] = [];
      while (!r.done) {
        const f = `${field}.record[${records.length}]`;
        const attributeId = readU16LE(r, `${f}.attributeId`);
        const status = r.u8(`${f}.status`);
        if (status !== 0) {
          records.push({ attributeId, status });
          continue;
        }
        const at = r.offset;
        const type = zclTypeName(r.u8(`${f}.type`), at, `${f}.type`);
        records.push({ attributeId, status: 0, value: readZclValue(r, type, `${f}.value`) });
      }
      return { kind: 'readAttributesResponse', records };
    }
    case GLOBAL_COMMANDS.writeAttributes:
    case GLOBAL_COMMANDS.writeAttributesUndivided:
    case GLOBAL_COMMANDS.writeAttributesNoResponse: {
      const records: { attributeId: number; value: ReturnType<typeof readZclValue> }[] = [];
      while (!r.done) {
        const f = `${field}.record[${records.length}]`;
        const attributeId = readU16LE(r, `${f}.attributeId`);
        const at = r.offset;
        const type = zclTypeName(r.u8(`${f}.type`), at, `${f}.type`);
        records.push({ attributeId, value: readZclValue(r, type, `${f}.value`) });
      }
      return { kind: 'writeAttributes', records };
    }
    case GLOBAL_COMMANDS.writeAttributesResponse: {
      // ZCL 2.5.5: a single SUCCESS status when every write succeeded, else status + id records.
      if (r.remaining === 1) {
        const at = r.offset;
        const status = r.u8(`${field}.status`);
        if (status !== 0)
          throw new GbcsError('BAD_VALUE', 'a lone write status must be SUCCESS', at, `${field}.status`);
        return { kind: 'writeAttributesResponse', records: [{ status }] };
      }
      const records: { status: number; attributeId: number }[] = [];
      while (!r.done) {
        const f = `${field}.record[${records.length}]`;
        const status = r.u8(`${f}.status`);
        records.push({ status, attributeId: readU16LE(r, `${f}.attributeId`) });
      }
      return { kind: 'writeAttributesResponse', records };
    }
    case GLOBAL_COMMANDS.defaultResponse: {
      const commandIdEcho = r.u8(`${field}.commandId`);
      const status = r.u8(`${field}.status`);
      r.end(field);
      return { kind: 'defaultResponse', commandId: commandIdEcho, status };
    }
    default:
      return readReportingPayload(r, commandId, field) ?? { kind: 'raw', bytes: r.take(r.remaining, field) };
  }
}

/** Whether `payload` is what the decoder would give for this global command id. */
export function globalPayloadFits(commandId: number, payload: ZclPayload): boolean {
  switch (payload.kind) {
    case 'readAttributes':
      return commandId === GLOBAL_COMMANDS.readAttributes;
    case 'readAttributesResponse':
      return commandId === GLOBAL_COMMANDS.readAttributesResponse;
    case 'writeAttributes':
      return WRITE_IDS.includes(commandId);
    case 'writeAttributesResponse':
      return commandId === GLOBAL_COMMANDS.writeAttributesResponse;
    case 'defaultResponse':
      return commandId === GLOBAL_COMMANDS.defaultResponse;
    case 'configureReporting':
      return commandId === REPORTING_COMMANDS.configureReporting;
    case 'configureReportingResponse':
      return commandId === REPORTING_COMMANDS.configureReportingResponse;
    case 'reportAttributes':
      return commandId === REPORTING_COMMANDS.reportAttributes;
    case 'raw':
      return !([...Object.values(GLOBAL_COMMANDS), ...Object.values(REPORTING_COMMANDS)] as number[]).includes(
        commandId,
      );
    default:
      return false;
  }
}

export function writeGlobalPayload(w: ByteWriter, payload: Exclude<ZclPayload, { kind: 'encrypted' }>): void {
  switch (payload.kind) {
    case 'readAttributes':
      for (const id of payload.attributeIds) writeU16LE(w, id);
      return;
    case 'readAttributesResponse':
      for (const rec of payload.records) {
        writeU16LE(w, rec.attributeId);
        w.u8(checkByte(rec.status, 'status'));
        if ('value' in rec) {
          if (rec.status !== 0) throw new RangeError('only a SUCCESS record carries a value');
          w.u8(zclTypeId(rec.value.type));
          writeZclValue(w, rec.value);
        } else if (rec.status === 0) throw new RangeError('a SUCCESS record needs a value');
      }
      return;
    case 'writeAttributes':
      for (const rec of payload.records) {
        writeU16LE(w, rec.attributeId);
        w.u8(zclTypeId(rec.value.type));
        writeZclValue(w, rec.value);
      }
      return;
    case 'writeAttributesResponse': {
      const [only] = payload.records;
      if (payload.records.length === 1 && only && only.attributeId === undefined) {
        if (only.status !== 0) throw new RangeError('a lone write status must be SUCCESS');
        w.u8(0);
        return;
      }
      for (const rec of payload.records) {
        if (rec.attributeId === undefined) throw new RangeError('write status records need an attribute id');
        w.u8(checkByte(rec.status, 'status'));
        writeU16LE(w, rec.attributeId);
      }
      return;
    }
    case 'defaultResponse':
      w.u8(checkByte(payload.commandId, 'commandId')).u8(checkByte(payload.status, 'status'));
      return;
    case 'raw':
      w.bytes(payload.bytes);
      return;
    default:
      if (!writeReportingPayload(w, payload)) throw new RangeError(`${payload.kind} is not a global command payload`);
  }
}
