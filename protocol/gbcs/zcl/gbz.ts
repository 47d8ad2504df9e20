import { GbcsError } from '../errors.js';
import { ByteWriter, encodeLength, type ByteReader } from '../byte-reader.js';
import { checkByte, readZclHeader, writeZclHeader } from './header.js';
import { readZclPayload, writeZclPayload } from './zcl-payload.js';
import type { GbzAlertBody, GbzComponent, GbzPayload } from './types.js';

/** ZigBee Smart Energy profile id, the first two bytes of every GBZ payload (GBCS-FACTS §9.1). */
export const GBZ_PROFILE_ID = 0x0109;

// Extended-header control bits (GBCS-FACTS §9.1).
const LAST_COMPONENT = 0x01;
const ENCRYPTED = 0x02;
const FROM_DATE_TIME = 0x10;

/** Message codes whose GBZ alert content has a known layout (GBCS-FACTS §7, §9.3). */
export const GBZ_ALERT_MESSAGE_CODES = {
  gcs53: 0x008b,
  futureDated: 0x00cd,
  firmwareDistributionReceipt: 0x00cf,
  meterIntegrityWarning: 0x00f2,
} as const;

/** A component is at least control (1) + cluster (2) + length (2) + ZCL header (3) bytes. */
const MIN_COMPONENT = 8;
/** §6.5: the encrypted blob is `31` + 4-byte invocation counter, the ciphertext, then a 12-byte tag. */
const SECURITY_CONTROL_ENCRYPTED = 0x31;
const MIN_CIPHERED = 5 + 12;
/** §9.3: the future-dated alert content after its length byte 0E. */
const FUTURE_DATED_LENGTH = 0x0e;
/** The DLMS octet-string tag in front of the 00CF firmware hash. */
const DLMS_OCTET_STRING = 0x09;

export interface GbzDecodeOptions {
  /** The grouping header's CRA flag (§4): 3 selects the alert form. */
  readonly cra?: number;
  /** The message code from other-information (§5): picks the alert content layout. */
  readonly messageCode?: number;
}

export function readGbz(r: ByteReader, options: GbzDecodeOptions): GbzPayload {
  const at = r.offset;
  const profile = r.u16('gbz.profileId');
  if (profile !== GBZ_PROFILE_ID)
    throw new GbcsError('BAD_TAG', `GBZ profile must be 0x0109, got 0x${profile.toString(16)}`, at, 'gbz.profileId');
  const countAt = r.offset;
  const count = r.u8('gbz.componentCount');
  // Without a CRA flag, the byte after the count tells: alert codes are 0x8xxx, and a component's
  // control byte never sets bit 7 (only 01, 02, 10 are defined).
  const alert = options.cra === undefined ? r.remaining > 0 && (r.peek('gbz') & 0x80) !== 0 : options.cra === 3;
  if (alert) return readAlert(r, count, countAt, options.messageCode);
  if (count === 0)
    throw new GbcsError('BAD_VALUE', 'a GBZ command or response needs a component', countAt, 'gbz.componentCount');
  if (count * MIN_COMPONENT > r.remaining)
    throw new GbcsError(
      'BAD_LENGTH',
      `${count} components cannot fit in ${r.remaining} bytes`,
      countAt,
      'gbz.componentCount',
    );
  const components: GbzComponent[] = [];
  for (let i = 0; i < count; i++) components.push(readComponent(r, i === count - 1, `gbz.component[${i}]`));
  r.end('gbz');
  return { form: 'frame', components };
}

