import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseEui } from '../../../../../protocol/eui.js';
import { ECS02, ECS03 } from '../../../../../protocol/gbcs/use-cases/tariff-prepayment-tenancy/payment-mode.js';
import { UseCaseError } from '../../../../../protocol/gbcs/use-cases/use-case-codec.js';
import { PremisesHarness } from '../../../../support/premises-harness.js';
import { RTDS } from './rtds-vectors.js';
import { command, execute, expectCommandRoundTrip, expectResponseLike, RTDS_NOW } from './use-case-check.js';

const ESME = parseEui('00-DB-12-34-56-78-90-A0');

let h: PremisesHarness;
afterEach(async () => h.stop());

describe('ECS02 1.6 update payment mode to credit', () => {
  const v = RTDS.ECS02!;
  beforeEach(async () => {
    h = await new PremisesHarness({ paymentMode: 'Prepayment', initialBalancePence: 800 }).start();
  });

  it('decodes the RTDS command into the handler body and re-encodes it to the same bytes', () => {
    expect(expectCommandRoundTrip(ECS02, v.successCommand, ESME)).toEqual({ mode: 'Credit' });
  });

  it('switches the prepayment meter to credit mode and answers as the RTDS success', async () => {
    const m = h.premises.esme;
    const outcome = await execute(h, m.eui, '1.6', { mode: 'Credit' });
    expect(outcome).toMatchObject({ status: 'OK', payload: { paymentMode: 'Credit' } });
    expect(m.paymentMode).toBe('Credit');
    expect(expectResponseLike(ECS02, outcome, v.successCommand, v.successResponse, m.eui).status).toBe('OK');
  });

  it('refuses a mode the meter does not have with the RTDS error shape', async () => {
    const m = h.premises.esme;
    const outcome = await execute(h, m.eui, '1.6', { mode: 'Barter' });
    expect(outcome.status).not.toBe('OK');
    expect(m.paymentMode).toBe('Prepayment');
    expect(expectResponseLike(ECS02, outcome, v.errorCommand!, v.errorResponse!, m.eui).status).not.toBe('OK');
  });

  it('refuses a future-dated change, which the handler would run at once', () => {
    const payload = command(ECS02, v.successCommand);
    const apdu = payload.kind === 'dlms' ? payload.apdu : undefined;
    if (apdu?.type !== 'access-request') throw new Error('not a request');
    const dated = Uint8Array.from(Buffer.from('07EE010FFF090000008000FF', 'hex')); // RTDS FUTURE_DATED_TWIN
    const data = [...apdu.data.slice(0, 2), { type: 'octet-string' as const, bytes: dated }];
    expect(() => ECS02.decodeCommand({ kind: 'dlms', apdu: { ...apdu, data } })).toThrow(UseCaseError);
  });
});

describe('ECS03 1.6 update payment mode to prepayment', () => {
  const v = RTDS.ECS03!;
  beforeEach(async () => {
    h = await new PremisesHarness({ paymentMode: 'Credit' }).start();
  });

  it('decodes the RTDS command, disablement threshold included, and re-encodes it to the same bytes', () => {
    expect(expectCommandRoundTrip(ECS03, v.successCommand, ESME)).toEqual({
      mode: 'Prepayment',
      disablementThreshold: 556.677,
    });
  });

  it('keeps the JSON body {mode} valid: the default threshold travels as 0 and decodes as absent', () => {
    const again = ECS03.decodeCommand(ECS03.encodeCommand({ mode: 'Prepayment' }, { now: RTDS_NOW, target: ESME }));
    expect(again).toEqual({ mode: 'Prepayment' });
  });

  it('switches the credit meter to prepayment with the threshold and answers as the RTDS success', async () => {
    const m = h.premises.esme;
    const outcome = await execute(h, m.eui, '1.6', { mode: 'Prepayment', disablementThreshold: 556.677 });
    expect(outcome).toMatchObject({ status: 'OK', payload: { paymentMode: 'Prepayment' } });
    expect(m.paymentMode).toBe('Prepayment');
    expect(m.prepayment.config.disablementThreshold).toBe(556.677);
    expect(expectResponseLike(ECS03, outcome, v.successCommand, v.successResponse, m.eui).status).toBe('OK');
  });

  it('refuses an out-of-range threshold with the RTDS error shape and keeps the credit mode', async () => {
    const m = h.premises.esme;
    const outcome = await execute(h, m.eui, '1.6', { mode: 'Prepayment', disablementThreshold: 'lots' });
    expect(outcome.status).not.toBe('OK');
    expect(m.paymentMode).toBe('Credit');
    expect(expectResponseLike(ECS03, outcome, v.errorCommand!, v.errorResponse!, m.eui).status).not.toBe('OK');
  });
});
