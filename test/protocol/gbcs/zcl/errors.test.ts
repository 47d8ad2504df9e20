import { describe, expect, it } from 'vitest';
import { GbcsError } from '../../../../protocol/gbcs/errors.js';
import { decodeGbz, decodeZclPayload } from '../../../../protocol/gbcs/zcl/index.js';
import { hex } from './hex.js';

/** The GbcsError a decode throws, for checking its code, offset and field. */
function refusal(fn: () => unknown): GbcsError {
  try {
    fn();
  } catch (err) {
    if (err instanceof GbcsError) return err;
    throw err;
  }
  throw new Error('decoded without error');
}

const BASE = 100; // the payload sits at byte 100 of its message: every offset must include it

describe('GBZ refusals carry the code, the message offset and the field', () => {
  it('refuses a profile other than 0x0109', () => {
    const e = refusal(() => decodeGbz(hex('0104 01 01 0702 0003 000000'), BASE));
    expect([e.code, e.offset, e.field]).toEqual(['BAD_TAG', BASE, 'gbz.profileId']);
  });

  it('refuses a component count the bytes cannot hold', () => {
    const e = refusal(() => decodeGbz(hex('0109 05 01 0702 0003 000000'), BASE, { cra: 1 }));
    expect([e.code, e.offset]).toEqual(['BAD_LENGTH', BASE + 2]);
  });

  it('refuses a component length beyond the bytes', () => {
    const e = refusal(() => decodeGbz(hex('0109 01 01 0702 0009 000000'), BASE, { cra: 1 }));
    expect([e.code, e.offset, e.field]).toEqual(['TRUNCATED', BASE + 8, 'gbz.component[0].body']);
  });

  it('refuses the last-component bit on a component that is not last (§14.10)', () => {
    const e = refusal(() => decodeGbz(hex('0109 02 01 0702 0003 000000 01 0702 0003 000100'), BASE, { cra: 1 }));
    expect([e.code, e.offset, e.field]).toEqual(['BAD_VALUE', BASE + 3, 'gbz.component[0].control']);
  });

  it('refuses control bits GBCS does not define, and encryption with a from-date-time', () => {
    expect(refusal(() => decodeGbz(hex('0109 01 41 0702 0003 000000'), BASE, { cra: 1 })).code).toBe('BAD_VALUE');
    expect(refusal(() => decodeGbz(hex('0109 01 13 0702 0003 000000'), BASE, { cra: 1 })).code).toBe('BAD_VALUE');
  });

  it('refuses bytes after the last component', () => {
    const e = refusal(() => decodeGbz(hex('0109 01 01 0702 0005 000000 0000 FF'), BASE, { cra: 1 }));
    expect([e.code, e.offset]).toEqual(['TRAILING', BASE + 13]);
  });

  it('refuses reserved ZCL frame-control bits', () => {
    const e = refusal(() => decodeGbz(hex('0109 01 01 0702 0003 200000'), BASE, { cra: 1 }));
    expect([e.code, e.offset, e.field]).toEqual(['BAD_VALUE', BASE + 8, 'gbz.component[0].zcl']);
  });

  it('refuses an odd byte in a Read Attributes list', () => {
    const e = refusal(() => decodeGbz(hex('0109 01 01 0702 0006 000000 0203 01'), BASE, { cra: 1 }));
    expect([e.code, e.offset]).toEqual(['TRUNCATED', BASE + 13]);
  });

  it('refuses an encrypted blob that does not start with security control 31', () => {
    const blob = `30 00000000 ${'00'.repeat(12)}`;
    const e = refusal(() => decodeGbz(hex(`0109 01 03 0702 0018 0000 180001 0011 ${blob}`), BASE, { cra: 2 }));
    expect([e.code, e.offset]).toEqual(['BAD_VALUE', BASE + 15]);
  });

  it('refuses a cluster command with bytes its schema does not have', () => {
    // Prepayment Set Low Credit Warning Level takes one uint32; one byte too many.
    const e = refusal(() => decodeGbz(hex('0109 01 01 0705 0008 010009 10270000 00'), BASE, { cra: 1 }));
    expect([e.code, e.offset]).toEqual(['TRAILING', BASE + 15]);
  });

  it('refuses a record count beyond the bytes left', () => {
    // Metering Get Sampled Data Response claiming 200 samples with none present.
    const payload = hex('0100 00000000 00 0000 C800');
    const header = {
      frameType: 'cluster',
      direction: 'serverToClient',
      disableDefaultResponse: true,
      sequence: 0,
      commandId: 7,
    } as const;
    const e = refusal(() => decodeZclPayload(payload, 0x0702, header, BASE));
    expect([e.code, e.offset]).toEqual(['BAD_LENGTH', BASE + 11]);
  });

  it('refuses a ZCL data type it does not know, at the type byte', () => {
    // Read Attributes Response: attribute 0x0000, success, type 0x48 (array).
    const e = refusal(() => decodeGbz(hex('0109 01 01 0702 0007 180001 0000 00 48'), BASE, { cra: 2 }));
    expect([e.code, e.offset, e.field]).toEqual(['BAD_TAG', BASE + 14, 'gbz.component[0].payload.record[0].type']);
  });

  it('refuses a future-dated alert whose content length is not 14', () => {
    const e = refusal(() => decodeGbz(hex('0109 01 8F66 38818890 0D 006B'), BASE, { cra: 3, messageCode: 0x00cd }));
    expect([e.code, e.offset]).toEqual(['BAD_LENGTH', BASE + 9]);
  });
});
