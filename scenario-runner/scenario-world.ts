import {
  nodeCrypto,
  VirtualClock,
  RealClock,
  parseEui,
  type Clock,
  type EcPrivateKey,
  type Eui64,
} from '../protocol/index.js';
import type { DeviceFirmware } from '../device-core/firmware.js';
import { MeterFirmware } from '../meter-core/meter-firmware.js';
import { Ihd } from '../ihd/ihd.js';
import { inProcessTransport, startWorld, type World } from '../world/dcc-world.js';
import { GatewayClient, httpTransport, type GatewayTransport, type InboxEntry } from '../world/gateway-client.js';
import type { DefaultPartyName } from '../world/default-parties.js';
import type { Premises } from '../world/premises.js';
import type { Scenario } from './scenario.js';
import { dirname, resolve } from 'node:path';
import { DEFAULT_TARIFF, tariffFromPayload } from '../meter-core/tariff.js';

/** Scenario time starts here on the virtual clock, so that reports replay byte for byte. */
export const SCENARIO_EPOCH = Date.UTC(2026, 0, 5, 9, 0);

export interface RunOptions {
  readonly seed: string;
  readonly clock: 'virtual' | 'real';
  readonly brokerUrl?: string;
  readonly smwanSecret: string;
  /** Party stubs over real HTTP instead of in process. */
  readonly http?: boolean;
}

/**
 * One scenario's running system: the world (broker, head-end, gateway, premises), a stub client
 * per party, and the pump that lets the network and the virtual clock settle.
 */
export class ScenarioWorld {
  private readonly clients = new Map<DefaultPartyName, GatewayClient>();
  /** Replacement meters made by the consumer action replaceEsme, by premises. */
  readonly replacements = new Map<number, DeviceFirmware>();

  private constructor(
    readonly world: World,
    readonly clock: Clock,
    private readonly transport: GatewayTransport,
  ) {}

  static async start(scenario: Scenario, options: RunOptions): Promise<ScenarioWorld> {
    const clock = options.clock === 'virtual' ? new VirtualClock(SCENARIO_EPOCH) : new RealClock();
    const fleet = scenario.fleet ?? {};
    const world = await startWorld({
      premises: fleet.premises ?? 1,
      clock,
      crypto: nodeCrypto,
      seed: `${options.seed}/${scenario.name}`,
      smwanSecret: options.smwanSecret,
      ...(options.brokerUrl ? { brokerUrl: options.brokerUrl } : {}),
      ...(fleet.withPpmid ? { withPpmid: true } : {}),
      ...(fleet.paymentMode ? { paymentMode: fleet.paymentMode } : {}),
      ...(fleet.initialBalancePence !== undefined ? { initialBalancePence: fleet.initialBalancePence } : {}),
      ...(fleet.gsmeWakeMinutes !== undefined ? { gsmeWakeMs: fleet.gsmeWakeMinutes * 60_000 } : {}),
      ...(fleet.ihdRefreshMinutes !== undefined ? { ihdRefreshMs: fleet.ihdRefreshMinutes * 60_000 } : {}),
      ...(fleet.installed ? { installedPremises: fleet.installed } : {}),
      // Key folders are named relative to the scenario file.
      ...(scenario.parties?.keysFrom
        ? { partyKeysDir: resolve(dirname(scenario.file), scenario.parties.keysFrom) }
        : {}),
    });
    if (fleet.tariff) {
      const tariff = tariffFromPayload(fleet.tariff as never, DEFAULT_TARIFF);
      for (const home of world.premises) for (const meter of [home.esme, home.gsme]) meter.tariff = tariff;
    }
    for (const change of scenario.registration ?? []) {
      const home = world.premises[(change.premises ?? 1) - 1];
      if (!home) throw new Error(`registration: there is no premises ${change.premises}`);
      world.headEnd.admin.register(
        change.point === 'gas' ? home.mprn : home.mpan,
        change.role as never,
        world.parties[change.party].eui,
        clock.now(),
      );
    }
    const scenarioWorld = new ScenarioWorld(world, clock, options.http ? httpTransport : inProcessTransport(world));
    await scenarioWorld.settle();
    return scenarioWorld;
  }

  client(name: DefaultPartyName): GatewayClient {
    let client = this.clients.get(name);
    if (!client) {
      const party = this.world.parties[name];
      client = new GatewayClient(this.world.gatewayUrl, party.eui, party.ds, nodeCrypto, this.clock, this.transport);
      this.clients.set(name, client);
    }
    return client;
  }

  /** A client for a party the scenario made itself (the SEC applicant), on the same transport. */
  clientFor(eui: Eui64, key: EcPrivateKey): GatewayClient {
    return new GatewayClient(this.world.gatewayUrl, eui, key, nodeCrypto, this.clock, this.transport);
  }