function readComponent(r: ByteReader, last: boolean, field: string): GbzComponent {
  const at = r.offset;
  const control = r.u8(`${field}.control`);
  // §9.1 / §14.10: only the final component has the last bit. Encryption together with a
  // from-date-time never occurs in RTDS and the order of the two headers is unknown: refused.
  const known = LAST_COMPONENT | ENCRYPTED | FROM_DATE_TIME;
  if ((control & ~known) !== 0 || (control & (ENCRYPTED | FROM_DATE_TIME)) === (ENCRYPTED | FROM_DATE_TIME))
    throw new GbcsError('BAD_VALUE', `GBZ control 0x${control.toString(16)} is not allowed`, at, `${field}.control`);
  if (((control & LAST_COMPONENT) !== 0) !== last)
    throw new GbcsError(
      'BAD_VALUE',
      `last-component bit ${last ? 'missing' : 'set too early'}`,
      at,
      `${field}.control`,
    );
  const clusterId = r.u16(`${field}.clusterId`);
  const length = r.u16(`${field}.length`);
  const body = r.sub(length, `${field}.body`);
  if (control & ENCRYPTED) {
    const encryption = {
      headerControl: body.u8(`${field}.headerControl`),
      frameCounter: body.u8(`${field}.frameCounter`),
    };
    const header = readZclHeader(body, `${field}.zcl`);
    const cipheredLength = body.u16(`${field}.cipheredLength`);
    const cipherAt = body.offset;
    const ciphered = body.take(cipheredLength, `${field}.ciphered`);
    body.end(field);
    if (ciphered.length < MIN_CIPHERED || ciphered[0] !== SECURITY_CONTROL_ENCRYPTED)
      throw new GbcsError(
        'BAD_VALUE',
        'encrypted ZCL payload must be 31 ‖ counter ‖ ciphertext ‖ tag',
        cipherAt,
        `${field}.ciphered`,
      );
    return { encrypted: true, clusterId, encryption, header, payload: { kind: 'encrypted', ciphered } };
  }
  const fromDateTime = control & FROM_DATE_TIME ? body.u32(`${field}.fromDateTime`) : undefined;
  const header = readZclHeader(body, `${field}.zcl`);
  const payload = readZclPayload(body, clusterId, header, `${field}.payload`);
  return { encrypted: false, clusterId, ...(fromDateTime === undefined ? {} : { fromDateTime }), header, payload };
}

function readAlert(r: ByteReader, count: number, countAt: number, messageCode: number | undefined): GbzPayload {
  const alertCode = r.u16('gbz.alertCode');
  const timestamp = r.u32('gbz.timestamp');
  const needOne = (): void => {
    if (count !== 1)
      throw new GbcsError('BAD_VALUE', `this alert carries 1 component, not ${count}`, countAt, 'gbz.componentCount');
  };
  let body: GbzAlertBody;
  switch (messageCode) {
    case GBZ_ALERT_MESSAGE_CODES.gcs53:
      needOne();
      body = { kind: 'component', component: readComponent(r, true, 'gbz.component[0]') };
      break;
    case GBZ_ALERT_MESSAGE_CODES.futureDated: {
      needOne();
      const lengthAt = r.offset;
      const length = r.u8('gbz.futureDated.length');
      if (length !== FUTURE_DATED_LENGTH)
        throw new GbcsError(
          'BAD_LENGTH',
          `future-dated content is 14 bytes, not ${length}`,
          lengthAt,
          'gbz.futureDated',
        );
      body = {
        kind: 'futureDated',
        messageCode: r.u16('gbz.futureDated.messageCode'),
        originatorCounter: r.u64('gbz.futureDated.originatorCounter'),
        clusterId: r.u16('gbz.futureDated.clusterId'),
        frameControl: r.u8('gbz.futureDated.frameControl'),
        commandId: r.u8('gbz.futureDated.commandId'),
      };
      break;
    }
    case GBZ_ALERT_MESSAGE_CODES.firmwareDistributionReceipt: {
      needOne();
      r.expect(DLMS_OCTET_STRING, 'gbz.firmwareHash.tag');
      const lengthAt = r.offset;
      const length = r.length('gbz.firmwareHash.length');
      if (r.offset - lengthAt !== encodeLength(length).length)
        throw new GbcsError(
          'BAD_LENGTH',
          'firmware hash length is not in its shortest form',
          lengthAt,
          'gbz.firmwareHash',
        );
      body = { kind: 'firmwareHash', hash: r.take(length, 'gbz.firmwareHash') };
      break;
    }
    case GBZ_ALERT_MESSAGE_CODES.meterIntegrityWarning:
      needOne();
      body = { kind: 'integrityWarning', otherInfo: r.u16('gbz.integrityWarning') };
      break;
    default:
      body =
        count === 0 && r.done
          ? { kind: 'none' }
          : { kind: 'raw', componentCount: count, bytes: r.take(r.remaining, 'gbz.alert') };
  }
  r.end('gbz');
  return { form: 'alert', alertCode, timestamp, body };
}

