import { euiToBytes, formatEuiBytes } from '../../eui.js';
import type { ByteReader } from '../byte-reader.js';
import { ByteWriter } from '../byte-reader.js';
import { GbcsError } from '../errors.js';
import { decodePayload, encodePayload } from '../payload.js';
import { readCosemDateTime, writeCosemDateTime } from '../dlms/date-time.js';
import { readOtherInformation, writeOtherInformation } from './other-information.js';
import { CRA_FLAG_BYTE, type CraFlag, type GeneralSigning, type GroupingHeader, type SignatureField } from './types.js';

export const GENERAL_SIGNING_TAG = 0xdf;

const CRA_BY_BYTE: ReadonlyMap<number, CraFlag> = new Map(
  Object.entries(CRA_FLAG_BYTE).map(([flag, byte]) => [byte, flag as CraFlag]),
);

/** The grouping header (GBCS-FACTS §4), from the `09` transaction-id length to the other-information. */
export function readGroupingHeader(reader: ByteReader): GroupingHeader {
  reader.expect(0x09, 'grouping.transaction-id.length');
  const craOffset = reader.offset;
  const craByte = reader.u8('grouping.cra-flag');
  const cra = CRA_BY_BYTE.get(craByte);
  if (!cra)
    throw new GbcsError('BAD_VALUE', `CRA flag 0x${hex(craByte)} is not 01, 02 or 03`, craOffset, 'grouping.cra-flag');
  const counter = reader.u64('grouping.counter');
  reader.expect(0x08, 'grouping.originator.length');
  const originator = formatEuiBytes(reader.take(8, 'grouping.originator'));
  reader.expect(0x08, 'grouping.recipient.length');
  const recipient = formatEuiBytes(reader.take(8, 'grouping.recipient'));
  const dateTimeOffset = reader.offset;
  const dateTimeLength = reader.u8('grouping.date-time.length');
  if (dateTimeLength !== 0 && dateTimeLength !== 12)
    throw new GbcsError(
      'BAD_LENGTH',
      `date-time length must be 00 or 0C, got 0x${hex(dateTimeLength)}`,
      dateTimeOffset,
      'grouping.date-time.length',
    );
  const dateTime = dateTimeLength === 12 ? readCosemDateTime(reader, 'grouping.date-time') : null;
  const otherInformation = readOtherInformation(reader, 'grouping.other-information');
  return { cra, counter, originator, recipient, dateTime, otherInformation };
}

export function writeGroupingHeader(writer: ByteWriter, header: GroupingHeader): void {
  writer.u8(0x09).u8(CRA_FLAG_BYTE[header.cra]).u64(header.counter);
  writer.u8(0x08).bytes(euiToBytes(header.originator));
  writer.u8(0x08).bytes(euiToBytes(header.recipient));
  if (header.dateTime) writeCosemDateTime(writer.u8(0x0c), header.dateTime, 'grouping.date-time');
  else writer.u8(0x00);
  writeOtherInformation(writer, header.otherInformation);
}

/**
 * A General-Signing APDU that must fill `reader` exactly (GBCS-FACTS §4). `contentEnd` is the
 * message offset just after the content: the signed part ends there (§6.4).
 */
export function readGeneralSigning(reader: ByteReader): {
  readonly signing: GeneralSigning;
  readonly contentEnd: number;
} {
  reader.expect(GENERAL_SIGNING_TAG, 'general-signing.tag');
  const header = readGroupingHeader(reader);
  const contentLength = reader.minimalLength('content.length');
  const contentOffset = reader.offset;
  const content = reader.take(contentLength, 'content');
  const contentEnd = reader.offset;
  const payload = decodePayload(header.otherInformation.messageCode, content, contentOffset, CRA_FLAG_BYTE[header.cra]);
  const signature = readSignatureField(reader);
  reader.end('general-signing');
  return { signing: { header, payload, signature }, contentEnd };
}

function readSignatureField(reader: ByteReader): SignatureField {
  // Pre-commands end with the content: no signature byte at all (GBCS-FACTS §1, §6.4).
  if (reader.done) return { kind: 'absent' };
  const offset = reader.offset;
  const length = reader.u8('signature.length');
  if (length === 0x00) return { kind: 'unsigned' };
  if (length === 0x40) return { kind: 'signed', signature: reader.take(64, 'signature') };
  throw new GbcsError(
    'BAD_LENGTH',
    `signature length must be 00 or 40, got 0x${hex(length)}`,
    offset,
    'signature.length',
  );
}

/** The signed part (GBCS-FACTS §6.4): from the `09` after the tag to the last content byte. */
export function writeSignedPart(writer: ByteWriter, signing: Omit<GeneralSigning, 'signature'>): void {
  writeGroupingHeader(writer, signing.header);
  writer.lengthPrefixed(encodePayload(signing.payload));
}

export function writeSignatureField(writer: ByteWriter, field: SignatureField): void {
  if (field.kind === 'unsigned') writer.u8(0x00);
  else if (field.kind === 'signed') {
    if (field.signature.length !== 64) throw new RangeError('a GBCS signature is 64 bytes (r‖s)');
    writer.u8(0x40).bytes(field.signature);
  }
}

export function encodeGeneralSigning(signing: GeneralSigning): Uint8Array {
  const writer = new ByteWriter().u8(GENERAL_SIGNING_TAG);
  writeSignedPart(writer, signing);
  writeSignatureField(writer, signing.signature);
  return writer.finish();
}

function hex(n: number): string {
  return n.toString(16).padStart(2, '0').toUpperCase();
}
