import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeFrame, parseEui, signFrame, nodeCrypto } from '../../protocol/index.js';
import { PremisesHarness } from '../support/premises-harness.js';

const NEW_IHD = parseEui('00-DB-12-00-00-00-77-05');

describe('Communications Hub Function (component)', () => {
  let h: PremisesHarness;
  let hub: PremisesHarness['premises']['hub'];
  beforeEach(async () => {
    h = await new PremisesHarness().start();
    hub = h.premises.hub;
  });
  afterEach(async () => h.stop());

  it('SR 8.11 adds and removes device log entries and raises 0x8F12; 8.9 reads the log', async () => {
    await h.send({
      to: hub.eui,
      sr: '8.11',
      payload: { add: [{ device: NEW_IHD, type: 'IHD' }], remove: [h.premises.ihd.eui] },
    });
    const response = h.lastResponse('8.11');
    expect(response.status).toBe('OK');
    expect(response.header.originator).toBe(hub.eui);
    expect(h.alerts(0x8f12, hub.eui)[0]?.payload).toEqual({ added: 1, removed: 1 });
    await h.send({ to: hub.eui, sr: '8.9' });
    const log = (h.lastResponse('8.9').payload as { deviceLog: { device: string }[] }).deviceLog.map((e) => e.device);
    expect(log).toContain(NEW_IHD);
    expect(log).not.toContain(h.premises.ihd.eui);
  });

  it('SR 8.11 refuses an unknown device type, naming the field', async () => {
    await h.send({ to: hub.eui, sr: '8.11', payload: { add: [{ device: NEW_IHD, type: 'Toaster' }] } });
    expect(h.lastResponse('8.11')).toMatchObject({ status: 'BAD_PAYLOAD', payload: { field: 'add[0].type' } });
  });

  it('refuses a command for a device missing from the device log: NOT_IN_DEVICE_LOG, signed by the hub', async () => {
    await h.send({ to: NEW_IHD, sr: '6.2.4' });
    const response = h.lastResponse('6.2.4');
    expect(response).toMatchObject({ status: 'NOT_IN_DEVICE_LOG', payload: { device: NEW_IHD } });
    expect(response.header.originator).toBe(hub.eui);
  });

  it('drops frames from a device removed from the log, so it cannot use the HAN to reach the DCC', async () => {
    await h.send({ to: hub.eui, sr: '8.11', payload: { remove: [h.premises.esme.eui] } });
    h.clearUp();
    h.premises.esme.tamper();
    await h.pump();
    expect(h.alerts(0x8f3f)).toHaveLength(0);
    expect(hub.routing.droppedNotInLog).toBe(1);
  });

  it('issue 17: a command whose down topic carries a passed deadline is refused COMMAND_EXPIRED and never runs', async () => {
    const esme = h.premises.esme;
    await h.send({ to: esme.eui, sr: '7.1' }, { expiresAt: h.clock.now() - 1 });
    expect(h.lastResponse('7.1')).toMatchObject({ status: 'COMMAND_EXPIRED', payload: { device: esme.eui } });
    expect(hub.routing.expired).toBe(1);
    expect(esme.supply).toBe('Enabled');
  });

  it('issue 17: a command held for an away device is dropped as COMMAND_EXPIRED once its topic deadline passes', async () => {
    const esme = h.premises.esme;
    esme.powerOff();
    await h.send({ to: esme.eui, sr: '6.2.4' }, { expiresAt: h.clock.now() + 1_000 });
    expect(hub.heldFor(esme.eui)).toBe(1);
    await h.advance(2_000);
    esme.powerOn();
    await h.pump();
    expect(h.lastResponse('6.2.4')).toMatchObject({ status: 'COMMAND_EXPIRED' });
    expect(h.responses('6.2.4')).toHaveLength(1);
  });

  it('holds commands for a device that is off, and delivers them in order when it is back', async () => {
    const esme = h.premises.esme;
    esme.powerOff();
    await h.send({ to: esme.eui, sr: '7.4' });
    await h.send({ to: esme.eui, sr: '6.2.4' });
    expect(hub.heldFor(esme.eui)).toBe(2);
    expect(h.responses('7.4')).toHaveLength(0);
    esme.powerOn();
    await h.pump();
    expect(hub.heldFor(esme.eui)).toBe(0);
    expect(h.responses().map((r) => r.serviceRequest)).toEqual(['7.4', '6.2.4']);
  });

  it('refuses past the buffer bound with HAN_BUFFER_FULL, counted, never silent', async () => {
    h.premises.esme.powerOff();
    for (let i = 0; i < 17; i++) await h.send({ to: h.premises.esme.eui, sr: '7.4' });
    expect(hub.routing.bufferOverflows).toBe(1);
    expect(h.lastResponse('7.4')).toMatchObject({ status: 'HAN_BUFFER_FULL' });
  });

  it('power cut: the SMWAN sees the hub offline through its last will, then online after restore', async () => {
    const states: string[] = [];
    const watcher = h.network.headEndLink(h.credentials.headEndSecret);
    watcher.onHubState((_, state) => states.push(state));
    await watcher.open();
    await h.pump();
    await hub.powerCut();
    await h.pump();
    expect(states.at(-1)).toBe('offline');
    await hub.powerRestore();
    await h.pump();
    expect(states.at(-1)).toBe('online');
    await watcher.close();
  });

  it('ignores malformed frames from the WAN and counts them', async () => {
    await h.send(Uint8Array.from([0xff, 0x00, 0x13]));
    expect(hub.routing.malformedDown).toBe(1);
    expect(h.up).toHaveLength(0);
  });

  it('never lets a device speak for another: a response whose originator is not the sender is dropped', async () => {
    const forged = signFrame(
      nodeCrypto,
      {
        kind: 'alert',
        header: {
          originator: h.premises.gsme.eui,
          recipient: h.parties.acb.eui,
          counter: 1n,
          createdAt: h.clock.now(),
        },
        alertCode: 0x8f3f,
        payload: null,
        signatures: [],
      },
      'Device',
      h.premises.gsme.eui,
      h.premises.keys.get(h.premises.esme.eui)!.ds,
    );
    h.premises.bus.attach(parseEui('00-DB-12-00-00-00-01-99')); // an intruder can attach, but is not in the log
    hub.receive(h.premises.esme.eui, encodeFrame(forged));
    await h.pump();
    expect(h.up.concat(h.unverified)).toHaveLength(0);
  });
});

describe('CHF: only devices in the device log can join (SR 8.7)', () => {
  it('refuses a join for a device missing from the log, and allows it once 8.11 adds it', async () => {
    const h = await new PremisesHarness().start();
    const esme = h.premises.esme.eui;
    await h.send({
      to: esme,
      sr: '8.7.1',
      authority: { role: 'Supplier', by: 'supplier' },
      payload: { device: NEW_IHD },
    });
    expect(h.lastResponse('8.7.1')).toMatchObject({ status: 'NOT_IN_DEVICE_LOG' });
    expect(h.premises.esme.joined.has(NEW_IHD)).toBe(false);
    await h.send({ to: h.premises.hub.eui, sr: '8.11', payload: { add: [{ device: NEW_IHD, type: 'IHD' }] } });
    await h.send({
      to: esme,
      sr: '8.7.1',
      authority: { role: 'Supplier', by: 'supplier' },
      payload: { device: NEW_IHD },
    });
    expect(h.lastResponse('8.7.1')).toMatchObject({ status: 'OK' });
    expect(h.premises.esme.joined.has(NEW_IHD)).toBe(true);
    await h.stop();
  });
});
