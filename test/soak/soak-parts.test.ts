import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { Prng } from '../../protocol/index.js';
import { Accounting } from '../../soak/accounting.js';
import { shardOf, shardRange } from '../../soak/fleet-messages.js';
import { PlainDisplay, statusLines, type DisplayState } from '../../soak/live-display.js';
import { OnlineSet } from '../../soak/online-set.js';
import { BUILTIN_PROFILES, loadProfile, loadTargets } from '../../soak/profile.js';
import type { Sample } from '../../soak/sample.js';
import { DEFAULT_TARGETS, targetRow } from '../../soak/targets.js';
import { TrafficDriver } from '../../soak/traffic.js';

const dir = mkdtempSync(join(tmpdir(), 'smetsim-soak-parts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('soak profiles', () => {
  it.each(BUILTIN_PROFILES)('the built-in %s profile loads', (name) => {
    const profile = loadProfile(name);
    expect(profile.name).toBe(name);
    expect(profile.traffic.length + profile.events.length).toBeGreaterThan(0);
  });

  it('compiles rates and events: per hour, per run, shares and times', () => {
    const profile = loadProfile('storm');
    expect(profile.traffic[0]?.perPremisesPerMs).toBeCloseTo(6 / 3_600_000);
    expect(profile.events.map((e) => [e.atShare, e.share, e.steps[0]])).toEqual([
      [0.3, 0.3, { consumer: { action: 'powerOutage' } }],
      [0.6, 0.3, { consumer: { action: 'powerRestore' } }],
    ]);
    expect(profile.outageAlertDelayMs).toBe(30_000);
  });

  it('names the file, the place and the rule when a profile is wrong', () => {
    expect(() =>
      loadProfile(
        file('a.yaml', 'name: x\ntraffic:\n  - request: { as: supplier, sr: "4.1.1", to: esme }\n    perPremises: 1\n'),
      ),
    ).toThrow(/a\.yaml: traffic\.0: must have required property 'per'/);
    expect(() =>
      loadProfile(
        file(
          'b.yaml',
          'name: x\ntraffic:\n  - request: { as: supplier, sr: "4.1.1", to: ppmid }\n    perPremises: 1\n    per: 1h\n',
        ),
      ),
    ).toThrow(/b\.yaml: traffic\.0\.request\.to: soak requests go to esme, gsme, hub, gpf, ihd/);
    expect(() =>
      loadProfile(
        file('c.yaml', 'name: x\nevents:\n  - { at: 10%, share: 5%, steps: [ { consumer: { action: tamper } } ] }\n'),
      ),
    ).toThrow(/c\.yaml: events\.0\.steps\.0\.consumer\.action: soak runs powerOutage/);
    expect(() =>
      loadProfile(
        file(
          'd.yaml',
          'name: x\ntraffic:\n  - request: { as: supplier, sr: "99.9", to: esme }\n    perPremises: 1\n    per: 1h\n',
        ),
      ),
    ).toThrow(/SR 99\.9 is not in the catalogue/);
  });

  it('takes targets from a file over the profile', () => {
    const targets = loadTargets(file('t.yaml', 'nonCritical: 10s\npercentile: 95\n'), DEFAULT_TARGETS);
    expect(targets).toMatchObject({ nonCriticalMs: 10_000, criticalMs: 60_000, percentile: 95 });
  });
});

describe('fleet shards', () => {
  it('every premises is in exactly the shard whose range holds it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 16 }), (premises, workers) => {
        const w = Math.min(workers, premises);
        let next = 1;
        for (let worker = 0; worker < w; worker++) {
          const { first, last } = shardRange(worker, premises, w);
          expect(first).toBe(next);
          expect(shardOf(first, premises, w)).toBe(worker);
          expect(shardOf(last, premises, w)).toBe(worker);
          next = last + 1;
        }
        expect(next).toBe(premises + 1);
      }),
    );
  });
});

describe('online set', () => {
  it('adds, removes and picks only members', () => {
    const set = new OnlineSet();
    for (let i = 1; i <= 10; i++) set.add(i);
    set.delete(3);
    set.delete(10);
    set.delete(42);
    expect(set.size).toBe(8);
    const picked = new Set(Array.from({ length: 8 }, (_, i) => set.at(i)));
    expect([...picked].sort((a, b) => a! - b!)).toEqual([1, 2, 4, 5, 6, 7, 8, 9]);
  });
});

