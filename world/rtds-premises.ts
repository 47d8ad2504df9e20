import { generatedKeyStore } from '../device-core/device-key-store.js';
import type { DeviceKeys } from '../device-core/device-keys.js';
import type { DeviceFirmware, FirmwareDeps } from '../device-core/firmware.js';
import { testPkiKeyStore, type TestPkiKeyStore } from '../device-core/test-pki-key-store.js';
import { TrustStore, type PartyCredential } from '../device-core/trust-store.js';
import { CommsHub } from '../hub/chf.js';
import { GasProxy } from '../hub/gas-proxy.js';
import { SmhanBus } from '../hub/smhan-bus.js';
import { Ihd } from '../ihd/ihd.js';
import { Ppmid } from '../ihd/ppmid.js';
import { ConsumptionModel, ELECTRICITY_SHAPE, GAS_SHAPE, seedOf } from '../meter-core/consumption-model.js';
import type { PaymentMode } from '../meter-core/meter-states.js';
import { Esme } from '../meter-esme/esme.js';
import { Gsme } from '../meter-gsme/gsme.js';
import {
  parseEui,
  Prng,
  type Clock,
  type CryptoProvider,
  type DeviceTrustRole,
  type Eui64,
} from '../protocol/index.js';
import type { DeviceType } from '../protocol/device-type.js';
import type { HubLink } from '../smwan/link.js';
import type { TestPki } from './test-pki-keystore.js';

/**
 * The RTDS test devices (RTDS 4.5.0 grouping headers, GBCS-FACTS §4): the ESME is `…A0`, the GSME
 * `…A1`, the CHF `…A2` (CCS01-07, DBCH01-05), the GPF `…A3` (3.2 GCS09, 4.17 GCS61, 8.12.2
 * GCS59), the PPMID `…A4` (PCS01/02 originate there; CS03A2/CS03C NonCritical and CS08 target it).
 * `…A5` is the HCALCS that CS03A2Critical and CS08 target: smetsim has no HCALCS model. `…A6` is a
 * second ESME: ECS46d (an ESME use case, message code 0x011A), CS02f and CS02g target it.
 */
export const RTDS_DEVICE = {
  ESME: parseEui('00DB1234567890A0'),
  GSME: parseEui('00DB1234567890A1'),
  CHF: parseEui('00DB1234567890A2'),
  GPF: parseEui('00DB1234567890A3'),
  PPMID: parseEui('00DB1234567890A4'),
  HCALCS: parseEui('00DB1234567890A5'),
  ESME2: parseEui('00DB1234567890A6'),
} as const;

/**
 * The IHD is a Type 2 device: it holds no GBCS certificate, and no RTDS message names one. This
 * EUI is the emulator's choice (no RTDS header uses it); its keys are generated.
 */
export const RTDS_IHD = parseEui('00DB1234567890A7');

/**
 * The RTDS parties by the device trust role they hold (GBCS-FACTS §6.4, §6.6; the test PKI's
 * certificates name the role in their OU: 01 Recovery, 04 ACB, 05 Transitional CoS).
 */
export const RTDS_PARTY = {
  AccessControlBroker: parseEui('90B3D51F30000002'),
  Supplier: parseEui('90B3D51F30010000'),
  NetworkOperator: parseEui('90B3D51F30020000'),
  TransitionalCoS: parseEui('90B3D51F30000004'),
  Recovery: parseEui('90B3D51F30000001'),
  WanProvider: parseEui('90B3D51F30000007'),
  /** The "other user" that acts as load controller (CS02g, ECS47e). */
  OtherUser: parseEui('90B3D51F30010008'),
} as const satisfies Partial<Record<DeviceTrustRole, Eui64>>;

/** The second test supplier (`90B3D51F30030000`), the incoming one in change-of-supplier cases. */
export const RTDS_SUPPLIER2 = parseEui('90B3D51F30030000');

export interface RtdsPremisesOptions {
  readonly clock: Clock;
  readonly crypto: CryptoProvider;
  /** The hub's SMWAN link (the conformance run hands it a capturing one). */
  readonly link: HubLink;
  /** The RTDS keystore (world/test-pki-keystore.ts). */
  readonly pki: TestPki;
  /** commissioned (default): logged, MPxNs set, commissioned, displays joined. installed: none of it. */
  readonly state?: 'commissioned' | 'installed';
  readonly paymentMode?: PaymentMode;
  readonly initialBalancePence?: number;
  readonly seed?: string | number;
}

/** The RTDS premises: its devices by EUI, and the test-PKI key store of each device that has certificates. */
export interface RtdsPremises {
  readonly bus: SmhanBus;
  readonly hub: CommsHub;
  readonly gpf: GasProxy;
  readonly esme: Esme;
  readonly esme2: Esme;
  readonly gsme: Gsme;
  readonly ppmid: Ppmid;
  readonly ihd: Ihd;
  readonly devices: ReadonlyMap<Eui64, DeviceFirmware>;
  readonly keyStores: ReadonlyMap<Eui64, TestPkiKeyStore>;
  readonly trust: TrustStore;
  readonly mpan: string;
  readonly mprn: string;
}

/** A party's credentials as the test PKI publishes them; undefined when its DS certificate is missing. */
export function rtdsParty(pki: TestPki, eui: Eui64, withPrepayment = false): PartyCredential | undefined {
  const ds = pki.certificate(eui, 'ds');
  if (!ds) return undefined;
  const ka = pki.certificate(eui, 'ka');
  const prepaymentKa = withPrepayment ? pki.certificate(eui, 'pp-ka') : undefined;
  return { eui, ds, ...(ka ? { ka } : {}), ...(prepaymentKa ? { prepaymentKa } : {}) };
}

