import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PremisesHarness } from '../support/premises-harness.js';
import { utrnFor } from '../support/utrn-for.js';

const WAKE = 30 * 60_000;

describe('GSME and the Gas Proxy Function (component, virtual clock)', () => {
  let h: PremisesHarness;
  let gsme: PremisesHarness['premises']['gsme'];
  let gpf: PremisesHarness['premises']['gpf'];
  beforeEach(async () => {
    h = await new PremisesHarness({ withPpmid: true }).start();
    gsme = h.premises.gsme;
    gpf = h.premises.gpf;
  });
  afterEach(async () => h.stop());

  it('wakes every 30 minutes of virtual time, pushing its mirror to the GPF', async () => {
    expect(gpf.mirrorOf(gsme.eui)).toBeUndefined();
    const started = Date.now();
    await h.advance(24 * 3600_000);
    expect(gsme.wakes).toBe(48);
    expect(gpf.mirrorOf(gsme.eui)?.at).toBe(h.clock.now());
    expect(Date.now() - started).toBeLessThan(20_000); // a day of wakes costs no real day
  });

  it('holds a command in the GPF mailbox until the meter wakes, then executes it (SR 7.2, the valve)', async () => {
    await h.send({ to: gsme.eui, sr: '7.2', authority: { role: 'Supplier', by: 'supplier' } });
    expect(h.responses('7.2')).toHaveLength(0);
    expect(gpf.mailboxSize(gsme.eui)).toBe(1);
    expect(gsme.supply).toBe('Enabled');
    await h.advance(WAKE);
    expect(h.lastResponse('7.2')).toMatchObject({ status: 'OK', payload: { supply: 'Disabled' } });
    expect(h.lastResponse('7.2').header.originator).toBe(gsme.eui);
    expect(gpf.mailboxSize(gsme.eui)).toBe(0);
  });

  it('answers a mirrored read (SR 4.1.1) at once from the GPF, signed by the GPF', async () => {
    await h.advance(WAKE);
    await h.send({ to: gsme.eui, sr: '4.1.1' });
    const response = h.lastResponse('4.1.1');
    expect(response.header.originator).toBe(gpf.eui);
    expect(response.payload).toMatchObject({ meter: gsme.eui, mirroredAt: h.clock.now() });
    expect((response.payload as { volumeM3: number }).volumeM3).toBeGreaterThan(0);
  });

  it('refuses a forged read at the GPF as the meter would (0x8F3D from the GPF)', async () => {
    await h.advance(WAKE);
    await h.send({ to: gsme.eui, sr: '4.1.1', acb: 'otherUser' });
    expect(h.lastResponse('4.1.1').status).toBe('REFUSED_AUTHENTICATION');
    expect(h.alertCodes(gpf.eui)).toContain(0x8f3d);
  });

  it('SR 6.6 updates the gas conversion, and energy follows the calorific value', async () => {
    await h.send({
      to: gsme.eui,
      sr: '6.6',
      authority: { role: 'Supplier', by: 'supplier' },
      payload: { calorificValue: 40, conversionFactor: 1.02264 },
    });
    await h.advance(WAKE);
    expect(h.lastResponse('6.6')).toMatchObject({ status: 'OK', payload: { calorificValue: 40 } });
    const registers = gsme.importRegisters() as { volumeM3: number; energyKwh: number };
    expect(registers.energyKwh).toBeCloseTo((registers.volumeM3 * 40 * 1.02264) / 3.6, 1);
  });

  it('0x8F1F once when the battery runs low', async () => {
    gsme.drain(95);
    await h.pump();
    gsme.drain(1);
    await h.pump();
    expect(h.alerts(0x8f1f, gsme.eui)).toHaveLength(1);
    expect(h.alerts(0x8f1f, gsme.eui)[0]?.payload).toEqual({ batteryPercent: 5 });
  });

  it('a flat battery stops the wakes', async () => {
    gsme.drain(100);
    const wakes = gsme.wakes;
    await h.advance(4 * WAKE);
    expect(gsme.wakes).toBe(wakes);
  });

  it('SR 2.2 gas top-up waits for the wake, then credits the GSME', async () => {
    await h.send({
      to: gsme.eui,
      sr: '1.6',
      authority: { role: 'Supplier', by: 'supplier' },
      payload: { mode: 'Prepayment' },
    });
    await h.send({ to: gsme.eui, sr: '2.2', payload: { utrn: utrnFor(h, gsme.eui, 1, 10) } });
    await h.advance(WAKE);
    expect(h.lastResponse('2.2')).toMatchObject({ status: 'OK', payload: { creditedPence: 1000 } });
  });

  it('a UTRN typed on the PPMID for gas travels through the GPF mailbox to the GSME', async () => {
    h.premises.ppmid!.enterUtrn(utrnFor(h, gsme.eui, 1, 7), 'gas');
    await h.pump();
    expect(gpf.mailboxSize(gsme.eui)).toBe(1);
    await h.advance(WAKE);
    expect(gsme.prepayment.balance).toBeGreaterThan(600);
  });

  it('refuses a full mailbox with HAN_BUFFER_FULL rather than dropping silently', async () => {
    for (let i = 0; i < 33; i++) await h.send({ to: gsme.eui, sr: '6.13' });
    expect(gpf.mailboxOverflows).toBe(1);
    expect(h.lastResponse('6.13')).toMatchObject({ status: 'HAN_BUFFER_FULL' });
  });
});
