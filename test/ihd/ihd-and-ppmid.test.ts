import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeFrame } from '../../protocol/index.js';
import { PremisesHarness } from '../support/premises-harness.js';

describe('IHD and PPMID (component)', () => {
  let h: PremisesHarness;
  beforeEach(async () => {
    h = await new PremisesHarness({ withPpmid: true, paymentMode: 'Prepayment', initialBalancePence: 1234 }).start();
  });
  afterEach(async () => h.stop());

  it('joins the ESME and the GPF, and shows electricity at once and gas after the first wake', async () => {
    const ihd = h.premises.ihd;
    expect(ihd.joinedMeters.sort()).toEqual([h.premises.esme.eui, h.premises.gpf.eui].sort());
    expect(ihd.screen()[0]).toMatch(/^ELEC /);
    expect(ihd.screen().some((l) => l.startsWith('GAS'))).toBe(false);
    await h.advance(31 * 60_000);
    expect(ihd.screen().some((l) => l.startsWith('GAS'))).toBe(true);
  });

  it('refreshes from the ESME every few seconds: the screen follows consumption and balance', async () => {
    const ihd = h.premises.ihd;
    await h.advance(10_000);
    const before = ihd.readings.get('electricity')!;
    await h.advance(3 * 3600_000);
    const after = ihd.readings.get('electricity')!;
    expect(after.at).toBeGreaterThan(before.at);
    expect(after.data.importKwh as number).toBeGreaterThan(before.data.importKwh as number);
    expect(after.data.balancePence as number).toBeLessThan(before.data.balancePence as number);
    expect(ihd.screen().join('\n')).toMatch(/balance £\d+\.\d\d/);
  });

  it('shows the supply state as the meter has it', async () => {
    await h.send({ to: h.premises.esme.eui, sr: '7.2', authority: { role: 'Supplier', by: 'supplier' } });
    await h.advance(10_000);
    expect(h.premises.ihd.screen().join('\n')).toContain('supply DISABLED');
  });

  it('an unjoined display forgets that meter and stops showing it', async () => {
    await h.send({
      to: h.premises.esme.eui,
      sr: '8.8.1',
      authority: { role: 'Supplier', by: 'supplier' },
      payload: { device: h.premises.ihd.eui },
    });
    expect(h.lastResponse('8.8.1').status).toBe('OK');
    await h.advance(10_000);
    expect(h.premises.ihd.joinedMeters).toEqual([h.premises.gpf.eui]);
    expect(h.premises.ihd.screen().some((l) => l.startsWith('ELEC'))).toBe(false);
  });

  it('a meter ignores a display it has not joined', async () => {
    const esme = h.premises.esme;
    // Low enough for emergency credit, so only the join can stop it.
    await h.send({
      to: esme.eui,
      sr: '1.5',
      authority: { role: 'Supplier', by: 'supplier' },
      payload: { adjustPence: -1000 },
    });
    await h.send({
      to: esme.eui,
      sr: '8.8.1',
      authority: { role: 'Supplier', by: 'supplier' },
      payload: { device: h.premises.ppmid!.eui },
    });
    h.premises.ppmid!.requestEmergencyCredit();
    await h.pump();
    expect(esme.prepayment.emergencyCreditActive).toBe(false);
    await h.send({
      to: esme.eui,
      sr: '8.7.1',
      authority: { role: 'Supplier', by: 'supplier' },
      payload: { device: h.premises.ppmid!.eui },
    });
    h.premises.ppmid!.requestEmergencyCredit();
    await h.pump();
    expect(esme.prepayment.emergencyCreditActive).toBe(true);
  });
});

describe('IHD robustness', () => {
  it('ignores an unjoin notice from a device it was never joined to (found by the random-frame property test)', async () => {
    const h = await new PremisesHarness().start();
    const ihd = h.premises.ihd;
    const stranger = h.premises.gsme; // on the HAN, never joined to the display
    const frame = {
      kind: 'command' as const,
      header: { originator: stranger.eui, recipient: ihd.eui, counter: 1n, createdAt: h.clock.now() },
      serviceRequest: 'HAN.UNJOINED',
      payload: null,
      signatures: [],
    };
    ihd.receive(stranger.eui, encodeFrame(frame));
    expect(ihd.stats.internalErrors).toBe(0);
    expect(ihd.joinedMeters).toHaveLength(2);
    await h.stop();
  });
});