  premises(index: number): Premises {
    const home = this.world.premises[index - 1];
    if (!home) throw new Error(`there is no premises ${index} (the fleet has ${this.world.premises.length})`);
    return home;
  }

  /** A device named in a step: esme, gsme, hub, gpf, ihd, ppmid of a premises, or an EUI-64. */
  device(ref: string, index: number): { eui: Eui64; firmware: DeviceFirmware | undefined } {
    const home = this.premises(index);
    const named: Record<string, DeviceFirmware | undefined> = {
      esme: home.esme,
      gsme: home.gsme,
      hub: home.hub,
      gpf: home.gpf,
      ihd: home.ihd,
      ppmid: home.ppmid,
      newEsme: this.replacements.get(index),
    };
    if (ref in named) {
      const firmware = named[ref];
      if (!firmware) throw new Error(`premises ${index} has no ${ref}`);
      return { eui: firmware.eui, firmware };
    }
    const eui = parseEui(ref, 'to');
    return { eui, firmware: home.devices.find((d) => d.eui === eui) };
  }

  /**
   * Names a step may use for its premises: `${esme}` (the EUI), `${esme.ds}` and `${esme.ka}`
   * (its public keys, base64), likewise for every device, and `${mpan}`, `${mprn}`, `${index}`.
   */
  variables(index: number): Map<string, unknown> {
    const home = this.premises(index);
    const out = new Map<string, unknown>([
      ['mpan', home.mpan],
      ['mprn', home.mprn],
      ['index', index],
    ]);
    const devices: [string, DeviceFirmware | undefined][] = [
      ['esme', home.esme],
      ['gsme', home.gsme],
      ['hub', home.hub],
      ['gpf', home.gpf],
      ['ihd', home.ihd],
      ['ppmid', home.ppmid],
      ['newEsme', this.replacements.get(index)],
    ];
    for (const [name, device] of devices) {
      if (!device) continue;
      const keys = home.keys.get(device.eui)!;
      out.set(name, device.eui);
      out.set(`${name}.ds`, Buffer.from(keys.ds.publicKey.point).toString('base64'));
      out.set(`${name}.ka`, Buffer.from(keys.ka.publicKey.point).toString('base64'));
    }
    return out;
  }

  /** Let frames cross the broker and the HAN: real turns of the event loop, and due virtual timers. */
  async settle(rounds = 4): Promise<void> {
    for (let i = 0; i < rounds; i++) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      if (this.clock instanceof VirtualClock) await this.clock.advanceAsync(0);
    }
  }

  /**
   * Advance time: the virtual clock jumps (firing timers on the way); a real one is waited out.
   * While a command is out with a device, the jump goes in 20-second strides (under the 30-second margin of a response deadline) with the network
   * settling in between: a gas meter's answer at its wake must cross the broker (real time)
   * before the virtual clock reaches that request's deadline.
   */
  async advance(ms: number): Promise<void> {
    if (!(this.clock instanceof VirtualClock)) {
      await new Promise((resolve) => setTimeout(resolve, ms));
      await this.settle();
      return;
    }
    let left = ms;
    while (left > 0) {
      const stride = this.world.headEnd.inFlight() > 0 ? Math.min(left, 20_000) : left;
      await this.clock.advanceAsync(stride);
      await this.settle(1);
      left -= stride;
    }
    await this.settle();
  }

  /** Read every party stub's inbox up to now (each keeps what it read). */
  async drain(name: DefaultPartyName): Promise<readonly InboxEntry[]> {
    const client = this.client(name);
    await client.drain(0);
    return client.received;
  }

  stop(): Promise<void> {
    return this.world.stop();
  }
}

/** What a step may assert about a device: a flat view of its state. */
export function deviceState(device: DeviceFirmware): Record<string, unknown> {
  const state: Record<string, unknown> = {
    lifecycle: device.lifecycle,
    firmwareVersion: device.identity.firmwareVersion,
    type: device.identity.type,
  };
  if (device instanceof MeterFirmware) {
    device.accrue();
    Object.assign(state, {
      supply: device.supply,
      paymentMode: device.paymentMode,
      balancePence: Math.round(device.prepayment.balance * 100) / 100,
      emergencyCreditActive: device.prepayment.emergencyCreditActive,
      supplier: device.trust.get('Supplier')?.eui,
      mpxn: device.mpxn,
      registerUnits: device.registerUnits,
      joined: [...device.joined],
    });
  }
  if (device instanceof Ihd) Object.assign(state, { joinedMeters: device.joinedMeters, screen: device.screen() });
  return state;
}
