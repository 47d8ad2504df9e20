import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmwanCredentials, startEmbeddedBroker, type EmbeddedBroker } from '../../smwan/index.js';
import { parseEui } from '../../protocol/index.js';
import { credentialOf } from '../support/dcc-fixture.js';
import { PremisesHarness } from '../support/premises-harness.js';
import { waitFor } from '../support/wait.js';

/**
 * A hub and its devices over the real embedded broker (TCP, QoS 1, per-hub credentials). A frame
 * signed by the right keys is executed; each bad one is refused with the right status and alert,
 * and the devices keep working afterwards.
 */
describe('premises over the real embedded MQTT broker', () => {
  const credentials = new SmwanCredentials('broker-e2e-master-secret');
  let broker: EmbeddedBroker;
  let h: PremisesHarness;

  beforeAll(async () => {
    broker = await startEmbeddedBroker({ credentials });
    h = await new PremisesHarness({ brokerUrl: broker.url, credentials, index: 42 }).start();
  });
  afterAll(async () => {
    await h.stop();
    await broker.close();
  });

  it('executes an ACB-signed read and a supplier-signed critical command', async () => {
    const esme = h.premises.esme.eui;
    await h.send({ to: esme, sr: '4.1.1' });
    expect((await h.waitForResponse('4.1.1')).status).toBe('OK');
    await h.send({ to: esme, sr: '7.2', authority: { role: 'Supplier', by: 'supplier' } });
    expect(await h.waitForResponse('7.2')).toMatchObject({ status: 'OK', payload: { supply: 'Disabled' } });
    expect(h.unverified).toHaveLength(0);
  });

  it('refuses a forged signature: REFUSED_AUTHENTICATION and 0x8F3D', async () => {
    await h.send({ to: h.premises.esme.eui, sr: '7.4', acb: 'otherUser' });
    expect((await h.waitForResponse('7.4')).status).toBe('REFUSED_AUTHENTICATION');
    expect(h.alertCodes(h.premises.esme.eui)).toContain(0x8f3d);
  });

  it('refuses a replayed counter: REFUSED_REPLAY', async () => {
    const counter = h.dcc.nextCounter(h.parties.supplier.eui);
    await h.send(h.dcc.bytes({ to: h.premises.esme.eui, sr: '6.2.4', counter }));
    // Another command under the same counter: the hub passes it on, the device refuses it.
    await h.send(h.dcc.bytes({ to: h.premises.esme.eui, sr: '6.2.4', counter, payload: { again: true } }));
    expect((await h.waitForResponse('6.2.4', 2)).status).toBe('REFUSED_REPLAY');
    expect(h.responses('6.2.4')[0]?.status).toBe('OK');
  });

  it('drops a second copy of the same command at the hub: an SMWAN redelivery is not a replay (issue 17 #2)', async () => {
    const frame = h.dcc.bytes({ to: h.premises.esme.eui, sr: '6.2.4' });
    const refused = h.premises.esme.stats.refused;
    const dropped = h.premises.hub.routing.duplicatesDropped;
    await h.send(frame);
    await h.send(frame);
    await waitFor(() => h.premises.hub.routing.duplicatesDropped === dropped + 1, 'the copy dropped');
    expect(h.premises.esme.stats.refused).toBe(refused);
  });

  it('refuses a critical command without the supplier signature: REFUSED_AUTHORITY and 0x8F30', async () => {
    h.clearUp();
    await h.send({ to: h.premises.esme.eui, sr: '7.1' });
    expect((await h.waitForResponse('7.1')).status).toBe('REFUSED_AUTHORITY');
    expect(h.alertCodes(h.premises.esme.eui)).toContain(0x8f30);
    expect(h.premises.esme.supply).toBe('Disabled');
  });

  it('refuses the old supplier after SR 6.23', async () => {
    h.clearUp();
    const incoming = credentialOf(h.parties.supplier2);
    await h.send({
      to: h.premises.esme.eui,
      sr: '6.23',
      from: 'transCoS',
      authority: { role: 'TransitionalCoS', by: 'transCoS' },
      payload: {
        supplier: { eui: incoming.eui, ds: incoming.ds.point, prepaymentKa: incoming.prepaymentKa!.point },
        counterFloor: '0',
      },
    });
    expect((await h.waitForResponse('6.23')).status).toBe('OK');
    await h.send({
      to: h.premises.esme.eui,
      sr: '7.1',
      from: 'supplier',
      authority: { role: 'Supplier', by: 'supplier' },
    });
    expect((await h.waitForResponse('7.1')).status).toBe('REFUSED_AUTHORITY');
    await h.send({
      to: h.premises.esme.eui,
      sr: '7.1',
      from: 'supplier2',
      authority: { role: 'Supplier', by: 'supplier2' },
    });
    expect(await h.waitForResponse('7.1', 2)).toMatchObject({ status: 'OK', payload: { supply: 'Enabled' } });
  });

  it('refuses a command for a device missing from the device log: NOT_IN_DEVICE_LOG from the hub', async () => {
    const stranger = parseEui('00-DB-12-00-00-00-2A-09');
    await h.send({ to: stranger, sr: '11.2' });
    const response = await h.waitForResponse('11.2');
    expect(response).toMatchObject({ status: 'NOT_IN_DEVICE_LOG' });
    expect(response.header.originator).toBe(h.premises.hub.eui);
  });

  it('keeps working after all of that, and never crashed a device', async () => {
    h.clearUp();
    await h.send({ to: h.premises.esme.eui, sr: '11.2' });
    expect((await h.waitForResponse('11.2')).status).toBe('OK');
    for (const device of h.premises.devices) expect(device.stats.internalErrors, device.identity.type).toBe(0);
  });
});
