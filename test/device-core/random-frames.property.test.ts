import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeFrame, SERVICE_REQUESTS, type PlainValue } from '../../protocol/index.js';
import { DEVICE_LIFECYCLE } from '../../device-core/lifecycles.js';
import { PAYMENT_MODE, SUPPLY_SWITCH } from '../../meter-core/meter-states.js';
import { HAN_MESSAGES } from '../../protocol/han-messages.js';
import type { DeviceFirmware } from '../../device-core/firmware.js';
import { MeterFirmware } from '../../meter-core/meter-firmware.js';
import { plainArb } from '../support/frames.js';
import { PremisesHarness } from '../support/premises-harness.js';

const SRS = SERVICE_REQUESTS.map((sr) => sr.variant);
const LOCAL = Object.values(HAN_MESSAGES);

/** Payloads shaped like real ones often enough to get past the first field check. */
const payloadArb: fc.Arbitrary<PlainValue> = fc.oneof(
  plainArb,
  fc.record(
    {
      utrn: fc.oneof(fc.stringMatching(/^\d{20}$/), fc.string()),
      mode: fc.constantFrom('Credit', 'Prepayment', 'x'),
      adjustPence: fc.integer({ min: -200_000, max: 200_000 }),
      unitRates: fc.array(fc.integer({ min: -5, max: 20_000 }), { maxLength: 10 }),
      switching: fc.array(fc.tuple(fc.integer({ min: -1, max: 50 }), fc.integer({ min: -1, max: 9 })), {
        maxLength: 4,
      }),
      device: fc.constantFrom('00-DB-12-00-00-00-05-05', 'nope', '00-DB-12-00-00-00-05-03'),
      mpxn: fc.oneof(fc.stringMatching(/^\d{13}$/), fc.stringMatching(/^\d{6,10}$/)),
      count: fc.integer({ min: -10, max: 5000 }),
      days: fc.integer({ min: -3, max: 40 }),
      disable: fc.array(fc.integer({ min: -1, max: 0x1ffff }), { maxLength: 3 }),
      tenancyStart: fc.integer({ min: -1, max: 2 ** 45 }),
      calorificValue: fc.double({ min: 0, max: 100, noNaN: true }),
      conversionFactor: fc.double({ min: 0, max: 2, noNaN: true }),
      counterFloor: fc.oneof(fc.stringMatching(/^\d{1,20}$/), fc.string()),
      add: fc.array(
        fc.record({
          device: fc.constantFrom('00-DB-12-00-00-00-05-07', 'x'),
          type: fc.constantFrom('IHD', 'ESME', 'CHF', 'Toaster'),
        }),
        { maxLength: 2 },
      ),
      image: fc.uint8Array({ maxLength: 16 }),
      hash: fc.uint8Array({ minLength: 32, maxLength: 32 }),
      version: fc.constantFrom('2.0.0', '', 'bad version!'),
    },
    { requiredKeys: [] },
  ),
);

function assertValid(device: DeviceFirmware): void {
  expect(device.stats.internalErrors, `${device.identity.type} internal errors: ${device.lastInternalError}`).toBe(0);
  expect(DEVICE_LIFECYCLE.states).toContain(device.lifecycle);
  expect(typeof device.identity.firmwareVersion).toBe('string');
  if (device instanceof MeterFirmware) {
    expect(SUPPLY_SWITCH.states).toContain(device.supply);
    expect(PAYMENT_MODE.states).toContain(device.paymentMode);
    expect(Number.isFinite(device.prepayment.balance)).toBe(true);
    expect(Number.isFinite(device.registerUnits) && device.registerUnits >= 0).toBe(true);
    expect(Number.isFinite(device.accruedCostPence)).toBe(true);
  }
}

describe('random frames to every device and the hub', () => {
  let h: PremisesHarness;
  beforeAll(async () => {
    h = await new PremisesHarness({ withPpmid: true, paymentMode: 'Prepayment' }).start();
  });
  afterAll(async () => h.stop());

  it('garbage bytes over the HAN: counted as malformed, nothing escapes, state stays valid', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: h.premises.devices.length - 1 }),
        fc.uint8Array({ maxLength: 300 }),
        (which, bytes) => {
          const device = h.premises.devices[which]!;
          expect(() => device.receive(h.premises.esme.eui, bytes)).not.toThrow();
          assertValid(device);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('well-formed frames with valid signatures and random content: refused or executed, never a crash', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...h.premises.devices.map((d) => d.eui)),
        fc.constantFrom(...SRS, ...LOCAL),
        payloadArb,
        fc.boolean(),
        fc.option(fc.integer({ min: 0, max: 3 * 3600_000 }), { nil: undefined }),
        async (to, sr, payload, signed, delay) => {
          const authority =
            sr === '6.23'
              ? ({ role: 'TransitionalCoS', by: 'transCoS' } as const)
              : ({ role: 'Supplier', by: 'supplier' } as const);
          const frame = h.dcc.frame({
            to,
            sr,
            payload,
            ...(signed ? { authority } : { acb: false }),
            ...(delay !== undefined ? { executeAt: h.clock.now() + delay } : {}),
          });
          const bytes = encodeFrame(frame);
          // Straight onto the HAN as if the hub had routed it, and down the WAN through the hub.
          const device = h.premises.devices.find((d) => d.eui === to)!;
          expect(() => device.receive(h.premises.hub.eui, bytes)).not.toThrow();
          await h.send(bytes);
          await h.advance(60_000);
          for (const d of h.premises.devices) assertValid(d);
        },
      ),
      { numRuns: Number(process.env.SMETSIM_PROPERTY_RUNS ?? 300) },
    );
  }, 600_000);

  it('mutated valid commands down the WAN: the hub and devices stay valid', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...h.premises.devices.map((d) => d.eui)),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }),
        async (to, flips) => {
          const bytes = Buffer.from(h.dcc.bytes({ to, sr: '4.1.1' }));
          for (const [at, value] of flips) bytes[at % bytes.length] = value;
          await h.send(bytes);
          for (const d of h.premises.devices) assertValid(d);
        },
      ),
      { numRuns: 300 },
    );
  }, 60_000);
});
