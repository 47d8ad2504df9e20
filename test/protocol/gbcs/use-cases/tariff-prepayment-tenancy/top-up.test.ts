import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CS01A,
  CS01B,
  utrnCreditPence,
} from '../../../../../protocol/gbcs/use-cases/tariff-prepayment-tenancy/top-up.js';
import { parseEui } from '../../../../../protocol/eui.js';
import { PremisesHarness } from '../../../../support/premises-harness.js';
import { utrnFor } from '../../../../support/utrn-for.js';
import { RTDS } from './rtds-vectors.js';
import { command, execute, expectCommandRoundTrip, expectResponseLike, response, RTDS_NOW } from './use-case-check.js';

const ESME_RTDS = parseEui('00-DB-12-34-56-78-90-A0');
const GSME_RTDS = parseEui('00-DB-12-34-56-78-90-A1');

let h: PremisesHarness;
beforeEach(async () => {
  h = await new PremisesHarness({ paymentMode: 'Prepayment', initialBalancePence: 500 }).start();
});
afterEach(async () => h.stop());

describe('CS01a 2.2 apply prepayment top up to ESME', () => {
  const v = RTDS.CS01a!;

  it('decodes the RTDS command into the body 2.2 reads ({utrn}) and re-encodes it to the same bytes', () => {
    expect(expectCommandRoundTrip(CS01A, v.successCommand, ESME_RTDS)).toEqual({ utrn: '73946144332040217315' });
    expect(expectCommandRoundTrip(CS01A, v.errorCommand!, ESME_RTDS)).toEqual({ utrn: '73948959061972833313' });
  });

  it('credits the meter and answers as the RTDS success; the same UTRN again is the RTDS error', async () => {
    const esme = h.premises.esme;
    const utrn = utrnFor(h, esme.eui, 1, 10);
    const body = CS01A.decodeCommand(CS01A.encodeCommand({ utrn }, { now: h.clock.now(), target: esme.eui }));
    const ok = await execute(h, esme.eui, '2.2', body);
    expect(ok).toMatchObject({ status: 'OK', payload: { creditedPence: 1000 } });
    expect(esme.prepayment.balance).toBeGreaterThan(1400);
    expect(expectResponseLike(CS01A, ok, v.successCommand, v.successResponse, esme.eui).status).toBe('OK');
    // CS01a's response carries no amount: the head-end reads it from the UTRN it sent
    expect(utrnCreditPence(utrn)).toBe(1000);

    const again = await execute(h, esme.eui, '2.2', body);
    expect(again).toMatchObject({ status: 'UTRN_REJECTED', payload: { reason: 'DUPLICATE' } });
    const told = expectResponseLike(CS01A, again, v.errorCommand!, v.errorResponse!, esme.eui);
    expect(told.status).toBe('UTRN_REJECTED');
  });

  it('refuses a command that is not 20 digits with UseCaseError naming the UTRN', () => {
    const bad = command(CS01A, v.successCommand);
    if (bad.kind !== 'dlms' || bad.apdu.type !== 'access-request') throw new Error('not a request');
    const short = {
      ...bad,
      apdu: { ...bad.apdu, data: [{ type: 'octet-string' as const, bytes: new Uint8Array(19) }] },
    };
    expect(() => CS01A.decodeCommand(short)).toThrow(/utrn/);
    expect(() => CS01A.encodeCommand({ utrn: '123' }, { now: RTDS_NOW, target: ESME_RTDS })).toThrow(/20 digits/);
  });
});

describe('CS01b 2.2 apply prepayment top up to GSME', () => {
  const v = RTDS.CS01b!;

  it('decodes the RTDS Consumer Top Up into {utrn} and re-encodes it to the same bytes', () => {
    expect(expectCommandRoundTrip(CS01B, v.successCommand, GSME_RTDS)).toEqual({ utrn: '73950067887105178605' });
    expect(expectCommandRoundTrip(CS01B, v.errorCommand!, GSME_RTDS)).toEqual({ utrn: '12345678910121314156' });
  });

  it('reads the RTDS Consumer Top Up Responses: £12.50 credited of £251.44, and a refusal', () => {
    const ok = CS01B.decodeResponse(response(CS01B, v.successResponse));
    expect(ok).toEqual({ status: 'OK', payload: { creditedPence: 1250, balancePence: 25144 } });
    expect(CS01B.decodeResponse(response(CS01B, v.errorResponse!)).status).toBe('UTRN_REJECTED');
  });

  it('credits the gas meter and answers with the amounts; a duplicate is refused as DUPLICATE', async () => {
    const gsme = h.premises.gsme;
    const utrn = utrnFor(h, gsme.eui, 1, 5);
    const body = CS01B.decodeCommand(CS01B.encodeCommand({ utrn }, { now: h.clock.now(), target: gsme.eui }));
    const ok = await execute(h, gsme.eui, '2.2', body, true);
    expect(ok).toMatchObject({ status: 'OK', payload: { creditedPence: 500 } });
    const told = expectResponseLike(CS01B, ok, v.successCommand, v.successResponse, gsme.eui);
    expect(told.payload).toMatchObject({ creditedPence: 500 });
    expect((told.payload as { balancePence: number }).balancePence).toBeGreaterThan(500);

    const again = await execute(h, gsme.eui, '2.2', body, true);
    const refused = expectResponseLike(CS01B, again, v.errorCommand!, v.errorResponse!, gsme.eui);
    expect(refused).toEqual({ status: 'UTRN_REJECTED', payload: { reason: 'DUPLICATE' } });
  });
});
