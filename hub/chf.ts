import {
  decodeFrame,
  encodeFrame,
  signFrame,
  type CommandFrame,
  type Eui64,
  type Frame,
  type PlainValue,
} from '../protocol/index.js';
import { DeviceFirmware, type Execution, type FirmwareDeps } from '../device-core/firmware.js';
import { dispatch, type ServiceCommand } from '../device-core/handlers.js';
import type { HubLink } from '../protocol/wan-link.js';
import { CHF_HANDLERS } from './chf-handlers.js';
import { DeviceLog, type DeviceLogChange } from './device-log.js';
import type { SmhanBus } from './smhan-bus.js';

export interface ChfOptions {
  /** Frames held per absent device before the hub refuses more (reported, never silent). */
  readonly bufferPerDevice?: number;
  /** Frames held for the WAN while it is down. */
  readonly upBufferLimit?: number;
}

export interface ChfStats {
  routedDown: number;
  routedUp: number;
  malformedDown: number;
  /** Frames from devices not in the device log, dropped. */
  droppedNotInLog: number;
  buffered: number;
  bufferOverflows: number;
  upBufferOverflows: number;
  /** Commands refused as past their expiry, on arrival or when their device came back. */
  expired: number;
  /** The same command (originator, counter) delivered twice by the SMWAN, dropped. */
  duplicatesDropped: number;
}

/** How many recent commands the hub remembers to drop a redelivery (MQTT QoS 1 is at least once). */
const RECENT_COMMANDS = 1024;

/**
 * The Communications Hub Function: the WAN side of the premises. It owns the HAN, keeps the
 * device log, routes commands down by recipient (gas meter commands to the GPF mailbox), passes
 * responses and alerts up, and holds frames for devices that are away, within a bound.
 */
export class CommsHub extends DeviceFirmware {
  readonly deviceLog = new DeviceLog();
  readonly routing: ChfStats = {
    routedDown: 0,
    routedUp: 0,
    malformedDown: 0,
    droppedNotInLog: 0,
    buffered: 0,
    bufferOverflows: 0,
    upBufferOverflows: 0,
    expired: 0,
    duplicatesDropped: 0,
  };
  /** The GPF on this hub; set when the premises is wired. */
  gpf: Eui64 | undefined;
  private readonly held = new Map<Eui64, HeldCommand[]>();
  private readonly recent = new RecentCommands(RECENT_COMMANDS);
  private readonly upHeld: Uint8Array[] = [];
  private readonly bufferPerDevice: number;
  private readonly upBufferLimit: number;

  constructor(
    deps: FirmwareDeps,
    private readonly link: HubLink,
    private readonly bus: SmhanBus,
    options: ChfOptions = {},
  ) {
    super(deps);
    this.bufferPerDevice = options.bufferPerDevice ?? 16;
    this.upBufferLimit = options.upBufferLimit ?? 256;
    link.onDown((bytes, expiresAt) => this.fromWan(bytes, expiresAt));
    bus.onReachable((eui) => this.flush(eui));
  }

  /** Connect to the SMWAN and pass up anything held while it was down. */
  async start(): Promise<void> {
    this.powered = true;
    await this.link.open();
    for (const bytes of this.upHeld.splice(0)) this.sendUp(bytes);
  }

  /** Power cut at the premises: the WAN connection drops without a goodbye (the broker's last will). */
  async powerCut(): Promise<void> {
    this.powered = false;
    await this.link.close({ graceful: false });
  }

  async powerRestore(): Promise<void> {
    await this.start();
  }

  get isOnline(): boolean {
    return this.link.isOpen;
  }

  /** Frames waiting for an absent device. */
  heldFor(eui: Eui64): number {
    return this.held.get(eui)?.length ?? 0;
  }

  // ---- down: WAN → HAN

  /** `topicExpiry`: the DCC's deadline from the down topic (protocol/topics.ts `downTopic`). */
  private fromWan(bytes: Uint8Array, topicExpiry: number | undefined): void {
    if (!this.powered) return;
    const frame = this.decodeOrCount(bytes, () => this.routing.malformedDown++);
    if (frame?.kind !== 'command') return;
    const expiresAt = topicExpiry ?? frame.header.expiresAt;
    // The DCC re-sends what may have been lost with a broker (command-dispatch.ts): a second
    // copy of a command already routed is dropped here, before a device sees it as a replay
    // and raises 0x8F3D.
    if (!this.recent.first(frame)) {
      this.routing.duplicatesDropped++;
      return;
    }
    if (this.expired(frame, expiresAt)) return;
    const to = frame.header.recipient;
    if (to === this.eui) return this.handleFrame(to, frame);
    const held: HeldCommand = { bytes, frame, expiresAt };
    if (to === this.gpf) return this.toHan(to, held);
    const type = this.deviceLog.typeOf(to);
    if (!type) {
      // FACTS: only devices in the device log may be reached; tell the requester why.
      this.refuse(frame, 'NOT_IN_DEVICE_LOG', `${to} is not in the device log of hub ${this.eui}`);
      return;
    }
    // FACTS: only devices in the device log may join the HAN, whoever asks for the join.
    const joining =
      frame.serviceRequest === '8.7.1' || frame.serviceRequest === '8.7.2'
        ? (frame.payload as { device?: unknown } | null)?.device
        : undefined;
    if (typeof joining === 'string' && !this.deviceLog.has(joining.toUpperCase() as Eui64)) {
      this.refuse(frame, 'NOT_IN_DEVICE_LOG', `${joining} cannot join: it is not in the device log of hub ${this.eui}`);
      return;
    }
    // A sleeping gas meter is reached through the GPF mailbox.
    if (type === 'GSME' && this.gpf) return this.toHan(this.gpf, held);
    this.toHan(to, held);
  }

