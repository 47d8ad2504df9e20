import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PremisesHarness } from '../support/premises-harness.js';

type Payload = Record<string, unknown>;
const p = (h: PremisesHarness, sr: string) => h.lastResponse(sr).payload as Payload;

describe('ESME service requests (component, in-memory HAN and SMWAN, virtual clock)', () => {
  let h: PremisesHarness;
  let esme: PremisesHarness['premises']['esme'];
  beforeEach(async () => {
    h = await new PremisesHarness().start();
    esme = h.premises.esme;
  });
  afterEach(async () => h.stop());

  it('SR 1.1.1 sets a TOU tariff; 4.1.1 then splits the registers by the switching table', async () => {
    await h.send({
      to: esme.eui,
      sr: '1.1.1',
      authority: { role: 'Supplier', by: 'supplier' },
      payload: {
        standingCharge: 60,
        unitRates: [30, 15],
        switching: [
          [0, 1],
          [14, 0],
          [46, 1],
        ],
      },
    });
    expect(h.lastResponse('1.1.1')).toMatchObject({
      status: 'OK',
      payload: { unitRates: [30, 15], standingCharge: 60 },
    });
    await h.advance(24 * 3600_000);
    await h.send({ to: esme.eui, sr: '4.1.1' });
    const read = p(h, '4.1.1') as { importWh: number; touWh: number[] };
    expect(read.touWh).toHaveLength(2);
    expect(read.touWh[0]! > 0 && read.touWh[1]! > 0).toBe(true);
    expect(read.touWh[0]! + read.touWh[1]!).toBeCloseTo(read.importWh, 0);
  });

  it('SR 1.1.1 refuses a switching table that names a missing register (BAD_PAYLOAD, naming the field)', async () => {
    await h.send({
      to: esme.eui,
      sr: '1.1.1',
      authority: { role: 'Supplier', by: 'supplier' },
      payload: { unitRates: [30], switching: [[0, 3]] },
    });
    expect(h.lastResponse('1.1.1')).toMatchObject({ status: 'BAD_PAYLOAD', payload: { field: 'switching' } });
  });

  it('SR 1.2.1 changes the prices and keeps the switching', async () => {
    await h.send({
      to: esme.eui,
      sr: '1.2.1',
      authority: { role: 'Supplier', by: 'supplier' },
      payload: { unitRates: [40] },
    });
    expect(h.lastResponse('1.2.1')).toMatchObject({ status: 'OK', payload: { unitRates: [40] } });
    expect(esme.tariff.unitRatesPencePerKwh).toEqual([40]);
  });

  it('accrues cost from the tariff and the standing charge', async () => {
    await h.send({
      to: esme.eui,
      sr: '1.1.1',
      authority: { role: 'Supplier', by: 'supplier' },
      payload: { standingCharge: 48, unitRates: [0] },
    });
    const before = esme.accruedCostPence;
    await h.advance(24 * 3600_000);
    esme.accrue();
    expect(esme.accruedCostPence - before).toBeCloseTo(48, 5); // a day of standing charge, free energy
  });

  it('SR 1.6 switches to prepayment, and 4.3 / 4.18 read the credit', async () => {
    await h.send({
      to: esme.eui,
      sr: '1.6',
      authority: { role: 'Supplier', by: 'supplier' },
      payload: { mode: 'Prepayment' },
    });
    expect(h.lastResponse('1.6')).toMatchObject({ status: 'OK', payload: { paymentMode: 'Prepayment' } });
    await h.send({
      to: esme.eui,
      sr: '1.5',
      authority: { role: 'Supplier', by: 'supplier' },
      payload: { adjustPence: 1500 },
    });
    expect(p(h, '1.5')).toMatchObject({ balancePence: 1500, paymentMode: 'Prepayment' });
    await h.send({ to: esme.eui, sr: '4.3' });
    expect(p(h, '4.3')).toMatchObject({ balancePence: 1500, emergencyCreditActive: false, supply: 'Enabled' });
    await h.advance(2 * 3600_000);
    await h.send({ to: esme.eui, sr: '4.18' });
    expect((p(h, '4.18') as { balancePence: number }).balancePence).toBeLessThan(1500);
  });

  it('SR 1.6 refuses an unknown mode', async () => {
    await h.send({
      to: esme.eui,
      sr: '1.6',
      authority: { role: 'Supplier', by: 'supplier' },
      payload: { mode: 'Barter' },
    });
    expect(h.lastResponse('1.6')).toMatchObject({ status: 'BAD_PAYLOAD', payload: { field: 'mode' } });
  });

  it('SR 2.1 updates the prepayment thresholds', async () => {
    await h.send({
      to: esme.eui,
      sr: '2.1',
      authority: { role: 'Supplier', by: 'supplier' },
      payload: { lowCreditThreshold: 300, maxCredit: 9000 },
    });
    expect(p(h, '2.1')).toMatchObject({ lowCreditThreshold: 300, maxCredit: 9000, disablementThreshold: 0 });
  });

  it('SR 2.3 sets debt, recovered from credit each day', async () => {
    await h.send({
      to: esme.eui,
      sr: '1.6',
      authority: { role: 'Supplier', by: 'supplier' },
      payload: { mode: 'Prepayment' },
    });
    await h.send({
      to: esme.eui,
      sr: '1.5',
      authority: { role: 'Supplier', by: 'supplier' },
      payload: { adjustPence: 20_000 },
    });
    await h.send({
      to: esme.eui,
      sr: '2.3',
      authority: { role: 'Supplier', by: 'supplier' },
      payload: { debtPence: 1000, recoveryPencePerDay: 100 },
    });
    await h.advance(24 * 3600_000);
    esme.accrue();
    expect(esme.prepayment.debt).toBeCloseTo(900, 5);
  });

  it('SR 3.2 change of tenancy: an Other User no longer gets data from before it; the supplier still does', async () => {
    await h.advance(3 * 24 * 3600_000);
    const tenancyStart = h.clock.now() - 24 * 3600_000;
    await h.send({ to: esme.eui, sr: '3.2', payload: { tenancyStart } });
    expect(h.lastResponse('3.2').status).toBe('OK');
    await h.send({ to: esme.eui, sr: '4.17', from: 'otherUser', payload: { days: 3 } });
    const ou = (p(h, '4.17') as { days: { day: number }[] }).days;
    expect(ou.length).toBe(1);
    expect(ou.every((d) => d.day >= tenancyStart)).toBe(true);
    await h.send({ to: esme.eui, sr: '4.17', payload: { days: 3 } });
    expect((p(h, '4.17') as { days: unknown[] }).days).toHaveLength(3);
    await h.send({ to: esme.eui, sr: '4.8.1', from: 'otherUser', payload: { count: 96 } });
    expect((p(h, '4.8.1') as { halfHours: { start: number }[] }).halfHours.every((x) => x.start >= tenancyStart)).toBe(
      true,
    );
  });

  it('SR 4.8.1 returns the half-hourly profile, the same values the daily log sums', async () => {
    await h.advance(2 * 24 * 3600_000);
    await h.send({ to: esme.eui, sr: '4.8.1', payload: { count: 48 } });
    const halfHours = (p(h, '4.8.1') as { halfHours: { units: number }[] }).halfHours;
    expect(halfHours).toHaveLength(48);
    await h.send({ to: esme.eui, sr: '4.17', payload: { days: 1 } });
    const day = (p(h, '4.17') as { days: { units: number }[] }).days[0]!;
    expect(halfHours.reduce((a, x) => a + x.units, 0)).toBeCloseTo(day.units, 0);
  });

  it('SR 4.2 reads the export register, and 4.16 the instantaneous power', async () => {
    await h.send({ to: esme.eui, sr: '4.2' });
    expect(p(h, '4.2')).toEqual({ exportWh: 0, exportVarh: 0 });
    await h.send({ to: esme.eui, sr: '4.16' });
    expect((p(h, '4.16') as { powerW: number }).powerW).toBeGreaterThan(0);
  });

  it('SR 6.2.4 and 6.2.7 read identity and MPxN; 6.20.1 and 6.20.2 set them, refusing bad check digits', async () => {
    await h.send({ to: esme.eui, sr: '6.2.4' });
    expect(p(h, '6.2.4')).toMatchObject({
      eui: esme.eui,
      type: 'ESME',
      firmwareVersion: '1.0.0',
      lifecycle: 'Commissioned',
    });
    await h.send({ to: esme.eui, sr: '6.2.7' });
    expect(p(h, '6.2.7')).toEqual({ mpan: h.premises.mpan, exportMpan: null });
    await h.send({ to: esme.eui, sr: '6.20.1', payload: { mpxn: '1234567890126' } });
    expect(p(h, '6.20.1')).toMatchObject({ mpan: '1234567890126' });
    await h.send({ to: esme.eui, sr: '6.20.2', from: 'supplier', payload: { mpxn: '1234567890127' } });
    expect(h.lastResponse('6.20.2')).toMatchObject({ status: 'BAD_PAYLOAD', payload: { field: 'mpxn' } });
  });

  it('SR 6.11 synchronises the clock and logs it; 6.13 reads the event log', async () => {
    await h.send({ to: esme.eui, sr: '6.11', authority: { role: 'Supplier', by: 'supplier' } });
    expect(p(h, '6.11')).toEqual({ time: h.clock.now() });
    await h.send({ to: esme.eui, sr: '6.13' });
    const events = (p(h, '6.13') as { events: { event: string }[] }).events.map((e) => e.event);
    expect(events).toContain('clock synchronised');
  });

  it('SR 6.22 switches an alert off and on again', async () => {
    await h.send({ to: esme.eui, sr: '6.22', payload: { disable: [0x8f3f] } });
    expect(p(h, '6.22')).toEqual({ disabled: [0x8f3f] });
    esme.tamper();
    await h.pump();
    expect(h.alerts(0x8f3f)).toHaveLength(0);
    await h.send({ to: esme.eui, sr: '6.22', payload: { enable: [0x8f3f] } });
    esme.tamper();
    await h.pump();
    expect(h.alerts(0x8f3f)).toHaveLength(1);
  });

  it('SR 7.2, 7.3, 7.1 and 7.4 move the supply switch; the consumer button enables an armed supply', async () => {
    await h.send({ to: esme.eui, sr: '7.2', authority: { role: 'Supplier', by: 'supplier' } });
    expect(p(h, '7.2')).toEqual({ supply: 'Disabled' });
    await h.send({ to: esme.eui, sr: '7.3', authority: { role: 'Supplier', by: 'supplier' } });
    expect(p(h, '7.3')).toEqual({ supply: 'Armed' });
    expect(esme.pressSupplyButton()).toBe(true);
    await h.send({ to: esme.eui, sr: '7.4' });
    expect(p(h, '7.4')).toEqual({ supply: 'Enabled' });
    await h.send({ to: esme.eui, sr: '7.2', authority: { role: 'Supplier', by: 'supplier' } });
    await h.send({ to: esme.eui, sr: '7.1', authority: { role: 'Supplier', by: 'supplier' } });
    expect(p(h, '7.1')).toEqual({ supply: 'Enabled' });
  });

  it('SR 7.3 on an enabled supply is an illegal transition, answered INVALID_STATE', async () => {
    await h.send({ to: esme.eui, sr: '7.3', authority: { role: 'Supplier', by: 'supplier' } });
    expect(h.lastResponse('7.3')).toMatchObject({ status: 'INVALID_STATE' });
    expect(esme.supply).toBe('Enabled');
  });

  it('no energy is registered while the supply is disabled', async () => {
    await h.send({ to: esme.eui, sr: '7.2', authority: { role: 'Supplier', by: 'supplier' } });
    esme.accrue();
    const before = esme.registerUnits;
    await h.advance(6 * 3600_000);
    esme.accrue();
    expect(esme.registerUnits).toBe(before);
  });

  it('SR 11.1 verifies an image (0x8F72), 11.3 activates it (0x8F43), 11.2 reads the version', async () => {
    const image = Buffer.from('firmware 2.0.0 image bytes');
    const hash = createHash('sha256').update(image).digest();
    await h.send({ to: esme.eui, sr: '11.1', payload: { image, hash, version: '2.0.0' } });
    expect(p(h, '11.1')).toEqual({ version: '2.0.0', verified: true });
    expect(h.alertCodes()).toContain(0x8f72);
    await h.send({ to: esme.eui, sr: '11.3', authority: { role: 'Supplier', by: 'supplier' } });
    expect(p(h, '11.3')).toEqual({ firmwareVersion: '2.0.0' });
    expect(h.alerts(0x8f43)[0]?.payload).toEqual({ from: '1.0.0', to: '2.0.0' });
    await h.send({ to: esme.eui, sr: '11.2' });
    expect(p(h, '11.2')).toEqual({ firmwareVersion: '2.0.0', pending: null });
  });

  it('SR 11.1 with a wrong hash raises 0x8F1C, and 11.3 then refuses to activate', async () => {
    await h.send({
      to: esme.eui,
      sr: '11.1',
      payload: { image: Buffer.from('image'), hash: Buffer.alloc(32), version: '2.0.0' },
    });
    expect(p(h, '11.1')).toEqual({ version: '2.0.0', verified: false });
    expect(h.alertCodes()).toContain(0x8f1c);
    await h.send({ to: esme.eui, sr: '11.3', authority: { role: 'Supplier', by: 'supplier' } });
    expect(h.lastResponse('11.3').status).toBe('INVALID_STATE');
    expect(esme.identity.firmwareVersion).toBe('1.0.0');
  });

  it('a future-dated 11.3 is held, then actioned with 0x8F66', async () => {
    const image = Buffer.from('v3');
    await h.send({
      to: esme.eui,
      sr: '11.1',
      payload: { image, hash: createHash('sha256').update(image).digest(), version: '3.0.0' },
    });
    await h.send({
      to: esme.eui,
      sr: '11.3',
      executeAt: h.clock.now() + 3600_000,
      authority: { role: 'Supplier', by: 'supplier' },
    });
    expect(h.lastResponse('11.3').status).toBe('SCHEDULED');
    expect(esme.identity.firmwareVersion).toBe('1.0.0');
    await h.advance(3600_000);
    expect(esme.identity.firmwareVersion).toBe('3.0.0');
    expect(h.alerts(0x8f66)[0]?.payload).toMatchObject({ serviceRequest: '11.3', status: 'OK' });
  });

  it('a future-dated command that cannot run when due raises 0x8F67', async () => {
    await h.send({
      to: esme.eui,
      sr: '11.3',
      executeAt: h.clock.now() + 60_000,
      authority: { role: 'Supplier', by: 'supplier' },
    });
    await h.advance(60_000);
    expect(h.alerts(0x8f67)[0]?.payload).toMatchObject({ serviceRequest: '11.3', status: 'INVALID_STATE' });
  });

  it('answers NOT_SUPPORTED for a valid SR the ESME does not implement', async () => {
    await h.send({
      to: esme.eui,
      sr: '6.6',
      authority: { role: 'Supplier', by: 'supplier' },
      payload: { calorificValue: 39 },
    });
    expect(h.lastResponse('6.6').status).toBe('NOT_SUPPORTED');
  });

  it('refuses everything once decommissioned', async () => {
    esme.lifecycle = 'Decommissioned';
    await h.send({ to: esme.eui, sr: '4.1.1' });
    expect(h.lastResponse('4.1.1')).toMatchObject({ status: 'INVALID_STATE' });
  });
});
