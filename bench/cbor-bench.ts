import { decodeFrame, encodeFrame, parseEui, type CommandFrame } from '../protocol/index.js';
import { measureRate, printRows, type BenchRow } from './measure.js';

/** A typical critical command: SR 1.1.1 tariff with supplier and ACB signatures. */
export function typicalFrame(): CommandFrame {
  return {
    kind: 'command',
    header: {
      originator: parseEui('90-B3-D5-1F-30-01-00-00'),
      recipient: parseEui('00-DB-12-34-56-78-90-A0'),
      counter: 0x1_0000_0042n,
      createdAt: Date.UTC(2026, 10, 28, 12),
    },
    serviceRequest: '1.1.1',
    payload: {
      standingCharge: 4567,
      unitRates: [2450, 1890, 3120, 1200],
      switching: [
        { from: '07:00', rate: 0 },
        { from: '23:00', rate: 3 },
      ],
    },
    signatures: [
      { role: 'Supplier', signer: parseEui('90-B3-D5-1F-30-01-00-00'), value: new Uint8Array(64).fill(1) },
      { role: 'AccessControlBroker', signer: parseEui('90-B3-D5-1F-30-00-00-02'), value: new Uint8Array(64).fill(2) },
    ],
  };
}

/** CBOR frame encode and strict decode per second; the baseline is JSON of the same content. */
export function cborBench(seconds: number): BenchRow[] {
  const frame = typicalFrame();
  const bytes = encodeFrame(frame);
  const asJson = {
    ...frame,
    header: { ...frame.header, counter: frame.header.counter.toString() },
    signatures: frame.signatures.map((s) => ({ ...s, value: Buffer.from(s.value).toString('base64') })),
  };
  const jsonText = JSON.stringify(asJson);
  const rows: BenchRow[] = [
    {
      name: `encode frame (${bytes.length} B)`,
      value: measureRate(() => encodeFrame(frame), seconds).perSecond,
      unit: 'op/s',
      baselineName: 'JSON.stringify',
      baseline: measureRate(() => JSON.stringify(asJson), seconds).perSecond,
    },
    {
      name: 'strict decode frame',
      value: measureRate(() => decodeFrame(bytes), seconds).perSecond,
      unit: 'op/s',
      baselineName: 'JSON.parse',
      baseline: measureRate(() => JSON.parse(jsonText) as unknown, seconds).perSecond,
    },
  ];
  printRows('Frames: CBOR encode / strict decode per second (ratio = CBOR / JSON of the same content)', rows);
  return rows;
}
