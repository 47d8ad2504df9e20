import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { credentialOf } from '../support/dcc-fixture.js';
import { PremisesHarness } from '../support/premises-harness.js';
import { utrnFor } from '../support/utrn-for.js';

describe('ESME events and change of supplier (component)', () => {
  let h: PremisesHarness;
  let esme: PremisesHarness['premises']['esme'];
  beforeEach(async () => {
    h = await new PremisesHarness({ paymentMode: 'Prepayment', initialBalancePence: 5000 }).start();
    esme = h.premises.esme;
  });
  afterEach(async () => h.stop());

  it('0x8F35 when power returns after a short outage, 0x8F36 after 3 minutes or more', async () => {
    esme.powerOff();
    await h.advance(60_000);
    esme.powerOn();
    await h.pump();
    expect(h.alerts(0x8f35, esme.eui)[0]?.payload).toEqual({ outageSeconds: 60 });
    esme.powerOff();
    await h.advance(5 * 60_000);
    esme.powerOn();
    await h.pump();
    expect(h.alerts(0x8f36, esme.eui)[0]?.payload).toEqual({ outageSeconds: 300 });
  });

  it('registers nothing during a power cut', async () => {
    esme.powerOff();
    const before = esme.registerUnits;
    await h.advance(4 * 3600_000);
    esme.powerOn();
    expect(esme.registerUnits).toBe(before);
  });

  it('0x8F3F on tamper', async () => {
    esme.tamper('cover removed');
    await h.pump();
    expect(h.alerts(0x8f3f, esme.eui)[0]?.payload).toEqual({ kind: 'cover removed' });
  });

  it('SR 6.23 from the CoS party replaces the supplier: the old supplier\u2019s commands and UTRNs then fail', async () => {
    const incoming = credentialOf(h.parties.supplier2);
    const cos = {
      supplier: {
        eui: incoming.eui,
        ds: incoming.ds.point,
        ka: incoming.ka!.point,
        prepaymentKa: incoming.prepaymentKa!.point,
      },
      counterFloor: '0',
    };
    await h.send({
      to: esme.eui,
      sr: '6.23',
      from: 'transCoS',
      authority: { role: 'TransitionalCoS', by: 'transCoS' },
      payload: cos,
    });
    expect(h.lastResponse('6.23')).toMatchObject({ status: 'OK', payload: { supplier: incoming.eui } });
    expect(esme.trust.get('Supplier')?.eui).toBe(incoming.eui);

    // The old supplier's critical command: no authority (0x8F30).
    await h.send({ to: esme.eui, sr: '7.2', from: 'supplier', authority: { role: 'Supplier', by: 'supplier' } });
    expect(h.lastResponse('7.2')).toMatchObject({ status: 'REFUSED_AUTHORITY' });
    expect(h.alertCodes(esme.eui)).toContain(0x8f30);
    expect(esme.supply).toBe('Enabled');

    // The old supplier's UTRN: not authentic (0x8F63). The new supplier's: credited.
    await h.send({ to: esme.eui, sr: '2.2', payload: { utrn: utrnFor(h, esme.eui, 1, 5, 'pounds', 'supplier') } });
    expect(h.lastResponse('2.2')).toMatchObject({ status: 'UTRN_REJECTED', payload: { reason: 'NOT_AUTHENTIC' } });
    await h.send({
      to: esme.eui,
      sr: '2.2',
      from: 'supplier2',
      payload: { utrn: utrnFor(h, esme.eui, 1, 5, 'pounds', 'supplier2') },
    });
    expect(h.lastResponse('2.2')).toMatchObject({ status: 'OK', payload: { creditedPence: 500 } });

    // The new supplier's critical command works.
    await h.send({ to: esme.eui, sr: '7.2', from: 'supplier2', authority: { role: 'Supplier', by: 'supplier2' } });
    expect(h.lastResponse('7.2')).toMatchObject({ status: 'OK', payload: { supply: 'Disabled' } });
  });

  it('SR 6.23 sets the incoming supplier\u2019s counter floor', async () => {
    const incoming = credentialOf(h.parties.supplier2);
    await h.send({
      to: esme.eui,
      sr: '6.23',
      from: 'transCoS',
      authority: { role: 'TransitionalCoS', by: 'transCoS' },
      payload: { supplier: { eui: incoming.eui, ds: incoming.ds.point }, counterFloor: '1000' },
    });
    await h.send({
      to: esme.eui,
      sr: '7.2',
      from: 'supplier2',
      counter: 999n,
      authority: { role: 'Supplier', by: 'supplier2' },
    });
    expect(h.lastResponse('7.2').status).toBe('REFUSED_REPLAY');
    await h.send({
      to: esme.eui,
      sr: '7.2',
      from: 'supplier2',
      counter: 1001n,
      authority: { role: 'Supplier', by: 'supplier2' },
    });
    expect(h.lastResponse('7.2').status).toBe('OK');
  });

  it('SR 6.23 signed by a supplier instead of the CoS party is refused (0x8F30)', async () => {
    const incoming = credentialOf(h.parties.supplier2);
    await h.send({
      to: esme.eui,
      sr: '6.23',
      from: 'supplier2',
      authority: { role: 'Supplier', by: 'supplier2' },
      payload: { supplier: { eui: incoming.eui, ds: incoming.ds.point }, counterFloor: '0' },
    });
    expect(h.lastResponse('6.23').status).toBe('REFUSED_AUTHORITY');
    expect(esme.trust.get('Supplier')?.eui).toBe(h.parties.supplier.eui);
  });

  it('SR 6.23 with a key that is not a curve point is refused BAD_PAYLOAD and changes nothing', async () => {
    await h.send({
      to: esme.eui,
      sr: '6.23',
      from: 'transCoS',
      authority: { role: 'TransitionalCoS', by: 'transCoS' },
      payload: { supplier: { eui: h.parties.supplier2.eui, ds: new Uint8Array(65) }, counterFloor: '0' },
    });
    expect(h.lastResponse('6.23')).toMatchObject({ status: 'BAD_PAYLOAD', payload: { field: 'supplier.ds' } });
    expect(esme.trust.get('Supplier')?.eui).toBe(h.parties.supplier.eui);
  });
});
