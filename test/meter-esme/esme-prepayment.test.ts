import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PremisesHarness } from '../support/premises-harness.js';
import { utrnFor } from '../support/utrn-for.js';

const HOUR = 3600_000;

// Running a meter down to disablement is days of half-hour virtual steps: about 7 s of CPU alone,
// and over the 20 s default when other suites share the 2 cores. Virtual time, no real waits.
describe('ESME prepayment: credit, alerts, UTRNs (component)', { timeout: 60_000 }, () => {
  let h: PremisesHarness;
  let esme: PremisesHarness['premises']['esme'];
  beforeEach(async () => {
    h = await new PremisesHarness({
      withPpmid: true,
      paymentMode: 'Prepayment',
      initialBalancePence: 400,
      meanDailyWh: 24_000,
    }).start();
    esme = h.premises.esme;
  });
  afterEach(async () => h.stop());

  /** Run the meter down until a condition holds, a half-hour at a time (bounded). */
  async function runUntil(condition: () => boolean, maxHours = 200): Promise<void> {
    for (let i = 0; i < maxHours * 2 && !condition(); i++) await h.advance(HOUR / 2);
    expect(condition()).toBe(true);
  }

  it('0x810D low credit, then 0x8F0F and the supply disabled at the disablement threshold', async () => {
    await runUntil(() => esme.supply === 'Disabled');
    const codes = h.alertCodes(esme.eui);
    expect(codes.indexOf(0x810d)).toBeGreaterThanOrEqual(0);
    expect(codes.indexOf(0x8f0f)).toBeGreaterThan(codes.indexOf(0x810d));
    expect(h.alerts(0x810d, esme.eui)).toHaveLength(1); // once per crossing, not every half-hour
    expect(esme.disabledByCredit).toBe(true);
  });

  it('SR 2.5 emergency credit (0x81AB) re-arms a supply disabled for credit; exhausting it raises 0x81AA', async () => {
    await runUntil(() => esme.supply === 'Disabled');
    await h.send({ to: esme.eui, sr: '2.5', authority: { role: 'Supplier', by: 'supplier' } });
    expect(h.lastResponse('2.5')).toMatchObject({ status: 'OK', payload: { emergencyCreditActive: true } });
    expect(h.alertCodes()).toContain(0x81ab);
    expect(esme.supply).toBe('Armed');
    expect(esme.pressSupplyButton()).toBe(true);
    await runUntil(() => esme.supply === 'Disabled');
    expect(h.alertCodes()).toContain(0x81aa);
  });

  it('SR 2.5 is refused while credit is above the emergency credit threshold', async () => {
    await h.send({
      to: esme.eui,
      sr: '1.5',
      authority: { role: 'Supplier', by: 'supplier' },
      payload: { adjustPence: 5000 },
    });
    await h.send({ to: esme.eui, sr: '2.5', authority: { role: 'Supplier', by: 'supplier' } });
    expect(h.lastResponse('2.5')).toMatchObject({ status: 'INVALID_STATE' });
  });

  it('SR 2.2 remote top-up credits the meter and a top-up after disablement arms the supply', async () => {
    await runUntil(() => esme.supply === 'Disabled');
    await h.send({ to: esme.eui, sr: '2.2', payload: { utrn: utrnFor(h, esme.eui, 1, 20) } });
    expect(h.lastResponse('2.2')).toMatchObject({ status: 'OK', payload: { creditedPence: 2000 } });
    expect(esme.supply).toBe('Armed');
    expect(esme.prepayment.balance).toBeGreaterThan(1900);
  });

  it('SR 2.2 refuses a second use of a UTRN: 0x8F51', async () => {
    const utrn = utrnFor(h, esme.eui, 1, 5);
    await h.send({ to: esme.eui, sr: '2.2', payload: { utrn } });
    await h.send({ to: esme.eui, sr: '2.2', payload: { utrn } });
    expect(h.lastResponse('2.2')).toMatchObject({ status: 'UTRN_REJECTED', payload: { reason: 'DUPLICATE' } });
    expect(h.alerts(0x8f51)).toHaveLength(1);
  });

  it('SR 2.2 refuses a UTRN from another supplier: 0x8F63', async () => {
    await h.send({ to: esme.eui, sr: '2.2', payload: { utrn: utrnFor(h, esme.eui, 1, 5, 'pounds', 'supplier2') } });
    expect(h.lastResponse('2.2')).toMatchObject({ status: 'UTRN_REJECTED', payload: { reason: 'NOT_AUTHENTIC' } });
    expect(h.alertCodes()).toContain(0x8f63);
  });

  it('SR 2.2 refuses the gas meter\u2019s UTRN: 0x8F64', async () => {
    await h.send({ to: esme.eui, sr: '2.2', payload: { utrn: utrnFor(h, h.premises.gsme.eui, 1, 5) } });
    expect(h.lastResponse('2.2')).toMatchObject({ status: 'UTRN_REJECTED', payload: { reason: 'WRONG_DEVICE' } });
    expect(h.alertCodes()).toContain(0x8f64);
  });

  it('SR 2.2 refuses a UTRN that would exceed the maximum credit: 0x8F5B, balance unchanged', async () => {
    const before = esme.prepayment.balance;
    await h.send({ to: esme.eui, sr: '2.2', payload: { utrn: utrnFor(h, esme.eui, 1, 300) } });
    expect(h.lastResponse('2.2')).toMatchObject({
      status: 'UTRN_REJECTED',
      payload: { reason: 'EXCEEDS_MAXIMUM_CREDIT' },
    });
    expect(h.alertCodes()).toContain(0x8f5b);
    expect(esme.prepayment.balance).toBeCloseTo(before, 0);
  });

  it('local top-up on the PPMID credits the meter and updates the PPMID screen', async () => {
    const ppmid = h.premises.ppmid!;
    expect(ppmid.enterUtrn(utrnFor(h, esme.eui, 1, 10))).toBe(true);
    await h.pump();
    expect(esme.prepayment.balance).toBeGreaterThan(1300);
    expect(ppmid.screen().join('\n')).toMatch(/balance £1[34]\.\d\d/);
  });

  it('bad local entries suspend UTRN entry (0x81C4), then lock it out (0x81C5); remote top-up still works', async () => {
    const ppmid = h.premises.ppmid!;
    const bad = utrnFor(h, esme.eui, 1, 5, 'pounds', 'supplier2');
    for (let i = 0; i < 3; i++) ppmid.enterUtrn(bad);
    await h.pump();
    expect(h.alertCodes()).toContain(0x81c4);
    ppmid.enterUtrn(utrnFor(h, esme.eui, 1, 5)); // good, but entry is suspended
    await h.pump();
    expect(esme.prepayment.utrnCache.snapshot()).toEqual([]);
    await h.advance(11 * 60_000);
    for (let i = 0; i < 2; i++) ppmid.enterUtrn(bad);
    await h.pump();
    expect(h.alertCodes()).toContain(0x81c5);
    await h.send({ to: esme.eui, sr: '2.2', payload: { utrn: utrnFor(h, esme.eui, 2, 5) } });
    expect(h.lastResponse('2.2').status).toBe('OK');
  });

  it('the PPMID emergency credit button and supply button act on the meter', async () => {
    await runUntil(() => esme.supply === 'Disabled');
    const ppmid = h.premises.ppmid!;
    ppmid.requestEmergencyCredit();
    await h.pump();
    expect(esme.prepayment.emergencyCreditActive).toBe(true);
    expect(esme.supply).toBe('Armed');
    ppmid.pressSupplyButton();
    await h.pump();
    expect(esme.supply).toBe('Enabled');
    expect(ppmid.screen().join('\n')).toContain('EMERGENCY CREDIT');
  });
});
