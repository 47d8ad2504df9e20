import { describe, expect, it } from 'vitest';
import { SmhanBus } from '../../hub/smhan-bus.js';
import { parseEui, Prng, VirtualClock } from '../../protocol/index.js';

const HUB = parseEui('00-DB-12-34-56-78-00-01');
const ESME = parseEui('00-DB-12-34-56-78-00-02');
const IHD = parseEui('00-DB-12-34-56-78-00-03');

function bus(seed = 1) {
  const clock = new VirtualClock(0);
  return { clock, han: new SmhanBus(clock, new Prng(seed)) };
}

describe('SMHAN bus', () => {
  it('delivers bytes to the addressed device after the injected latency, as a copy', () => {
    const { clock, han } = bus();
    han.setConditions({ latencyMs: 50, jitterMs: 0, lossRate: 0 });
    const hub = han.attach(HUB);
    const esme = han.attach(ESME);
    const got: [string, string, number][] = [];
    esme.onFrame((from, frame) => got.push([from, Buffer.from(frame).toString(), clock.now()]));
    const frame = Buffer.from('read');
    expect(hub.send(ESME, frame)).toBe(true);
    frame.write('XXXX');
    clock.advance(49);
    expect(got).toEqual([]);
    clock.advance(1);
    expect(got).toEqual([[HUB, 'read', 50]]);
  });

  it('counts frames for a device not on the bus as undeliverable', () => {
    const { han } = bus();
    const hub = han.attach(HUB);
    expect(hub.send(IHD, Buffer.from('x'))).toBe(false);
    expect(han.stats.undeliverable).toBe(1);
  });

  it('loses frames to and from a partitioned device, and recovers', () => {
    const { clock, han } = bus();
    const hub = han.attach(HUB);
    const esme = han.attach(ESME);
    let received = 0;
    esme.onFrame(() => received++);
    han.partition(ESME, true);
    hub.send(ESME, Buffer.from('1'));
    clock.advance(10);
    han.partition(ESME, false);
    hub.send(ESME, Buffer.from('2'));
    clock.advance(10);
    expect(received).toBe(1);
    expect(han.stats).toMatchObject({ sent: 2, delivered: 1, lost: 1 });
  });

  it('loses about the injected share of frames, the same ones for the same seed', () => {
    const run = (seed: number) => {
      const { clock, han } = bus(seed);
      han.setConditions({ latencyMs: 1, jitterMs: 5, lossRate: 0.3 });
      const hub = han.attach(HUB);
      const esme = han.attach(ESME);
      const got: number[] = [];
      esme.onFrame((_, f) => got.push(f[0]!));
      for (let i = 0; i < 200; i++) hub.send(ESME, Uint8Array.of(i));
      clock.advance(100);
      return got;
    };
    const first = run(7);
    expect(first.length).toBeGreaterThan(110);
    expect(first.length).toBeLessThan(170);
    expect(run(7)).toEqual(first);
    expect(run(8)).not.toEqual(first);
  });

  it('refuses a second device with the same EUI, and keeps running when a handler throws', () => {
    const { clock, han } = bus();
    const hub = han.attach(HUB);
    expect(() => han.attach(HUB)).toThrow(/already/);
    const esme = han.attach(ESME);
    let calls = 0;
    esme.onFrame(() => {
      calls++;
      throw new Error('device bug');
    });
    hub.send(ESME, Buffer.from('a'));
    hub.send(ESME, Buffer.from('b'));
    clock.advance(1);
    expect(calls).toBe(2);
  });
});
