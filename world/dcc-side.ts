import type { TlsMaterial } from '../smwan/tls/smwan-ca.js';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { RealClock, type Clock, type CryptoProvider, type EcPublicKey, type Eui64 } from '../protocol/index.js';
import type { CommissioningAnchors, ManufactureAnchors } from '../device-core/trust-store.js';
import type { DeviceType } from '../protocol/device-type.js';
import type { DccIdentity, ResponseTimeouts } from '../dcc-head-end/dcc-identity.js';
import { buildGateway } from '../dcc-head-end/gateway/server.js';
import { buildDuisGateway } from '../dcc-head-end/duis/server.js';
import type { SecConfig } from '../sec/config.js';
import { Sec, secGatewayExtension } from '../sec/sec.js';
import { Charges } from '../sec/charges/charges.js';
import type { ChargesConfig } from '../sec/charges/config.js';
import { chargesGatewayExtension } from '../sec/charges/gateway/tables.js';
import { HeadEnd } from '../dcc-head-end/head-end.js';
import { openDatabase, type Db } from '../dcc-head-end/storage/database.js';
import { MqttHeadEndLink, SmwanCredentials, type HeadEndLink } from '../smwan/index.js';
import {
  DCC_PARTIES,
  DEFAULT_PARTIES,
  partyIdentity,
  type DefaultPartyName,
  type PartyIdentity,
} from './default-parties.js';
import type { GatewayTransport } from './gateway-client.js';
import { controlClock, type ClockControl } from './clock-control.js';

export interface DccOptions {
  readonly clock: Clock;
  readonly crypto: CryptoProvider;
  readonly seed: string | number;
  readonly brokerUrl: string;
  readonly smwanSecret: string;
  /** MQTT over TLS: the head-end's client certificate (smwan/tls/). */
  readonly smwanTls?: TlsMaterial;
  /** Durable state here; in memory when absent. */
  readonly dataDir?: string;
  readonly httpPort?: number;
  readonly httpHost?: string;
  /** Open the DUIS gateway (DCC Boxed's XML endpoints) on this port too; 0 picks a free one. */
  readonly duisPort?: number;
  readonly partyKeysDir?: string;
  readonly adminToken?: string;
  readonly timeouts?: ResponseTimeouts;
  readonly webhookRetryDelaysMs?: readonly number[];
  readonly outageAlertDelayMs?: number;
  /** The SEC side's settings (sec/config.ts); the defaults otherwise. */
  readonly sec?: Partial<SecConfig>;
  /** The charges' settings (sec/charges/config.ts); `metering: false` turns usage metering off (the bench). */
  readonly charges?: Partial<ChargesConfig> & { readonly metering?: boolean };
  /** Wrap the head-end's SMWAN link (soak counts the frames crossing it). */
  readonly wrapLink?: (link: HeadEndLink) => HeadEndLink;
  /** The gateway's logger (world/harness-log.ts); silent when absent. */
  readonly logger?: FastifyBaseLogger;
  /**
   * Put the clock under the admin API (/v1/admin/clock) and, for a virtual clock, pump what falls
   * due (clock-control.ts). The scenario runner drives its own clock and leaves this off.
   */
  readonly controlClock?: boolean;
}

/**
 * What the DCC needs to know of a premises, and nothing it could not be told over a wire: the
 * devices' EUIs, types and public keys, and the meter points. A fleet in another thread or process
 * sends these (structured clone) for its premises to be enrolled.
 */
export interface PremisesRecord {
  readonly index: number;
  readonly hub: Eui64;
  readonly mpan: string;
  readonly mprn: string;
  readonly devices: readonly {
    readonly eui: Eui64;
    readonly type: DeviceType;
    readonly ds: EcPublicKey;
    readonly ka: EcPublicKey;
  }[];
}

/** The credentials devices carry: the DCC's from manufacture, the parties' from commissioning. */
export interface DeviceAnchors {
  readonly manufacture: ManufactureAnchors;
  readonly commissioning: CommissioningAnchors;
}