  private toHan(to: Eui64, held: HeldCommand): void {
    const { bytes, frame } = held;
    if (this.bus.isReachable(to)) {
      this.routing.routedDown++;
      this.deps.han.send(to, bytes);
      return;
    }
    const queue = this.held.get(to) ?? [];
    if (queue.length >= this.bufferPerDevice) {
      this.routing.bufferOverflows++;
      this.refuse(frame, 'HAN_BUFFER_FULL', `${to} is away and ${queue.length} frames already wait for it`);
      return;
    }
    queue.push(held);
    this.held.set(to, queue);
    this.routing.buffered++;
  }

  private flush(eui: Eui64): void {
    const queue = this.held.get(eui);
    if (!queue) return;
    this.held.delete(eui);
    for (const held of queue) {
      if (this.expired(held.frame, held.expiresAt)) continue;
      this.routing.routedDown++;
      this.deps.han.send(eui, held.bytes);
    }
  }

  /**
   * A command past its expiry (the DCC's response deadline, carried by the down topic,
   * protocol/topics.ts `downTopic`; or, from a caller that has no topic, the frame's) is not passed on:
   * the party was already told E20/E21. The hub answers COMMAND_EXPIRED, which the DCC delivers to
   * the party as a late answer. GBCS gives the hub no such check (emulator choice, documented in
   * docs/ARCHITECTURE.md "What a timed-out command does"); the device checks it too.
   */
  private expired(frame: CommandFrame, expiresAt: number | undefined): boolean {
    if (expiresAt === undefined || this.deps.clock.now() <= expiresAt) return false;
    this.routing.expired++;
    this.refuse(frame, 'COMMAND_EXPIRED', `the command expired at ${new Date(expiresAt).toISOString()}`);
    return true;
  }

  private refuse(
    command: CommandFrame,
    status: 'NOT_IN_DEVICE_LOG' | 'HAN_BUFFER_FULL' | 'COMMAND_EXPIRED',
    reason: string,
  ): void {
    this.stats.refused++;
    this.respond(command, status, { reason, device: command.header.recipient });
  }

  // ---- up: HAN → WAN

  /** Frames from devices, addressed to the hub: responses and alerts on their way to the DCC. */
  override receive(from: Eui64, bytes: Uint8Array): void {
    if (!this.powered) return;
    if (!this.deviceLog.has(from) && from !== this.gpf) {
      this.routing.droppedNotInLog++;
      return;
    }
    let frame: Frame;
    try {
      frame = decodeFrame(bytes);
    } catch {
      this.stats.malformed++;
      return;
    }
    // Only what a device says for itself goes up; a device cannot speak for another.
    if (frame.kind === 'command' || frame.header.originator !== from) return;
    this.sendUp(bytes);
  }

  private sendUp(bytes: Uint8Array): void {
    if (!this.link.isOpen) {
      if (this.upHeld.length >= this.upBufferLimit) this.routing.upBufferOverflows++;
      else this.upHeld.push(bytes);
      return;
    }
    this.routing.routedUp++;
    this.link.sendUp(bytes).catch(() => {
      // The link dropped between the check and the send: hold it for the reconnect.
      if (this.upHeld.length < this.upBufferLimit) this.upHeld.push(bytes);
      else this.routing.upBufferOverflows++;
    });
  }

  /** The hub signs its own responses and alerts and sends them straight up. */
  protected override sendSigned(frame: Frame): void {
    this.sendUp(encodeFrame(signFrame(this.deps.crypto, frame, 'Device', this.eui, this.deps.keys.ds)));
  }

  // ---- the hub's own service requests (hub/chf-handlers.ts)

  protected execute(command: ServiceCommand): Execution {
    return dispatch(CHF_HANDLERS, this, command);
  }

  /** SR 8.11: add and remove device log entries; frames held for a removed device are dropped. */
  updateDeviceLog(change: DeviceLogChange): void {
    for (const { device, type } of change.add) this.deviceLog.add(device, type);
    for (const device of change.remove) {
      this.deviceLog.remove(device);
      this.held.delete(device);
    }
  }

  deviceLogPayload(): PlainValue {
    return this.deviceLog.list().map((e) => ({ device: e.device, type: e.type }));
  }
}

/** A command held for a device that is away, with the deadline it came with. */
interface HeldCommand {
  readonly bytes: Uint8Array;
  readonly frame: CommandFrame;
  readonly expiresAt: number | undefined;
}

/** A bounded memory of (originator, counter) pairs seen, oldest forgotten first. */
class RecentCommands {
  private readonly seen = new Set<string>();
  constructor(private readonly limit: number) {}

  /**
   * True the first time this command is seen. The same command is the same (originator, counter)
   * with the same signatures: the DCC sends the same bytes again. A different frame under a used
   * counter is not a redelivery but a replay, and goes on for the device to refuse and report.
   */
  first(frame: CommandFrame): boolean {
    const signatures = frame.signatures.map((s) => Buffer.from(s.value).toString('base64')).join(',');
    const key = `${frame.header.originator}:${frame.header.counter}:${signatures}`;
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    if (this.seen.size > this.limit) this.seen.delete(this.seen.values().next().value!);
    return true;
  }
}
