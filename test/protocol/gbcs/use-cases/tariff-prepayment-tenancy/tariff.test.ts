import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseEui } from '../../../../../protocol/eui.js';
import { ECS01A } from '../../../../../protocol/gbcs/use-cases/tariff-prepayment-tenancy/tariff-esme.js';
import { PremisesHarness } from '../../../../support/premises-harness.js';
import { ECS01A_RTDS } from './tariff-vectors.js';
import { command, execute, expectCommandRoundTrip, expectResponseLike, RTDS_NOW } from './use-case-check.js';

const ESME_RTDS = parseEui('00-DB-12-34-56-78-90-A0');

describe('ECS01a 1.1.1 set tariff and price on ESME', () => {
  let h: PremisesHarness;
  beforeEach(async () => {
    h = await new PremisesHarness().start();
  });
  afterEach(async () => h.stop());

  it('decodes the RTDS TOU command into the handler body (p/day, p/kWh, switching) and back to the same bytes', () => {
    const body = expectCommandRoundTrip(ECS01A, ECS01A_RTDS.immediateTouSuccessCommand, ESME_RTDS);
    // standing charge 20000 × 10⁻⁵ £ = 20p; rates 2121, 3127, 4744 × 10⁻⁵ £/kWh; day 1: rate 2 from 00:00, rate 3 from 07:00
    expect(body).toMatchObject({
      standingCharge: 20,
      unitRates: [2.121, 3.127, 4.744],
      switching: [
        [0, 1],
        [14, 2],
      ],
    });
    expect(expectCommandRoundTrip(ECS01A, ECS01A_RTDS.immediateErrorCommand, ESME_RTDS)).toMatchObject({
      unitRates: [2.121, 3.127, 4.744],
    });
  });

  it('carries the soak profile body through GBCS unchanged', () => {
    const soak = {
      standingCharge: 55,
      unitRates: [28, 14],
      switching: [
        [0, 1],
        [14, 0],
        [46, 1],
      ],
    };
    const body = ECS01A.decodeCommand(ECS01A.encodeCommand(soak, { now: RTDS_NOW, target: ESME_RTDS }));
    expect(body).toMatchObject(soak);
  });

  it('installs the RTDS tariff on the meter and answers 21 successes; a bad tariff is the RTDS error', async () => {
    const esme = h.premises.esme;
    const body = ECS01A.decodeCommand(
      ECS01A.encodeCommand(ECS01A.decodeCommand(command(ECS01A, ECS01A_RTDS.immediateTouSuccessCommand)), {
        now: h.clock.now(),
        target: esme.eui,
      }),
    );
    const ok = await execute(h, esme.eui, '1.1.1', body);
    expect(ok.status).toBe('OK');
    expect(esme.tariff.unitRatesPencePerKwh).toEqual([2.121, 3.127, 4.744]);
    expect(esme.tariff.standingChargePencePerDay).toBe(20);
    expect(esme.tariff.switching).toEqual([
      { fromHalfHour: 0, register: 1 },
      { fromHalfHour: 14, register: 2 },
    ]);
    const told = expectResponseLike(
      ECS01A,
      ok,
      ECS01A_RTDS.immediateTouSuccessCommand,
      ECS01A_RTDS.immediateTouSuccessResponse,
      esme.eui,
    );
    expect(told.status).toBe('OK');

    // a switching register with no rate is refused (BAD_PAYLOAD): the response is the error shape
    const bad = await execute(h, esme.eui, '1.1.1', { ...(body as object), switching: [[0, 5]] });
    expect(bad.status).toBe('BAD_PAYLOAD');
    const refused = expectResponseLike(
      ECS01A,
      bad,
      ECS01A_RTDS.immediateErrorCommand,
      ECS01A_RTDS.immediateErrorResponse,
      esme.eui,
    );
    expect(refused.status).toBe('BAD_PAYLOAD');
    expect(esme.tariff.unitRatesPencePerKwh).toEqual([2.121, 3.127, 4.744]);
  });
});