/**
 * The trust store every RTDS device holds: the ACB, Transitional CoS and Recovery from
 * manufacture; the supplier, network operator, WAN provider and other user (load controller)
 * as a commissioned install leaves them. A role whose certificate the keystore lacks is left out.
 */
export function rtdsTrustStore(pki: TestPki): TrustStore {
  const need = (role: keyof typeof RTDS_PARTY, withPrepayment = false) => {
    const credential = rtdsParty(pki, RTDS_PARTY[role], withPrepayment);
    if (!credential) throw new Error(`the test PKI has no DS certificate for the ${role} ${RTDS_PARTY[role]}`);
    return credential;
  };
  const trust = new TrustStore(
    {
      AccessControlBroker: need('AccessControlBroker'),
      TransitionalCoS: need('TransitionalCoS'),
      Recovery: need('Recovery'),
    },
    { Supplier: need('Supplier', true), NetworkOperator: need('NetworkOperator') },
  );
  for (const role of ['WanProvider', 'OtherUser'] as const) {
    const credential = rtdsParty(pki, RTDS_PARTY[role]);
    if (credential) trust.install(role, credential);
  }
  return trust;
}

/**
 * Build the RTDS premises. Every device with certificates in the keystore gets a test-PKI key store
 * (never the default: fleets use generated keys, world/premises.ts). Until the devices take a
 * `DeviceKeyStore` (the spine's change to `FirmwareDeps`), they also get throwaway generated
 * `DeviceKeys` for the CBOR frames they still sign.
 */
export function buildRtdsPremises(options: RtdsPremisesOptions): RtdsPremises {
  const { clock, crypto, pki } = options;
  const rng = new Prng(options.seed ?? 'rtds').stream('rtds-premises');
  const bus = new SmhanBus(clock, rng.stream('han'));
  const trust = rtdsTrustStore(pki);
  const keyStores = new Map<Eui64, TestPkiKeyStore>();
  const deps = (eui: Eui64, type: DeviceType): FirmwareDeps => {
    const keys: DeviceKeys = {
      ds: crypto.keyPairFromSeed(rng.stream(`${eui}/ds`).bytes(32)),
      ka: crypto.keyPairFromSeed(rng.stream(`${eui}/ka`).bytes(32)),
    };
    const ds = pki.certificate(eui, 'ds');
    const ka = pki.certificate(eui, 'ka');
    if (ds && ka)
      keyStores.set(eui, testPkiKeyStore(crypto, { eui, dsCertificate: ds, kaCertificate: ka }, pki.partyKaKeys));
    const base = {
      identity: { eui, type, firmwareVersion: '1.0.0' },
      keys,
      keyStore: keyStores.get(eui) ?? generatedKeyStore(crypto, keys),
      trust,
      clock,
      crypto,
      han: bus.attach(eui),
      hub: RTDS_DEVICE.CHF,
    };
    return base;
  };
  const hub = new CommsHub(deps(RTDS_DEVICE.CHF, 'CHF'), options.link, bus);
  const gpf = new GasProxy(deps(RTDS_DEVICE.GPF, 'GPF'));
  const elec = (name: string) => new ConsumptionModel(seedOf(`rtds/${name}`), 8_000, ELECTRICITY_SHAPE);
  const esme = new Esme(deps(RTDS_DEVICE.ESME, 'ESME'), { model: elec('esme') });
  const esme2 = new Esme(deps(RTDS_DEVICE.ESME2, 'ESME'), { model: elec('esme2') });
  const gsme = new Gsme(deps(RTDS_DEVICE.GSME, 'GSME'), {
    model: new ConsumptionModel(seedOf('rtds/gsme'), 3_000, GAS_SHAPE),
    gpf: gpf.eui,
  });
  const ihd = new Ihd(deps(RTDS_IHD, 'IHD'));
  const ppmid = new Ppmid(deps(RTDS_DEVICE.PPMID, 'PPMID'));
  hub.gpf = gpf.eui;
  gpf.addGasMeter(gsme.eui);
  // No utrnSiblings: that check (WRONG_DEVICE) needs the sibling's KA private key, which the test
  // PKI does not publish; a sibling's UTRN is then refused as not authentic, as real firmware does.
  ppmid.setRoute('electricity', esme.eui);
  ppmid.setRoute('gas', gsme.eui, gpf.eui);
  // The RTDS's own MPxNs are not needed by any use case's shape; these are valid ones (check digit).
  const mpan = '1900000000004';
  const mprn = '1000000000';
  if (options.state !== 'installed') {
    for (const device of [esme, esme2, gsme, ihd, ppmid]) hub.deviceLog.add(device.eui, device.identity.type);
    esme.setMpxn(mpan);
    esme2.setMpxn(mpan);
    gsme.setMpxn(mprn);
    for (const device of [esme, esme2, gsme, gpf, ihd, ppmid]) device.lifecycle = 'Commissioned';
    for (const display of [ihd, ppmid]) {
      esme.join(display.eui);
      gpf.join(display.eui);
    }
    gsme.joined.add(ppmid.eui);
    if (options.paymentMode === 'Prepayment') {
      for (const meter of [esme, gsme]) {
        meter.prepayment.balance = options.initialBalancePence ?? 2_000;
        meter.setPaymentMode('Prepayment');
      }
    }
  }
  const devices = new Map<Eui64, DeviceFirmware>(
    [hub, gpf, esme, esme2, gsme, ihd, ppmid].map((device) => [device.eui, device]),
  );
  return { bus, hub, gpf, esme, esme2, gsme, ppmid, ihd, devices, keyStores, trust, mpan, mprn };
}
