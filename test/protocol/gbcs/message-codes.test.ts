import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { MESSAGE_CODES } from '../../../protocol/gbcs/message-codes.generated.js';
import { describeMessageCode, messageCodeEntry, payloadFormatOf } from '../../../protocol/gbcs/message-codes.js';
import { decodePayload, payloadFormat } from '../../../protocol/gbcs/payload.js';

describe('GBCS-FACTS §5: the message-code table', () => {
  it('is generated from reference/gbcs-message-codes.csv and up to date', () => {
    expect(() => execFileSync(process.execPath, ['scripts/generate-gbcs-message-codes.mjs', '--check'])).not.toThrow();
  });

  it('holds the 224 codes of the parser and the 16 RTDS codes it lacks, once each', () => {
    expect(MESSAGE_CODES).toHaveLength(240);
    expect(new Set(MESSAGE_CODES.map((e) => e.code)).size).toBe(240);
    for (const code of [0x0004, 0x011a, 0x011b, 0x0120, 0x0123, 0x0124, 0x012a, 0x012b])
      expect(messageCodeEntry(code), `0x${code.toString(16)}`).toBeDefined();
  });

  it.each([
    [0x0027, 'ECS17b', 'dlms', 'ESME'],
    [0x0074, 'GCS13a', 'gbz', 'GSME'],
    [0x0015, 'CS11', 'gbz', 'GSME'],
    [0x0012, 'CS06', 'der', 'any'],
    [0x0105, 'CS02b', 'der', 'any'],
    [0x007f, 'GCS28', 'der', 'GSME'],
    [0x0001, 'CCS01', 'dlms', 'CHF'],
    [0x1000, 'GENERIC-CRITICAL-ALERT', 'by-content', 'any'],
  ])('code %i is %s, %s, %s', (code, useCase, format, device) => {
    expect(messageCodeEntry(code)).toEqual({ code, useCase, format, device });
  });

  it('names codes outside the table as such', () => {
    expect(describeMessageCode(0x0027)).toBe('0x0027 ECS17b');
    expect(describeMessageCode(0x7777)).toBe('0x7777 (not in the use-case table)');
    expect(payloadFormatOf(0x7777)).toBeUndefined();
  });
});

describe('GBCS-FACTS §7: payload dispatch', () => {
  it('goes by message code first: a DER INTEGER under a DER code is DER', () => {
    expect(decodePayload(0x000d, Uint8Array.of(0x02, 0x01, 0x00), 60)).toMatchObject({ kind: 'der' });
  });

  it('goes by the first bytes for the generic alerts and codes outside the table', () => {
    expect(payloadFormat(0x1000, Uint8Array.of(0x01, 0x09))).toBe('gbz');
    expect(payloadFormat(0x1001, Uint8Array.of(0x0f))).toBe('dlms');
    expect(payloadFormat(0x7777, Uint8Array.of(0xda))).toBe('dlms');
    expect(payloadFormat(0x7777, Uint8Array.of(0x30))).toBe('unknown');
    expect(decodePayload(0x7777, Uint8Array.of(0x30, 0x00), 0)).toEqual({
      kind: 'raw',
      format: 'unknown',
      bytes: Uint8Array.of(0x30, 0x00),
    });
  });
});
