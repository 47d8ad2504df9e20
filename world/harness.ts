import { randomBytes } from 'node:crypto';
import { nodeCrypto, parseDuration, RealClock, VirtualClock, type Eui64 } from '../protocol/index.js';
import type { DeviceFirmware } from '../device-core/firmware.js';
import { deviceState } from '../scenario-runner/scenario-world.js';
import { inProcessTransport, startWorld, type World } from './dcc-world.js';
import type { DefaultPartyName } from './default-parties.js';
import { GatewayClient, httpTransport } from './gateway-client.js';
import type { Premises } from './premises.js';

export interface HarnessOptions {
  /** Homes of emulated devices (hub, ESME, GSME, IHD; a PPMID with `withPpmid`); default 1. */
  readonly premises?: number;
  /** Seeds every key and the consumption; the same seed gives the same fleet. Default `'1'`. */
  readonly seed?: string;
  /** `virtual` (default): time moves only by `advance`. `real`: the wall clock. */
  readonly clock?: 'virtual' | 'real';
  /** Where a virtual clock starts; default 2026-01-05T09:00:00Z, as the scenario runner. */
  readonly start?: Date | number;
  /** Party clients over real HTTP to the gateway's port instead of in process (fastify inject). */
  readonly http?: boolean;
  readonly withPpmid?: boolean;
  readonly paymentMode?: 'Credit' | 'Prepayment';
  readonly initialBalancePence?: number;
  /** Keep the head-end's state here (SQLite); in memory by default. */
  readonly dataDir?: string;
}

/** A running harness: the world, a signed client per party, and the clock. */
export interface Harness {
  readonly world: World;
  readonly gatewayUrl: string;
  /** Premises by number, from 1. */
  premises(index: number): Premises;
  /** The signed gateway client of a default party (supplier, supplier2, networkOperator, ...). */
  party(name: DefaultPartyName): GatewayClient;
  /** The DCC's and the devices' time, ms since the epoch. */
  now(): number;
  /** Move a virtual clock forward (`'30m'`, `'1h30m'`, or ms): meters accrue, the gas meter wakes. */
  advance(by: string | number): Promise<void>;
  /** A flat view of a device: lifecycle, supply, balance, registers, the IHD's screen ... */
  deviceState(device: DeviceFirmware | Eui64): Record<string, unknown>;
  stop(): Promise<void>;
}

export const HARNESS_EPOCH = Date.UTC(2026, 0, 5, 9, 0);

/**
 * Start the whole system in this process, on the embedded broker (a free port). Party clients
 * sign every call exactly as an external head-end must (docs/api.md), and sign with the wall
 * clock: under a virtual clock the gateway checks X-Smetsim-Date against wall time.
 */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const clock = options.clock === 'real' ? new RealClock() : new VirtualClock(options.start ?? HARNESS_EPOCH);
  const world = await startWorld({
    premises: options.premises ?? 1,
    clock,
    crypto: nodeCrypto,
    seed: options.seed ?? '1',
    smwanSecret: randomBytes(16).toString('hex'),
    controlClock: true,
    ...(options.withPpmid ? { withPpmid: true } : {}),
    ...(options.paymentMode ? { paymentMode: options.paymentMode } : {}),
    ...(options.initialBalancePence !== undefined ? { initialBalancePence: options.initialBalancePence } : {}),
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
  });
  const wall = new RealClock();
  const transport = options.http ? httpTransport : inProcessTransport(world);
  const clients = new Map<DefaultPartyName, GatewayClient>();
  const control = world.clock!;
  return {
    world,
    gatewayUrl: world.gatewayUrl,
    premises(index) {
      const home = world.premises[index - 1];
      if (!home) throw new RangeError(`there is no premises ${index} (the harness has ${world.premises.length})`);
      return home;
    },
    party(name) {
      let client = clients.get(name);
      if (!client) {
        const party = world.parties[name];
        client = new GatewayClient(world.gatewayUrl, party.eui, party.ds, nodeCrypto, wall, transport);
        clients.set(name, client);
      }
      return client;
    },
    now: () => control.now(),
    async advance(by) {
      if (control.mode !== 'virtual') throw new RangeError('only a virtual clock can be advanced (clock: "virtual")');
      await control.advance(typeof by === 'number' ? by : parseDuration(by, 'by'));
    },
    deviceState(device) {
      if (typeof device !== 'string') return deviceState(device);
      const found = world.premises.flatMap((home) => home.devices).find((d) => d.eui === device);
      if (!found) throw new RangeError(`no device ${device} in the harness`);
      return deviceState(found);
    },
    stop: () => world.stop(),
  };
}
