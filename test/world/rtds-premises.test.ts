import { describe, expect, it } from 'vitest';
import { TEST_PKI_MODE } from '../../device-core/test-pki-key-store.js';
import { nodeCrypto } from '../../protocol/crypto/node-provider.js';
import { VirtualClock } from '../../protocol/clock.js';
import type { HubLink } from '../../protocol/wan-link.js';
import { buildRtdsPremises, RTDS_DEVICE, RTDS_IHD, RTDS_PARTY } from '../../world/rtds-premises.js';
import { loadTestPki } from '../../world/test-pki-keystore.js';
import { TEST_PKI_DIR } from '../support/test-pki.js';

// The project's copy of the test PKI (reference/test-pki) holds the certificates of A0-A3 and
// every party's keys: enough for the ESME, GSME, CHF and GPF.
const pki = loadTestPki(TEST_PKI_DIR);
const link: HubLink = {
  hub: RTDS_DEVICE.CHF,
  isOpen: false,
  open: () => Promise.resolve(),
  sendUp: () => Promise.resolve(),
  onDown: () => {},
  close: () => Promise.resolve(),
};

describe('issue 13 §2: the RTDS premises', () => {
  const home = buildRtdsPremises({ clock: new VirtualClock(), crypto: nodeCrypto, link, pki });

  it('has the RTDS test devices’ EUIs', () => {
    expect(home.esme.eui).toBe('00-DB-12-34-56-78-90-A0');
    expect(home.gsme.eui).toBe('00-DB-12-34-56-78-90-A1');
    expect(home.hub.eui).toBe('00-DB-12-34-56-78-90-A2');
    expect(home.gpf.eui).toBe('00-DB-12-34-56-78-90-A3');
    expect(home.ppmid.eui).toBe(RTDS_DEVICE.PPMID);
    expect(home.esme2.eui).toBe(RTDS_DEVICE.ESME2);
    expect(home.devices.get(RTDS_DEVICE.ESME)).toBe(home.esme);
  });

  it('gives each device with certificates a test-PKI key store whose public keys are the certificates', () => {
    for (const eui of [RTDS_DEVICE.ESME, RTDS_DEVICE.GSME, RTDS_DEVICE.CHF, RTDS_DEVICE.GPF]) {
      const store = home.keyStores.get(eui);
      expect(store?.mode).toBe(TEST_PKI_MODE);
      expect(Buffer.from(store!.kaPublic.point)).toEqual(Buffer.from(pki.certificate(eui, 'ka')!.point));
      expect(Buffer.from(store!.dsPublic.point)).toEqual(Buffer.from(pki.certificate(eui, 'ds')!.point));
    }
    // A Type 2 device holds no certificate; this keystore copy has none for A4 either.
    expect(home.keyStores.has(RTDS_IHD)).toBe(false);
    expect(home.keyStores.has(RTDS_DEVICE.PPMID)).toBe(false);
  });

  it('the ESME’s store agrees with the supplier the secret the supplier’s published key gives', () => {
    const supplierKa = pki.privateKey(RTDS_PARTY.Supplier, 'ka')!;
    const z = home.keyStores.get(RTDS_DEVICE.ESME)!.sharedSecret(RTDS_PARTY.Supplier, supplierKa.publicKey);
    expect(Buffer.from(z)).toEqual(Buffer.from(nodeCrypto.ecdh(supplierKa, pki.certificate(RTDS_DEVICE.ESME, 'ka')!)));
  });

  it('trusts the RTDS parties in their roles (GBCS-FACTS §6.4, §6.6)', () => {
    for (const role of [
      'AccessControlBroker',
      'Supplier',
      'NetworkOperator',
      'TransitionalCoS',
      'Recovery',
      'WanProvider',
      'OtherUser',
    ] as const) {
      expect(home.trust.get(role)?.eui, role).toBe(RTDS_PARTY[role]);
    }
    expect(home.trust.get('Supplier')?.prepaymentKa).toBeDefined();
  });

  it('starts commissioned, with the meters and displays in the device log', () => {
    for (const device of [home.esme, home.gsme, home.gpf, home.ppmid]) expect(device.lifecycle).toBe('Commissioned');
    expect(home.hub.deviceLog.typeOf(RTDS_DEVICE.ESME)).toBe('ESME');
    expect(home.hub.deviceLog.typeOf(RTDS_DEVICE.PPMID)).toBe('PPMID');
    const installed = buildRtdsPremises({
      clock: new VirtualClock(),
      crypto: nodeCrypto,
      link,
      pki,
      state: 'installed',
    });
    expect(installed.esme.lifecycle).toBe('Installed');
    expect(installed.hub.deviceLog.typeOf(RTDS_DEVICE.ESME)).toBeUndefined();
  });
});
