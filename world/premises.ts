import { formatEuiBytes, mpanFrom12, Prng, type Clock, type CryptoProvider, type Eui64 } from '../protocol/index.js';
import { ConsumptionModel, ELECTRICITY_SHAPE, GAS_SHAPE, seedOf } from '../device-core/consumption-model.js';
import { seededDeviceKeys, type DeviceKeys } from '../device-core/device-keys.js';
import type { DeviceFirmware, DeviceType } from '../device-core/firmware.js';
import type { PaymentMode } from '../device-core/lifecycles.js';
import { TrustStore, type CommissioningAnchors, type ManufactureAnchors } from '../device-core/trust-store.js';
import { CommsHub } from '../hub/chf.js';
import { GasProxy } from '../hub/gas-proxy.js';
import { SmhanBus, type HanConditions } from '../hub/smhan-bus.js';
import { Ihd } from '../ihd/ihd.js';
import { Ppmid } from '../ihd/ppmid.js';
import { Esme } from '../meter-esme/esme.js';
import { Gsme } from '../meter-gsme/gsme.js';
import type { HubLink } from '../smwan/link.js';
import type { PremisesRecord } from './dcc-side.js';

/** The last byte of a premises device's EUI says what it is. */
export const DEVICE_ROLE_BYTE: Readonly<Record<DeviceType, number>> = {
  CHF: 0x01,
  GPF: 0x02,
  ESME: 0x03,
  GSME: 0x04,
  IHD: 0x05,
  PPMID: 0x06,
};

/** 00-DB-12-<premises index, 4 bytes>-<role>: stable, readable, unique per fleet. */
export function premisesEui(index: number, type: DeviceType, generation = 0): Eui64 {
  // A replacement device takes the next generation: 0x13 is the first replacement ESME.
  const bytes = Buffer.from([0x00, 0xdb, 0x12, 0, 0, 0, 0, DEVICE_ROLE_BYTE[type] | ((generation & 0xf) << 4)]);
  bytes.writeUInt32BE(index >>> 0, 3);
  return formatEuiBytes(bytes);
}

export function premisesMpan(index: number): string {
  return mpanFrom12(`19${String(index).padStart(10, '0')}`);
}

export function premisesMprn(index: number): string {
  return String(1_000_000_000 + (index % 1_000_000_000));
}

export interface PremisesOptions {
  readonly index: number;
  readonly seed: string | number;
  readonly clock: Clock;
  readonly crypto: CryptoProvider;
  /** The hub's SMWAN link, built by the caller (MQTT or in-memory). */
  readonly link: HubLink;
  readonly manufacture: ManufactureAnchors;
  /** The supplier (and network operator) credentials the devices carry for this install. */
  readonly commissioning?: CommissioningAnchors;
  /**
   * commissioned (the default when commissioning anchors are given): the state a finished install
   * leaves. installed: devices on the HAN with the supplier's credentials, nothing else: not in
   * the device log, no MPxN, not commissioned, not joined (the start of BPM 01.01).
   */
  readonly state?: 'commissioned' | 'installed';
  readonly withPpmid?: boolean;
  readonly han?: HanConditions;
  readonly ihdRefreshMs?: number;
  readonly gsmeWakeMs?: number;
  readonly paymentMode?: PaymentMode;
  readonly initialBalancePence?: number;
  readonly meanDailyWh?: number;
  readonly meanDailyGasLitres?: number;
}

