import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseEui } from '../../../../../protocol/eui.js';
import { ECS08 } from '../../../../../protocol/gbcs/use-cases/tariff-prepayment-tenancy/prepay-config.js';
import { UseCaseError } from '../../../../../protocol/gbcs/use-cases/use-case-codec.js';
import { PremisesHarness } from '../../../../support/premises-harness.js';
import { RTDS } from './rtds-vectors.js';
import { execute, expectCommandRoundTrip, expectResponseLike, RTDS_NOW } from './use-case-check.js';

const ESME = parseEui('00-DB-12-34-56-78-90-A0');

/** RTDS ECS08 IMMEDIATE: £2 low credit, £3 emergency credit limit, £1 threshold, £50 max balance. */
const RTDS_BODY = {
  lowCreditThreshold: 200,
  emergencyCreditLimit: 300,
  emergencyCreditThreshold: 100,
  maxCredit: 5000,
  maxCreditThreshold: 1000,
  debtRecoveryRateCap: 30,
  debtRecoveryRateCapPeriodSeconds: 604_800,
};

let h: PremisesHarness;
beforeEach(async () => {
  h = await new PremisesHarness({ paymentMode: 'Prepayment', initialBalancePence: 800 }).start();
});
afterEach(async () => h.stop());

describe('ECS08 2.1 update prepayment configuration on ESME', () => {
  const v = RTDS.ECS08!;

  it('decodes the RTDS command into the handler body and re-encodes it to the same bytes', () => {
    expect(expectCommandRoundTrip(ECS08, v.successCommand, ESME)).toEqual(RTDS_BODY);
  });

  it('needs every threshold GBCS sends, and leaves the disablement threshold to ECS03', () => {
    const ctx = { now: RTDS_NOW, target: ESME };
    expect(() => ECS08.encodeCommand({ lowCreditThreshold: 300, maxCredit: 9000 }, ctx)).toThrow(UseCaseError);
    expect(() => ECS08.encodeCommand({ ...RTDS_BODY, disablementThreshold: 0 }, ctx)).toThrow(UseCaseError);
  });

  it('sets the thresholds on the emulated meter and answers as the RTDS success', async () => {
    const m = h.premises.esme;
    const outcome = await execute(h, m.eui, '2.1', RTDS_BODY);
    expect(outcome.status).toBe('OK');
    expect(m.prepayment.config).toMatchObject({
      lowCreditThreshold: 200,
      emergencyCreditLimit: 300,
      emergencyCreditThreshold: 100,
      maxCredit: 5000,
    });
    expect(expectResponseLike(ECS08, outcome, v.successCommand, v.successResponse, m.eui).status).toBe('OK');
  });

  it('refuses a threshold out of range with the RTDS error shape and keeps the configuration', async () => {
    const m = h.premises.esme;
    const before = { ...m.prepayment.config };
    const outcome = await execute(h, m.eui, '2.1', { ...RTDS_BODY, lowCreditThreshold: 5_000_000 });
    expect(outcome.status).not.toBe('OK');
    expect(m.prepayment.config.lowCreditThreshold).toBe(before.lowCreditThreshold);
    expect(expectResponseLike(ECS08, outcome, v.errorCommand!, v.errorResponse!, m.eui).status).not.toBe('OK');
  });
});