/** The DCC side of the system: head-end, User Gateway and the default parties, without premises. */
export interface Dcc {
  readonly headEnd: HeadEnd;
  /** The SEC's commercial side: lifecycle and elective services (sec/). */
  readonly sec: Sec;
  /** The DCC's charges: usage metering, statements, invoices, cover (sec/charges/). */
  readonly charges: Charges;
  readonly gateway: FastifyInstance;
  /** The DUIS gateway's base URL once started, when duisPort was given. */
  readonly duisUrl: () => string | undefined;
  readonly adminToken: string;
  readonly parties: Readonly<Record<DefaultPartyName, PartyIdentity>>;
  readonly anchors: DeviceAnchors;
  /** The clock under control, when `controlClock` was asked for. */
  readonly clock: ClockControl | undefined;
  /** Commissioned devices in the inventory, and the default registration of the meter points. */
  enrol(home: PremisesRecord): void;
  /** Only the meter points: an installed premises the DCC does not know yet (BPM 01.01 to do). */
  registerMeterPoints(home: PremisesRecord): void;
  /** Connect the head-end to the SMWAN and open the gateway; resolves to the gateway's URL. */
  start(): Promise<string>;
  stop(): Promise<void>;
}

export function createDcc(options: DccOptions): Dcc {
  const { clock, crypto, seed } = options;
  const credentials = new SmwanCredentials(options.smwanSecret);
  const parties = Object.fromEntries(
    DEFAULT_PARTIES.map((spec) => [spec.name, partyIdentity(crypto, seed, spec, options.partyKeysDir)]),
  ) as Record<DefaultPartyName, PartyIdentity>;
  const dccKeys = (name: keyof typeof DCC_PARTIES) =>
    partyIdentity(crypto, seed, { name, eui: DCC_PARTIES[name], categories: ['DCC'] }, options.partyKeysDir);
  const acb = dccKeys('acb');
  const transCoS = dccKeys('transCoS');
  const recovery = dccKeys('recovery');
  const dcc: DccIdentity = {
    acb: { eui: acb.eui, ds: acb.ds, ka: acb.ka },
    transCoS: { eui: transCoS.eui, ds: transCoS.ds },
  };

  const db: Db = openDatabase(options.dataDir ? { dataDir: options.dataDir } : 'memory');
  const link = new MqttHeadEndLink({
    url: options.brokerUrl,
    secret: credentials.headEndSecret,
    clientId: `dcc-head-end-${String(seed)}`,
    ...(options.smwanTls ? { tls: options.smwanTls } : {}),
  });
  const headEnd = new HeadEnd({
    db,
    clock,
    crypto,
    dcc,
    link: options.wrapLink ? options.wrapLink(link) : link,
    ...(options.timeouts ? { timeouts: options.timeouts } : {}),
    ...(options.webhookRetryDelaysMs ? { webhookRetryDelaysMs: options.webhookRetryDelaysMs } : {}),
    ...(options.outageAlertDelayMs !== undefined ? { outageAlertDelayMs: options.outageAlertDelayMs } : {}),
  });
  registerParties(headEnd, Object.values(parties), clock.now());
  // The token service holds each supplier's prepayment key (emulator choice, token-service.ts).
  for (const p of Object.values(parties))
    if (p.categories.some((c) => c.endsWith('Supplier'))) headEnd.admin.holdPrepaymentKey(p.eui, p.prepaymentKa);

  const credential = (p: PartyIdentity) => ({
    eui: p.eui,
    ds: p.ds.publicKey,
    ka: p.ka.publicKey,
    prepaymentKa: p.prepaymentKa.publicKey,
  });
  const anchors: DeviceAnchors = {
    manufacture: {
      AccessControlBroker: credential(acb),
      TransitionalCoS: credential(transCoS),
      Recovery: credential(recovery),
    },
    commissioning: { Supplier: credential(parties.supplier), NetworkOperator: credential(parties.networkOperator) },
  };
  const adminToken = options.adminToken ?? randomBytes(16).toString('hex');
  const sec = new Sec({ headEnd, db, clock, ...(options.sec ? { config: options.sec } : {}) });
  const { metering, ...chargesConfig } = options.charges ?? {};
  const charges = new Charges({ sec, db, config: chargesConfig, ...(metering === false ? { metering } : {}) });
  const control = options.controlClock ? controlClock(clock, () => headEnd.inFlight()) : undefined;
  const gateway = buildGateway({
    headEnd,
    adminToken,
    extensions: [secGatewayExtension(sec), chargesGatewayExtension(charges)],
    ...(control ? { clock: control } : {}),
    ...(control && control.mode !== 'real' ? { signatureClock: new RealClock() } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  // The DUIS door also trusts XML-signing certificates dropped in <data-dir>/duis-xml-signing (docs/duis.md).
  const duis =
    options.duisPort === undefined
      ? undefined
      : buildDuisGateway({
          headEnd,
          certificateDirs: options.dataDir ? [join(options.dataDir, 'duis-xml-signing')] : [],
        });
  let duisUrl: string | undefined;
  return {
    headEnd,
    sec,
    charges,
    gateway,
    duisUrl: () => duisUrl,
    adminToken,
    parties,
    anchors,
    clock: control,
    enrol: (home) => enrolPremises(headEnd, home, parties, clock.now()),
    registerMeterPoints: (home) => registerMeterPoints(headEnd, home, parties, clock.now()),
    async start() {
      await headEnd.start();
      sec.start();
      charges.start();
      if (duis)
        duisUrl = await duis.server.listen({ port: options.duisPort ?? 0, host: options.httpHost ?? '127.0.0.1' });
      return gateway.listen({ port: options.httpPort ?? 0, host: options.httpHost ?? '127.0.0.1' });
    },
    async stop() {
      control?.stop();
      await duis?.server.close();
      await gateway.close();
      charges.stop();
      sec.stop();
      await headEnd.stop();
      db.close();
    },
  };
}

/** Parties are added once: a restart on the same data folder finds them there. */
function registerParties(headEnd: HeadEnd, parties: readonly PartyIdentity[], now: number): void {
  for (const p of parties) {
    if (headEnd.admin.party(p.eui)) continue;
    headEnd.admin.addParty({
      eui: p.eui,
      name: p.name,
      categories: p.categories,
      keys: { ds: p.ds.publicKey, ka: p.ka.publicKey, prepaymentKa: p.prepaymentKa.publicKey },
    });
    headEnd.admin.onboardParty(p.eui, now);
  }
}

function enrolPremises(
  headEnd: HeadEnd,
  home: PremisesRecord,
  parties: Record<DefaultPartyName, PartyIdentity>,
  now: number,
): void {
  for (const device of home.devices) {
    if (headEnd.admin.device(device.eui)) continue;
    const mpxn = device.type === 'ESME' ? home.mpan : device.type === 'GSME' ? home.mprn : undefined;
    headEnd.admin.putDevice(
      { eui: device.eui, type: device.type, status: 'Commissioned', hub: home.hub, mpxn, ds: device.ds, ka: device.ka },
      now,
    );
  }
  registerMeterPoints(headEnd, home, parties, now);
}

/**
 * The default registration: the first supplier supplies electricity and gas, the network operator
 * runs both networks, the meter operator is registered; the second supplier supplies nothing.
 */
function registerMeterPoints(
  headEnd: HeadEnd,
  home: PremisesRecord,
  parties: Record<DefaultPartyName, PartyIdentity>,
  now: number,
): void {
  if (headEnd.admin.registrationHistory(home.mpan).length > 0) return;
  const since = now - 24 * 3600_000;
  const register = (mpxn: string, role: Parameters<HeadEnd['admin']['register']>[1], party: Eui64) =>
    headEnd.admin.register(mpxn, role, party, since);
  register(home.mpan, 'importSupplier', parties.supplier.eui);
  register(home.mprn, 'gasSupplier', parties.supplier.eui);
  register(home.mpan, 'electricityDistributor', parties.networkOperator.eui);
  register(home.mprn, 'gasTransporter', parties.networkOperator.eui);
  register(home.mpan, 'meterOperator', parties.meterOperator.eui);
  register(home.mprn, 'meterOperator', parties.meterOperator.eui);
  register(home.mpan, 'exportSupplier', parties.exportSupplier.eui);
}

/**
 * The User Gateway in process: fastify's inject runs the same routes, authentication and schemas
 * as HTTP, without a socket. The scenario runner, soak and the benchmarks use it.
 */
export function injectTransport(gateway: FastifyInstance, gatewayUrl: string): GatewayTransport {
  return async (method, url, headers, body) => {
    const reply = await gateway.inject({
      method: method as 'GET' | 'POST',
      url: url.slice(gatewayUrl.length),
      headers,
      ...(body === undefined ? {} : { payload: body }),
    });
    return { status: reply.statusCode, json: reply.json<unknown>() };
  };
}
