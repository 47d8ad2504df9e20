import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Clock, CryptoProvider, Eui64 } from '../protocol/index.js';
import type { CommissioningAnchors, ManufactureAnchors } from '../device-core/trust-store.js';
import type { DccIdentity, ResponseTimeouts } from '../dcc-head-end/dcc-identity.js';
import { buildGateway } from '../dcc-head-end/gateway/server.js';
import { HeadEnd } from '../dcc-head-end/head-end.js';
import { ENTRY_PROCESSES } from '../dcc-head-end/party-status.js';
import { openDatabase, type Db } from '../dcc-head-end/storage/database.js';
import { MqttHeadEndLink, MqttHubLink, SmwanCredentials, startEmbeddedBroker, type EmbeddedBroker } from '../smwan/index.js';
import { DCC_PARTIES, DEFAULT_PARTIES, partyIdentity, type DefaultPartyName, type PartyIdentity } from './default-parties.js';
import { buildPremises, premisesEui, type Premises } from './premises.js';
import type { GatewayTransport } from './gateway-client.js';

export interface WorldOptions {
  readonly premises: number;
  readonly clock: Clock;
  readonly crypto: CryptoProvider;
  readonly seed: string | number;
  /** Durable state here; in memory when absent. */
  readonly dataDir?: string;
  /** An external broker; the embedded one (on mqttPort) when absent. */
  readonly brokerUrl?: string;
  readonly mqttPort?: number;
  readonly httpPort?: number;
  readonly httpHost?: string;
  readonly smwanSecret: string;
  readonly partyKeysDir?: string;
  readonly adminToken?: string;
  readonly timeouts?: ResponseTimeouts;
  readonly withPpmid?: boolean;
  readonly webhookRetryDelaysMs?: readonly number[];
  readonly outageAlertDelayMs?: number;
  /**
   * Extra premises installed but not enrolled (BPM 01.01 still to do): devices on the HAN with
   * the supplier's credentials, absent from the DCC inventory; their meter points are registered.
   */
  readonly installedPremises?: number;
  readonly gsmeWakeMs?: number;
  readonly paymentMode?: 'Credit' | 'Prepayment';
  readonly initialBalancePence?: number;
}

/** The whole emulated system in one process: broker, DCC head-end, User Gateway, premises, parties. */
export interface World {
  readonly broker: EmbeddedBroker | undefined;
  readonly brokerUrl: string;
  readonly headEnd: HeadEnd;
  readonly gateway: FastifyInstance;
  readonly gatewayUrl: string;
  readonly adminToken: string;
  readonly parties: Readonly<Record<DefaultPartyName, PartyIdentity>>;
  readonly premises: readonly Premises[];
  stop(): Promise<void>;
}

