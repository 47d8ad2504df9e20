import { afterEach, describe, expect, it } from 'vitest';
import { PremisesHarness } from '../support/premises-harness.js';

describe('ESME over the in-memory HAN and SMWAN', () => {
  let h: PremisesHarness;
  afterEach(async () => h?.stop());

  it('SR 4.1.1 answers a signed read with registers that grow with time', async () => {
    h = await new PremisesHarness().start();
    const esme = h.premises.esme.eui;
    await h.send({ to: esme, sr: '4.1.1' });
    const first = h.lastResponse('4.1.1');
    expect(first.status).toBe('OK');
    expect(first.header.originator).toBe(esme);
    await h.advance(6 * 3600_000);
    await h.send({ to: esme, sr: '4.1.1' });
    const later = h.lastResponse('4.1.1');
    expect((later.payload as { importWh: number }).importWh).toBeGreaterThan(
      (first.payload as { importWh: number }).importWh,
    );
    expect(later.inResponseTo).toBe(2n);
  });
});
