import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Clock, CryptoProvider } from '../protocol/index.js';
import type { ResponseTimeouts } from '../dcc-head-end/dcc-identity.js';
import type { Sec } from '../sec/sec.js';
import type { Charges } from '../sec/charges/charges.js';
import type { SecConfig } from '../sec/config.js';
import type { HeadEnd } from '../dcc-head-end/head-end.js';
import {
  MqttHubLink,
  SmwanCredentials,
  startEmbeddedBroker,
  type EmbeddedBroker,
  type HeadEndLink,
  type SmwanCa,
} from '../smwan/index.js';
import { HEAD_END_USER } from '../smwan/credentials.js';
import { createDashboard } from '../dashboard/index.js';
import { createDcc, injectTransport, type DccOptions } from './dcc-side.js';
import type { DefaultPartyName, PartyIdentity } from './default-parties.js';
import { buildPremises, premisesEui, premisesRecord, type Premises } from './premises.js';
import type { GatewayTransport } from './gateway-client.js';
import type { ClockControl } from './clock-control.js';

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
  /**
   * MQTT over TLS on the SMWAN (issue 17): this CA certifies the embedded broker, the head-end and
   * every hub; an external broker (`brokerUrl`, `mqtts://`) must trust it too.
   */
  readonly tls?: SmwanCa;
  readonly httpPort?: number;
  readonly httpHost?: string;
  /** Also open the DUIS gateway on this port (0: a free one). */
  readonly duisPort?: number;
  readonly smwanSecret: string;
  readonly partyKeysDir?: string;
  readonly adminToken?: string;
  readonly timeouts?: ResponseTimeouts;
  readonly withPpmid?: boolean;
  readonly webhookRetryDelaysMs?: readonly number[];
  readonly outageAlertDelayMs?: number;
  /** The SEC side's settings (sec/config.ts). */
  readonly sec?: Partial<SecConfig>;
  /** The charges' settings (sec/charges/config.ts), and `metering: false` to turn usage metering off. */
  readonly charges?: DccOptions['charges'];
  /**
   * Extra premises installed but not enrolled (BPM 01.01 still to do): devices on the HAN with
   * the supplier's credentials, absent from the DCC inventory; their meter points are registered.
   */
  readonly installedPremises?: number;
  readonly gsmeWakeMs?: number;
  /** How often each IHD refreshes its readings (default 10 s); long virtual waits go faster with less. */
  readonly ihdRefreshMs?: number;
  readonly paymentMode?: 'Credit' | 'Prepayment';
  readonly initialBalancePence?: number;
  /** The live web dashboard at /ui on the gateway's port (dashboard/). */
  readonly dashboard?: boolean;
  /** The gateway's logger (world/harness-log.ts); silent when absent. */
  readonly logger?: FastifyBaseLogger;
  /** Put the clock under the admin API, and pump a virtual one (world/clock-control.ts). */
  readonly controlClock?: boolean;
}

/** The whole emulated system in one process: broker, DCC head-end, User Gateway, premises, parties. */
export interface World {
  readonly broker: EmbeddedBroker | undefined;
  readonly brokerUrl: string;
  readonly headEnd: HeadEnd;
  readonly sec: Sec;
  /** The DCC's charges (sec/charges/). */
  readonly charges: Charges;
  readonly gateway: FastifyInstance;
  readonly gatewayUrl: string;
  /** The DUIS gateway's base URL, when duisPort was given. */
  readonly duisUrl: string | undefined;
  readonly adminToken: string;
  readonly parties: Readonly<Record<DefaultPartyName, PartyIdentity>>;
  readonly premises: readonly Premises[];
  /** The clock under control, when `controlClock` was asked for. */
  readonly clock: ClockControl | undefined;
  stop(): Promise<void>;
}

export async function startWorld(options: WorldOptions): Promise<World> {
  const { clock, crypto, seed } = options;
  const credentials = new SmwanCredentials(options.smwanSecret);
  const broker = options.brokerUrl
    ? undefined
    : await startEmbeddedBroker({
        credentials,
        port: options.mqttPort ?? 0,
        ...(options.tls ? { tls: await options.tls.issueServer() } : {}),
      });
  const brokerUrl = options.brokerUrl ?? broker!.url;
  const dashboard = options.dashboard ? createDashboard() : undefined;
  const dcc = createDcc({
    ...(dashboard ? { wrapLink: (link: HeadEndLink) => dashboard.wrapLink(link) } : {}),
    clock,
    crypto,
    seed,
    brokerUrl,
    smwanSecret: options.smwanSecret,
    ...(options.tls ? { smwanTls: await options.tls.issueClient(HEAD_END_USER) } : {}),
    ...pick(options, [
      'dataDir',
      'httpPort',
      'httpHost',
      'duisPort',
      'partyKeysDir',
      'adminToken',
      'timeouts',
      'webhookRetryDelaysMs',
      'outageAlertDelayMs',
      'sec',
      'charges',
      'logger',
      'controlClock',
    ]),
  });
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
      link: new MqttHubLink({
        url: brokerUrl,
        hub,
        secret: credentials.hubSecret(hub),
        ...(options.tls ? { tls: await options.tls.issueClient(hub) } : {}),
      }),
      ...dcc.anchors,
      ...(installedOnly ? { state: 'installed' as const } : {}),
      ...pick(options, ['withPpmid', 'gsmeWakeMs', 'ihdRefreshMs', 'paymentMode', 'initialBalancePence']),
    });
    if (installedOnly) dcc.registerMeterPoints(premisesRecord(home));
    else dcc.enrol(premisesRecord(home));
    premises.push(home);
  }
  dashboard?.attach(dcc.gateway, { clock, headEnd: dcc.headEnd, parties: dcc.parties, premises });
  const gatewayUrl = await dcc.start();
  for (const home of premises) await home.start();
  return {
    broker,
    brokerUrl,
    headEnd: dcc.headEnd,
    sec: dcc.sec,
    charges: dcc.charges,
    gateway: dcc.gateway,
    gatewayUrl,
    duisUrl: dcc.duisUrl(),
    adminToken: dcc.adminToken,
    parties: dcc.parties,
    premises,
    clock: dcc.clock,
    async stop() {
      for (const home of premises) await home.stop();
      await dcc.stop();
      await broker?.close();
    },
  };
}

/** The options that are set, so that optional properties stay absent rather than undefined. */
function pick<T extends object, K extends keyof T>(options: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const key of keys) if (options[key] !== undefined) out[key] = options[key];
  return out;
}

/** The world's gateway in process (see injectTransport). */
export function inProcessTransport(world: World): GatewayTransport {
  return injectTransport(world.gateway, world.gatewayUrl);
}
