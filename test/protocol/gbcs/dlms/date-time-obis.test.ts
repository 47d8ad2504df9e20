import { describe, expect, it } from 'vitest';
import { GbcsError } from '../../../../protocol/gbcs/errors.js';
import {
  COSEM_NEVER,
  COSEM_NOW,
  COSEM_OBJECTS,
  cosemClassName,
  cosemDateTimeFromDate,
  cosemDateTimeToDate,
  cosemObjectFor,
  decodeCosemDateTime,
  encodeCosemDateTime,
  isCosemNever,
  isCosemNow,
  isObisCode,
  obisFromBytes,
  obisToBytes,
} from '../../../../protocol/gbcs/dlms/index.js';
import { hex, toHex } from './hex.js';

describe('GBCS-FACTS §8.6 COSEM date-time', () => {
  it('the RTDS header example is 2015-01-01 00:00:00 UTC, deviation and clock status unspecified', () => {
    const bytes = hex('07DF 01 01 FF 00 00 00 00 8000 FF');
    const dt = decodeCosemDateTime(bytes, 43);
    expect(dt).toEqual({
      year: 2015,
      month: 1,
      dayOfMonth: 1,
      dayOfWeek: 0xff,
      hour: 0,
      minute: 0,
      second: 0,
      hundredths: 0,
      deviation: -0x8000,
      clockStatus: 0xff,
    });
    expect(cosemDateTimeToDate(dt)?.toISOString()).toBe('2015-01-01T00:00:00.000Z');
    expect(encodeCosemDateTime(dt)).toEqual(bytes);
  });

  it('"now" and "never" execution times are recognised and encode as §8.6 says', () => {
    expect(toHex(encodeCosemDateTime(COSEM_NOW))).toBe('0000000000000000008000FF');
    expect(toHex(encodeCosemDateTime(COSEM_NEVER))).toBe('FFFFFFFFFFFFFFFFFF8000FF');
    expect(isCosemNow(decodeCosemDateTime(hex('0000000000000000008000FF')))).toBe(true);
    expect(isCosemNever(decodeCosemDateTime(hex('FFFFFFFFFFFFFFFFFF8000FF')))).toBe(true);
    expect(isCosemNow(COSEM_NEVER)).toBe(false);
    expect(cosemDateTimeToDate(COSEM_NOW)).toBeUndefined();
    expect(cosemDateTimeToDate(COSEM_NEVER)).toBeUndefined();
  });

  it('wildcards and impossible dates name no instant; a deviation shifts to UTC', () => {
    const base = cosemDateTimeFromDate(new Date('2024-02-29T12:34:56.780Z'));
    expect(base).toMatchObject({ dayOfWeek: 4, hundredths: 78 }); // a Thursday
    expect(cosemDateTimeToDate(base)?.toISOString()).toBe('2024-02-29T12:34:56.780Z');
    expect(cosemDateTimeToDate({ ...base, year: 2023 })).toBeUndefined(); // 29 Feb 2023
    expect(cosemDateTimeToDate({ ...base, hour: 0xff })).toBeUndefined();
    expect(cosemDateTimeToDate({ ...base, deviation: 60 })?.toISOString()).toBe('2024-02-29T11:34:56.780Z');
  });

  it('a date-time octet string of another length is a typed BAD_LENGTH at its offset', () => {
    const err = (() => {
      try {
        decodeCosemDateTime(new Uint8Array(11), 70);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(GbcsError);
    expect(err).toMatchObject({ code: 'BAD_LENGTH', offset: 70 });
  });
});

describe('OBIS codes and the use-case table (GBCS-FACTS §8.5)', () => {
  it('text and bytes map one to one', () => {
    expect(obisFromBytes(hex('00002B0208FF'))).toBe('0-0:43.2.8.255');
    expect(toHex(obisToBytes('0-0:43.2.8.255'))).toBe('00002B0208FF');
    for (const bad of ['0-0:43.2.8.256', '00-0:43.2.8.255', '0-0:43.2.8', '0.0:43.2.8.255'])
      expect(() => obisToBytes(bad)).toThrow(GbcsError);
    expect(isObisCode('1-0:1.8.0.255')).toBe(true);
    expect(isObisCode('1-0:1.8.0.0255')).toBe(false);
  });

  it('every table entry is a valid OBIS code and is found by class and instance', () => {
    for (const [name, object] of Object.entries(COSEM_OBJECTS)) {
      expect(isObisCode(object.instance)).toBe(true);
      expect(cosemObjectFor(object.classId, object.instance)?.[0]).toBe(name);
      expect(cosemClassName(object.classId)).toBeDefined();
    }
    expect(cosemObjectFor(30, '0-0:43.2.8.255')?.[0]).toBe('importRegisterCollection');
    expect(cosemObjectFor(3, '0-0:43.2.8.255')).toBeUndefined();
    expect(cosemClassName(9000)).toBe('gbcsExtendedData');
  });
});
