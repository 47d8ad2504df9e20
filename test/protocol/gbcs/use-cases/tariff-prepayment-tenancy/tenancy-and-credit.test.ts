import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PlainValue } from '../../../../../protocol/cbor.js';
import { parseEui } from '../../../../../protocol/eui.js';
import * as credit from '../../../../../protocol/gbcs/use-cases/tariff-prepayment-tenancy/credit.js';
import * as tenancy from '../../../../../protocol/gbcs/use-cases/tariff-prepayment-tenancy/tenancy.js';
import type { UseCaseCodec } from '../../../../../protocol/gbcs/use-cases/use-case-codec.js';
import type { MeterFirmware } from '../../../../../meter-core/meter-firmware.js';
import { PremisesHarness } from '../../../../support/premises-harness.js';
import { RTDS } from './rtds-vectors.js';
import { execute, expectCommandRoundTrip, expectResponseLike } from './use-case-check.js';

const RTDS_EUI = { ESME: parseEui('00-DB-12-34-56-78-90-A0'), GSME: parseEui('00-DB-12-34-56-78-90-A1') };

interface Case {
  readonly codec: UseCaseCodec;
  readonly title: string;
  /** The body the RTDS command decodes to. */
  readonly rtdsBody: PlainValue;
  /** Before the command: put the meter in the state the SR acts on. */
  readonly arrange?: (m: MeterFirmware) => void;
  /** After it: the state the SR means. */
  readonly check: (m: MeterFirmware, before: number) => void;
  /** A body the device refuses, for the ERROR variant. */
  readonly refused?: { readonly body: PlainValue; readonly arrange?: (m: MeterFirmware) => void };
}

const EVENT_ID = { issuerEventId: 473385600 };

const CASES: readonly Case[] = [
  {
    codec: credit.ECS04A,
    title: '1.5 adjust meter balance on ESME',
    rtdsBody: { adjustPence: 1200 },
    check: (m, before) => expect(m.prepayment.balance).toBe(before + 1200),
  },
  {
    codec: credit.ECS04B,
    title: '1.5 reset meter balance on ESME',
    rtdsBody: { reset: true },
    arrange: (m) => {
      m.prepayment.balance = 777;
    },
    check: (m) => expect(m.prepayment.balance).toBe(0),
  },
  {
    codec: credit.GCS40A,
    title: '1.5 adjust prepayment mode meter balance on GSME',
    rtdsBody: { adjustPence: 23.13, ...EVENT_ID },
    // the gas meter takes it at its next wake, after half an hour's charge (a few pence)
    check: (m, before) => expect(m.prepayment.balance).toBeGreaterThan(before + 10),
  },
  {
    codec: credit.GCS40B,
    title: '1.5 reset prepayment mode meter balance on GSME',
    rtdsBody: { reset: true, ...EVENT_ID },
    arrange: (m) => {
      m.prepayment.balance = 450;
    },
    check: (m) => expect(m.prepayment.balance).toBe(0),
  },
  {
    codec: credit.GCS40C,
    title: '1.5 adjust credit mode meter balance on GSME',
    rtdsBody: { adjustPence: 5000, creditMode: true, ...EVENT_ID },
    check: (m) => expect(m.settings.creditModeBalancePence).toBe(5000),
  },
  {
    codec: credit.GCS40D,
    title: '1.5 reset credit mode meter balance on GSME',
    rtdsBody: { reset: true, creditMode: true, ...EVENT_ID },
    arrange: (m) => {
      m.settings.creditModeBalancePence = 321;
    },
    check: (m) => expect(m.settings.creditModeBalancePence).toBe(0),
  },
  {
    codec: credit.ECS05,
    title: '1.7 reset tariff block counter matrix',
    rtdsBody: {},
    check: (m) => {
      expect(m.settings.blockCountersResetAt).toBe(m.now());
      expect(m.settings.blockCounterBaseUnits).toBe(m.registerUnits);
    },
  },
  {
    codec: credit.ECS09,
    title: '2.5 activate emergency credit remotely on ESME',
    rtdsBody: {},
    arrange: (m) => {
      m.prepayment.balance = 100;
    },
    check: (m) => expect(m.prepayment.emergencyCreditActive).toBe(true),
    refused: {
      body: {},
      arrange: (m) => {
        m.prepayment.balance = 5000;
      },
    },
  },
  {
    codec: credit.GCS06,
    title: '2.5 activate emergency credit remotely on GSME',
    rtdsBody: {},
    arrange: (m) => {
      m.prepayment.balance = 100;
    },
    check: (m) => expect(m.prepayment.emergencyCreditActive).toBe(true),
    refused: {
      body: {},
      arrange: (m) => {
        m.prepayment.balance = 5000;
      },
    },
  },
  {
    codec: tenancy.ECS10,
    title: '3.1 send message to ESME',
    rtdsBody: { message: 'Reset' },
    check: (m) => expect(m.settings.displayMessage).toMatchObject({ text: 'Reset', until: undefined }),
    refused: { body: { message: 7 } },
  },
  {
    codec: tenancy.GCS07,
    title: '3.1 send message to GSME',
    rtdsBody: { message: 'Reset', durationMinutes: 65535, ...EVENT_ID },
    check: (m) => expect(m.settings.displayMessage?.text).toBe('Reset'),
    refused: { body: { message: 7 } },
  },
  {
    codec: tenancy.ECS12,
    title: '3.2 set change of tenancy date on ESME',
    rtdsBody: { tenancyStart: Date.UTC(2014, 2, 27, 15, 45, 32) },
    check: (m) => expect(m.tenancyStart).toBe(Date.UTC(2014, 2, 27, 15, 45, 32)),
    refused: { body: { tenancyStart: 'soon' } },
  },
  {
    codec: tenancy.GCS09,
    title: '3.2 set change of tenancy date on GSME',
    rtdsBody: { tenancyStart: Date.UTC(2016, 10, 22, 2, 46, 56), ...EVENT_ID },
    check: (m) => expect(m.tenancyStart).toBe(Date.UTC(2016, 10, 22, 2, 46, 56)),
  },
  {
    codec: tenancy.ECS15A,
    title: '3.3 clear ESME event log',
    rtdsBody: { log: 'event' },
    arrange: (m) => m.events.record(m.now(), 'something to clear'),
    check: (m) => expect(m.events.size).toBe(0),
  },
  {
    codec: tenancy.ECS15C,
    title: '3.3 clear ALCS event log',
    rtdsBody: { log: 'alcs' },
    arrange: (m) => m.events.record(m.now(), 'kept: not an ALCS event'),
    check: (m) => expect(m.events.size).toBeGreaterThan(0),
  },
  {
    codec: tenancy.CS11,
    title: '3.3 clear zigbee device event log',
    rtdsBody: { logId: 3 },
    arrange: (m) => m.events.record(m.now(), 'something to clear'),
    check: (m) => expect(m.events.size).toBe(0),
    refused: { body: { logId: 9 } },
  },
  {
    codec: tenancy.ECS16,
    title: '3.4 write supplier contact details on ESME',
    rtdsBody: { supplierName: 'E-ON', supplierTelephone: '0333 202 4650' },
    check: (m) => expect([m.settings.supplierName, m.settings.supplierTelephone]).toEqual(['E-ON', '0333 202 4650']),
    refused: { body: { supplierName: 'E-ON' } },
  },
  {
    codec: tenancy.GCS44,
    title: '3.4 write contact details on GSME',
    rtdsBody: { supplierName: 'E-ON', supplierTelephone: '0333 202 4650', ...EVENT_ID },
    check: (m) => expect(m.settings.supplierName).toBe('E-ON'),
    refused: { body: { supplierName: 'E-ON' } },
  },
  {
    codec: tenancy.ECS14,
    title: '3.5 disable privacy PIN protection on ESME',
    rtdsBody: {},
    check: (m) => expect(m.settings.privacyPinEnabled).toBe(false),
  },
  {
    codec: tenancy.GCS11,
    title: '3.5 disable privacy PIN protection on GSME',
    rtdsBody: { ...EVENT_ID },
    check: (m) => expect(m.settings.privacyPinEnabled).toBe(false),
  },
  {
    codec: tenancy.ECS50,
    title: '9.1 send CIN to ESME',
    rtdsBody: { cin: '1234' },
    check: (m) => expect(m.settings.cin).toBe('1234'),
    refused: { body: { cin: 1234 } },
  },
  {
    codec: tenancy.GCS36,
    title: '9.1 send CIN to GSME',
    rtdsBody: { cin: '1234', ...EVENT_ID },
    check: (m) => expect(m.settings.cin).toBe('1234'),
    refused: { body: { cin: 1234 } },
  },
  {
    codec: tenancy.GCS31,
    title: '14.1 start network data log on GSME',
    rtdsBody: { intervalSeconds: 360, maxSamples: 41, ...EVENT_ID },
    check: (m) => expect(m.settings.networkSampling).toMatchObject({ intervalSeconds: 360, maxSamples: 41 }),
    refused: { body: { intervalSeconds: 0, maxSamples: 41 } },
  },
];