export async function startWorld(options: WorldOptions): Promise<World> {
  const { clock, crypto, seed } = options;
  const credentials = new SmwanCredentials(options.smwanSecret);
  const broker = options.brokerUrl ? undefined : await startEmbeddedBroker({ credentials, port: options.mqttPort ?? 0 });
  const brokerUrl = options.brokerUrl ?? broker!.url;
  const parties = Object.fromEntries(DEFAULT_PARTIES.map((spec) => [spec.name, partyIdentity(crypto, seed, spec, options.partyKeysDir)])) as Record<DefaultPartyName, PartyIdentity>;
  const dccKeys = (name: keyof typeof DCC_PARTIES) => partyIdentity(crypto, seed, { name, eui: DCC_PARTIES[name], categories: ['DCC'] }, options.partyKeysDir);
  const acb = dccKeys('acb');
  const transCoS = dccKeys('transCoS');
  const recovery = dccKeys('recovery');
  const dcc: DccIdentity = { acb: { eui: acb.eui, ds: acb.ds }, transCoS: { eui: transCoS.eui, ds: transCoS.ds } };

  const db: Db = openDatabase(options.dataDir ? { dataDir: options.dataDir } : 'memory');
  const headEnd = new HeadEnd({
    db,
    clock,
    crypto,
    dcc,
    link: new MqttHeadEndLink({ url: brokerUrl, secret: credentials.headEndSecret, clientId: `dcc-head-end-${String(seed)}` }),
    ...(options.timeouts ? { timeouts: options.timeouts } : {}),
    ...(options.webhookRetryDelaysMs ? { webhookRetryDelaysMs: options.webhookRetryDelaysMs } : {}),
    ...(options.outageAlertDelayMs !== undefined ? { outageAlertDelayMs: options.outageAlertDelayMs } : {}),
  });
  registerParties(headEnd, Object.values(parties), clock.now());
  // The token service holds each supplier's prepayment key (emulator choice, token-service.ts).
  for (const p of Object.values(parties)) if (p.categories.some((c) => c.endsWith('Supplier'))) headEnd.tokens.holdKey(p.eui, p.prepaymentKa);

  const credential = (p: PartyIdentity) => ({ eui: p.eui, ds: p.ds.publicKey, ka: p.ka.publicKey, prepaymentKa: p.prepaymentKa.publicKey });
  const manufacture: ManufactureAnchors = { AccessControlBroker: credential(acb), TransitionalCoS: credential(transCoS), Recovery: credential(recovery) };
  const commissioning: CommissioningAnchors = { Supplier: credential(parties.supplier), NetworkOperator: credential(parties.networkOperator) };
  const premises: Premises[] = [];
  const installedFrom = options.premises + 1;
  for (let index = 1; index < installedFrom + (options.installedPremises ?? 0); index++) {
    const hub = premisesEui(index, 'CHF');
    const installedOnly = index >= installedFrom;
    const home = buildPremises({
      index,
      seed,
      clock,
      crypto,
      link: new MqttHubLink({ url: brokerUrl, hub, secret: credentials.hubSecret(hub) }),
      manufacture,
      commissioning,
      ...(installedOnly ? { state: 'installed' as const } : {}),
      ...(options.withPpmid ? { withPpmid: true } : {}),
      ...(options.gsmeWakeMs !== undefined ? { gsmeWakeMs: options.gsmeWakeMs } : {}),
      ...(options.paymentMode ? { paymentMode: options.paymentMode } : {}),
      ...(options.initialBalancePence !== undefined ? { initialBalancePence: options.initialBalancePence } : {}),
    });
    if (installedOnly) registerMeterPoints(headEnd, home, parties, clock.now());
    else registerPremises(headEnd, home, parties, clock.now());
    premises.push(home);
  }
  await headEnd.start();
  for (const home of premises) await home.start();

  const adminToken = options.adminToken ?? randomBytes(16).toString('hex');
  const gateway = buildGateway({ headEnd, adminToken });
  const address = await gateway.listen({ port: options.httpPort ?? 0, host: options.httpHost ?? '127.0.0.1' });
  return {
    broker,
    brokerUrl,
    headEnd,
    gateway,
    gatewayUrl: address,
    adminToken,
    parties,
    premises,
    async stop() {
      await gateway.close();
      for (const home of premises) await home.stop();
      await headEnd.stop();
      await broker?.close();
      db.close();
    },
  };
}

/** Parties are added once: a restart on the same data folder finds them there. */
function registerParties(headEnd: HeadEnd, parties: readonly PartyIdentity[], now: number): void {
  for (const p of parties) {
    if (headEnd.parties.get(p.eui)) continue;
    headEnd.parties.add({ eui: p.eui, name: p.name, categories: p.categories, keys: { ds: p.ds.publicKey, ka: p.ka.publicKey, prepaymentKa: p.prepaymentKa.publicKey } });
    headEnd.parties.transition(p.eui, 'accede', now);
    for (const process of ENTRY_PROCESSES) headEnd.parties.recordEntryProcess(p.eui, process, now);
    headEnd.parties.transition(p.eui, 'activate', now);
  }
}

/**
 * The default registration: the first supplier supplies electricity and gas, the network operator
 * runs both networks, the meter operator is registered; the second supplier supplies nothing.
 */
function registerPremises(headEnd: HeadEnd, home: Premises, parties: Record<DefaultPartyName, PartyIdentity>, now: number): void {
  for (const device of home.devices) {
    if (headEnd.inventory.get(device.eui)) continue;
    const keys = home.keys.get(device.eui)!;
    const mpxn = device.eui === home.esme.eui ? home.mpan : device.eui === home.gsme.eui ? home.mprn : undefined;
    headEnd.inventory.put({ eui: device.eui, type: device.identity.type, status: 'Commissioned', hub: home.hub.eui, mpxn, ds: keys.ds.publicKey, ka: keys.ka.publicKey }, now);
  }
  registerMeterPoints(headEnd, home, parties, now);
}

function registerMeterPoints(headEnd: HeadEnd, home: Premises, parties: Record<DefaultPartyName, PartyIdentity>, now: number): void {
  if (headEnd.registration.history(home.mpan).length > 0) return;
  const since = now - 24 * 3600_000;
  const register = (mpxn: string, role: Parameters<HeadEnd['registration']['register']>[1], party: Eui64) => headEnd.registration.register(mpxn, role, party, since);
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
export function inProcessTransport(world: World): GatewayTransport {
  return async (method, url, headers, body) => {
    const reply = await world.gateway.inject({ method: method as 'GET' | 'POST', url: url.slice(world.gatewayUrl.length), headers, ...(body === undefined ? {} : { payload: body }) });
    return { status: reply.statusCode, json: reply.json() as unknown };
  };
}
