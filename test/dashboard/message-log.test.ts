import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeFrame, type Eui64, type Frame } from '../../protocol/index.js';
import { MessageLog, matches } from '../../dashboard/message-log.js';
import { decodeWith, DEFAULT_DECODERS, plainToJson, smetsimFrameDecoder } from '../../dashboard/payload-decoder.js';

const party = '90-B3-D5-1F-30-01-00-00' as Eui64;
const esme = '00-DB-12-00-00-00-01-03' as Eui64;
const header = (originator: Eui64, recipient: Eui64) => ({
  originator,
  recipient,
  counter: 7n,
  createdAt: Date.UTC(2026, 0, 5),
});

describe('dashboard message log', () => {
  it('keeps the last `capacity` entries in order, numbered, and tells subscribers', () => {
    const log = new MessageLog(() => Date.UTC(2026, 0, 5), 3);
    const heard: number[] = [];
    const stop = log.subscribe((entry) => heard.push(entry.seq));
    for (let i = 0; i < 5; i++) log.append({ kind: 'event', summary: `e${i}` });
    stop();
    log.append({ kind: 'event', summary: 'after stop' });
    expect(log.query({}).map((e) => e.summary)).toEqual(['e3', 'e4', 'after stop']);
    expect(heard).toEqual([1, 2, 3, 4, 5]);
    expect(log.query({}, 2).map((e) => e.seq)).toEqual([5, 6]);
  });

  it('filters by party, premises, kind, and SR with its variants', () => {
    const log = new MessageLog(() => 0);
    log.append({ kind: 'request', summary: 'a', party, premises: 1, sr: '4.1.1' });
    log.append({ kind: 'command', summary: 'b', party, premises: 2, sr: '4.10' });
    log.append({ kind: 'alert', summary: 'c', premises: 1, alertCode: '0x81A0' });
    const summaries = (filter: Parameters<MessageLog['query']>[0]) => log.query(filter).map((e) => e.summary);
    expect(summaries({ sr: '4.1' })).toEqual(['a']);
    expect(summaries({ sr: '4' })).toEqual(['a', 'b']);
    expect(summaries({ premises: 1 })).toEqual(['a', 'c']);
    expect(summaries({ party, kind: 'command' })).toEqual(['b']);
    expect(matches({ seq: 1, at: '', kind: 'event', summary: 'x' }, { sr: '4.1' })).toBe(false);
  });
});

describe('dashboard payload decoders', () => {
  it('decodes a command with its DUIS request id, and a response back to the same id', () => {
    const command: Frame = {
      kind: 'command',
      header: header(party, esme),
      serviceRequest: '4.1.1',
      payload: null,
      signatures: [],
    };
    const response: Frame = {
      kind: 'response',
      header: header(esme, party),
      serviceRequest: '4.1.1',
      inResponseTo: 7n,
      status: 'OK',
      payload: { importWh: 12, raw: new Uint8Array([1, 2]) },
      signatures: [],
    };
    const down = decodeWith(DEFAULT_DECODERS, encodeFrame(command))!;
    const up = decodeWith(DEFAULT_DECODERS, encodeFrame(response))!;
    expect(down).toMatchObject({ kind: 'command', sr: '4.1.1', requestId: `${party}:${esme}:7` });
    expect(up).toMatchObject({ kind: 'response', status: 'OK', requestId: `${party}:${esme}:7` });
    expect(up.payload).toMatchObject({
      format: 'smetsim-cbor-frame/1',
      fields: { payload: { importWh: 12, raw: 'hex:0102' } },
    });
  });

  it('names an alert code as 0x hex', () => {
    const alert: Frame = {
      kind: 'alert',
      header: header(esme, party),
      alertCode: 0x81a0,
      payload: null,
      signatures: [],
    };
    expect(smetsimFrameDecoder.decode(encodeFrame(alert))).toMatchObject({ kind: 'alert', alertCode: '0x81A0' });
  });

  it('turns nested bytes into marked hex and leaves other values alone', () => {
    expect(plainToJson([{ a: new Uint8Array([255]) }, 1, 'x', null, true])).toEqual([
      { a: 'hex:ff' },
      1,
      'x',
      null,
      true,
    ]);
  });

  it('random and mutated bytes give undefined, never a throw', () => {
    const valid = encodeFrame({
      kind: 'command',
      header: header(party, esme),
      serviceRequest: '2.2',
      payload: { v: 1 },
      signatures: [],
    });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const decoded = decodeWith(DEFAULT_DECODERS, bytes);
        expect(decoded === undefined || typeof decoded.kind === 'string').toBe(true);
      }),
    );
    fc.assert(
      fc.property(fc.nat(valid.length - 1), fc.integer({ min: 1, max: 255 }), (at, flip) => {
        const bytes = Uint8Array.from(valid);
        bytes[at] = bytes[at]! ^ flip;
        const decoded = decodeWith(DEFAULT_DECODERS, bytes);
        expect(decoded === undefined || ['command', 'response', 'alert'].includes(decoded.kind)).toBe(true);
      }),
    );
  });
});