/** One home: a hub (CHF and GPF) owning a HAN with an ESME, a GSME, an IHD and maybe a PPMID. */
export interface Premises {
  readonly index: number;
  readonly mpan: string;
  readonly mprn: string;
  readonly bus: SmhanBus;
  readonly hub: CommsHub;
  readonly gpf: GasProxy;
  readonly esme: Esme;
  readonly gsme: Gsme;
  readonly ihd: Ihd;
  readonly ppmid: Ppmid | undefined;
  readonly devices: readonly DeviceFirmware[];
  /** Each device's public keys, as the DCC's inventory would hold them. */
  readonly keys: ReadonlyMap<Eui64, DeviceKeys>;
  /**
   * A replacement electricity meter (SEC §148): a new device with its own EUI and keys, on this
   * HAN, installed with the supplier's credentials but not yet logged, set up or commissioned.
   * The old meter is switched off (taken out).
   */
  replaceEsme(): Esme;
  /** Connect the hub to the SMWAN and start the gas meter's wake cycle. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function buildPremises(options: PremisesOptions): Premises {
  const { index, clock, crypto } = options;
  const rng = new Prng(options.seed).stream(`premises/${index}`);
  const bus = new SmhanBus(clock, rng.stream('han'), options.han);
  const eui = (type: DeviceType) => premisesEui(index, type);
  const keys = new Map<Eui64, DeviceKeys>();
  const deps = (type: DeviceType, generation = 0) => {
    const id = premisesEui(index, type, generation);
    const deviceKeys = seededDeviceKeys(crypto, rng.stream(generation === 0 ? type : `${type}/${generation}`));
    keys.set(id, deviceKeys);
    return {
      identity: { eui: id, type, firmwareVersion: '1.0.0' },
      keys: deviceKeys,
      trust: new TrustStore(options.manufacture, options.commissioning),
      clock,
      crypto,
      han: bus.attach(id),
      hub: eui('CHF'),
    };
  };
  const hub = new CommsHub(deps('CHF'), options.link, bus);
  const gpf = new GasProxy(deps('GPF'));
  const meterSeed = (kind: string) => seedOf(`${options.seed}/${index}/${kind}`);
  const esme = new Esme(deps('ESME'), {
    model: new ConsumptionModel(meterSeed('elec'), options.meanDailyWh ?? 8_000, ELECTRICITY_SHAPE),
  });
  const gsme = new Gsme(deps('GSME'), {
    model: new ConsumptionModel(meterSeed('gas'), options.meanDailyGasLitres ?? 3_000, GAS_SHAPE),
    gpf: gpf.eui,
    ...(options.gsmeWakeMs !== undefined ? { wakeIntervalMs: options.gsmeWakeMs } : {}),
  });
  const refresh = options.ihdRefreshMs !== undefined ? { refreshMs: options.ihdRefreshMs } : {};
  const ihd = new Ihd(deps('IHD'), refresh);
  const ppmid = options.withPpmid ? new Ppmid(deps('PPMID'), refresh) : undefined;

  hub.gpf = gpf.eui;
  gpf.addGasMeter(gsme.eui);
  esme.utrnSiblings = [{ device: gsme.eui, keyAgreement: keys.get(gsme.eui)!.ka }];
  gsme.utrnSiblings = [{ device: esme.eui, keyAgreement: keys.get(esme.eui)!.ka }];
  // The PPMID's keypad wiring is physical: it knows its meters from install, joined or not.
  if (ppmid) {
    ppmid.setRoute('electricity', esme.eui);
    ppmid.setRoute('gas', gsme.eui, gpf.eui);
  }
  const mpan = premisesMpan(index);
  const mprn = premisesMprn(index);

  if (options.commissioning && options.state !== 'installed') {
    // The state after a completed install (BPM 01.01): logged, MPxNs set, commissioned, joined.
    for (const device of [esme, gsme, ihd, ...(ppmid ? [ppmid] : [])])
      hub.deviceLog.add(device.eui, device.identity.type);
    esme.setMpxn(mpan);
    gsme.setMpxn(mprn);
    for (const device of [esme, gsme, gpf, ihd, ...(ppmid ? [ppmid] : [])]) device.lifecycle = 'Commissioned';
    for (const display of [ihd, ...(ppmid ? [ppmid] : [])]) {
      esme.join(display.eui);
      gpf.join(display.eui);
    }
    if (ppmid) gsme.joined.add(ppmid.eui);
    if (options.paymentMode === 'Prepayment') {
      for (const meter of [esme, gsme]) {
        meter.prepayment.balance = options.initialBalancePence ?? 2_000;
        meter.setPaymentMode('Prepayment');
      }
    }
  }

  return {
    index,
    mpan,
    mprn,
    bus,
    hub,
    gpf,
    esme,
    gsme,
    ihd,
    ppmid,
    devices: [hub, gpf, esme, gsme, ihd, ...(ppmid ? [ppmid] : [])],
    keys,
    replaceEsme() {
      esme.powerOff();
      esme.stopTimers();
      const replacement = new Esme(deps('ESME', 1), {
        model: new ConsumptionModel(meterSeed('elec/1'), options.meanDailyWh ?? 8_000, ELECTRICITY_SHAPE),
      });
      return replacement;
    },
    async start() {
      await hub.start();
      gsme.startWakeCycle();
    },
    async stop() {
      gsme.stopWakeCycle();
      for (const meter of [esme, gsme]) meter.stopTimers();
      for (const display of [ihd, ...(ppmid ? [ppmid] : [])]) display.stopRefresh();
      await hub.powerCut();
    },
  };
}

/** What the DCC is told of a premises at enrolment (public keys only): see dcc-side.ts. */
export function premisesRecord(home: Premises): PremisesRecord {
  const devices = [home.hub, home.gpf, home.esme, home.gsme, home.ihd, ...(home.ppmid ? [home.ppmid] : [])].map(
    (device) => {
      const keys = home.keys.get(device.eui)!;
      return { eui: device.eui, type: device.identity.type, ds: keys.ds.publicKey, ka: keys.ka.publicKey };
    },
  );
  return { index: home.index, hub: home.hub.eui, mpan: home.mpan, mprn: home.mprn, devices };
}