describe('traffic driver', () => {
  it('issues a per-run stream exactly once per premises by the end, skipping offline ones', async () => {
    const profile = loadProfile(
      file(
        'run.yaml',
        'name: r\ntraffic:\n  - request: { as: supplier, sr: "4.17", to: esme }\n    perPremises: 1\n    per: run\n',
      ),
    );
    const online = new OnlineSet();
    for (let i = 1; i <= 50; i++) if (i !== 7) online.add(i);
    const issued: number[] = [];
    const driver = new TrafficDriver({
      profile,
      premises: 50,
      durationMs: 10_000,
      online,
      rng: new Prng(1),
      issue: async (_r, index) => void issued.push(index),
      consumer: () => undefined,
      admin: () => undefined,
    });
    for (let t = 0; t <= 10_000; t += 137) driver.tick(t);
    driver.tick(10_000);
    await driver.settled();
    expect(issued).toHaveLength(50);
    expect(issued).not.toContain(7);
  });

  it('fires an event once over its share, batching consumer actions, and stops traffic to premises it cuts', async () => {
    const profile = loadProfile('storm');
    const online = new OnlineSet();
    for (let i = 1; i <= 100; i++) online.add(i);
    const consumer: [string, number][] = [];
    const driver = new TrafficDriver({
      profile,
      premises: 100,
      durationMs: 60_000,
      online,
      rng: new Prng(1),
      issue: async () => undefined,
      consumer: (action, indices) => consumer.push([action, indices.length]),
      admin: () => undefined,
    });
    driver.tick(17_999);
    expect(consumer).toEqual([]);
    driver.tick(18_000);
    driver.tick(20_000);
    expect(consumer).toEqual([['powerOutage', 30]]);
    expect(online.has(30)).toBe(false);
    expect(online.has(31)).toBe(true);
    driver.tick(36_000);
    await driver.settled();
    expect(consumer).toEqual([
      ['powerOutage', 30],
      ['powerRestore', 30],
    ]);
  });
});

describe('accounting and targets', () => {
  it('splits open requests into lost (past the deadline) and unfinished', () => {
    const a = new Accounting();
    a.submitted('r1', '4.1.1', 'esme', 0);
    a.submitted('r2', '4.1.1', 'esme', 40_000);
    a.submitted('r3', '4.1.1', 'esme', 0);
    a.acknowledgedAs('r1', 'I99');
    a.acknowledgedAs('r2', 'I99');
    a.acknowledgedAs('r3', 'E4');
    const s = a.summary(DEFAULT_TARGETS, 50_000);
    expect(s.requests).toMatchObject({
      sent: 3,
      acknowledged: 2,
      refusedByCode: { E4: 1 },
      lost: 1,
      unfinished: 1,
      lostByClass: { '4.1.1 → esme': 1 },
    });
  });

  it('counts a timed-out request as never answered in the percentile', () => {
    const answered = Array.from({ length: 99 }, () => 100);
    expect(targetRow('x', answered, 30_000, DEFAULT_TARGETS, 1)).toMatchObject({
      count: 100,
      valueMs: 100,
      passed: true,
    });
    expect(targetRow('x', answered, 30_000, DEFAULT_TARGETS, 2)).toMatchObject({
      count: 101,
      valueMs: Number.POSITIVE_INFINITY,
      passed: false,
    });
  });
});

describe('live display', () => {
  const sample: Sample = {
    t: 12,
    hubsOnline: 9,
    sentPerSecond: 4,
    answeredPerSecond: 3,
    alertsPerSecond: 1,
    errorsPerSecond: 0,
    latency: {},
    headEndRssMb: 100,
    fleetRssMb: 50,
    fleetHeapMb: 30,
    brokerRssMb: 40,
    lagP99Ms: 7,
  };
  const accounting = new Accounting();
  accounting.submitted('r1', '4.1.1', 'esme', 0);
  accounting.answer('r1', 'I0', 25);
  accounting.submitted('r2', '2.2', 'esme', 0);
  accounting.acknowledgedAs('r2', 'E4');
  const state: DisplayState = {
    profile: 'daily',
    premises: 10,
    elapsedMs: 12_000,
    durationMs: 60_000,
    phase: 'traffic',
    sample,
    accounting,
  };

  it('shows hubs, rates, latency per class, errors by code and memory', () => {
    const text = statusLines(state).join('\n');
    expect(text).toContain('hubs online 9/10');
    expect(text).toContain('4.1.1 → esme 25/25/25');
    expect(text).toContain('E4 1');
    expect(text).toContain('fleet 50 MB (5120 KB/premises, heaps 30 MB)');
  });

  it('writes a plain line only every interval, with rates over that interval', () => {
    const lines: string[] = [];
    const display = new PlainDisplay((line) => lines.push(line), 5_000);
    display.update({ ...state, elapsedMs: 1_000 });
    display.update({ ...state, elapsedMs: 3_000 });
    display.update({ ...state, elapsedMs: 6_000 });
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^\[\s+6s\] traffic {2}hubs 9\/10 {2}sent\/s 0 {2}answered\/s 0 {2}answered 1\/2/);
  });
});