let h: PremisesHarness;
beforeEach(async () => {
  h = await new PremisesHarness({ paymentMode: 'Prepayment', initialBalancePence: 800 }).start();
});
afterEach(async () => h.stop());

for (const c of CASES) {
  const v = RTDS[c.codec.useCase]!;
  const gas = c.codec.device === 'GSME';
  describe(`${c.codec.useCase} ${c.title}`, () => {
    it('decodes the RTDS command into the handler body and re-encodes it to the same bytes', () => {
      expect(expectCommandRoundTrip(c.codec, v.successCommand, RTDS_EUI[gas ? 'GSME' : 'ESME'])).toEqual(c.rtdsBody);
    });

    it('executes on the emulated meter, changes its state and answers as the RTDS success', async () => {
      const m = gas ? h.premises.gsme : h.premises.esme;
      c.arrange?.(m);
      const before = m.prepayment.balance;
      const outcome = await execute(h, m.eui, c.codec.variant, c.rtdsBody, gas);
      expect(outcome.status).toBe('OK');
      c.check(m, before);
      expect(expectResponseLike(c.codec, outcome, v.successCommand, v.successResponse, m.eui).status).toBe('OK');
    });

    const refused = c.refused;
    if (refused && v.errorResponse && v.errorCommand) {
      const { errorCommand, errorResponse } = v;
      it('refuses what the meter cannot do with the RTDS error shape', async () => {
        const m = gas ? h.premises.gsme : h.premises.esme;
        refused.arrange?.(m);
        const outcome = await execute(h, m.eui, c.codec.variant, refused.body, gas);
        expect(outcome.status).not.toBe('OK');
        expect(expectResponseLike(c.codec, outcome, errorCommand, errorResponse, m.eui).status).not.toBe('OK');
      });
    }
  });
}