export function writeGbz(w: ByteWriter, p: GbzPayload): void {
  w.u16(GBZ_PROFILE_ID);
  if (p.form === 'frame') {
    if (p.components.length === 0 || p.components.length > 0xff)
      throw new RangeError('a GBZ frame has 1–255 components');
    w.u8(p.components.length);
    p.components.forEach((c, i) => writeComponent(w, c, i === p.components.length - 1));
    return;
  }
  const b = p.body;
  const count = b.kind === 'none' ? 0 : b.kind === 'raw' ? b.componentCount : 1;
  if (b.kind === 'raw' && b.componentCount === 0 && b.bytes.length === 0)
    throw new RangeError('an empty raw alert is kind none');
  w.u8(checkByte(count, 'componentCount'));
  w.u16(checkU16(p.alertCode, 'alertCode')).u32(checkU32(p.timestamp, 'timestamp'));
  switch (b.kind) {
    case 'none':
      return;
    case 'component':
      return writeComponent(w, b.component, true);
    case 'futureDated':
      if (b.originatorCounter < 0n || b.originatorCounter >= 1n << 64n) throw new RangeError('counter out of range');
      w.u8(FUTURE_DATED_LENGTH).u16(checkU16(b.messageCode, 'messageCode')).u64(b.originatorCounter);
      w.u16(checkU16(b.clusterId, 'clusterId'))
        .u8(checkByte(b.frameControl, 'frameControl'))
        .u8(checkByte(b.commandId, 'commandId'));
      return;
    case 'firmwareHash':
      w.u8(DLMS_OCTET_STRING).lengthPrefixed(b.hash);
      return;
    case 'integrityWarning':
      w.u16(checkU16(b.otherInfo, 'otherInfo'));
      return;
    case 'raw':
      w.bytes(b.bytes);
      return;
  }
}

function writeComponent(w: ByteWriter, c: GbzComponent, last: boolean): void {
  const body = new ByteWriter();
  let control = last ? LAST_COMPONENT : 0;
  if (c.encrypted) {
    control |= ENCRYPTED;
    body
      .u8(checkByte(c.encryption.headerControl, 'headerControl'))
      .u8(checkByte(c.encryption.frameCounter, 'frameCounter'));
    writeZclHeader(body, c.header);
    const ciphered = c.payload.ciphered;
    if (ciphered.length < MIN_CIPHERED || ciphered[0] !== SECURITY_CONTROL_ENCRYPTED)
      throw new RangeError('encrypted ZCL payload must be 31 ‖ counter ‖ ciphertext ‖ tag');
    body.u16(checkU16(ciphered.length, 'cipheredLength')).bytes(ciphered);
  } else {
    if (c.fromDateTime !== undefined) {
      control |= FROM_DATE_TIME;
      body.u32(checkU32(c.fromDateTime, 'fromDateTime'));
    }
    writeZclHeader(body, c.header);
    writeZclPayload(body, c.clusterId, c.header, c.payload);
  }
  w.u8(control).u16(checkU16(c.clusterId, 'clusterId')).u16(checkU16(body.byteLength, 'component length'));
  w.bytes(body.finish());
}

function checkU16(n: number, what: string): number {
  if (!Number.isInteger(n) || n < 0 || n > 0xffff) throw new RangeError(`${what} ${n} out of range`);
  return n;
}

function checkU32(n: number, what: string): number {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new RangeError(`${what} ${n} out of range`);
  return n;
}
