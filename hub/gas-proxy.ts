import {
  encodeFrame,
  type ServiceReferenceVariant,
  CounterWindow,
  type CommandFrame,
  type Eui64,
  type Frame,
  type PlainValue,
} from '../protocol/index.js';
import { guardCommand } from '../device-core/command-guard.js';
import { DeviceFirmware, type Execution, type FirmwareDeps } from '../device-core/firmware.js';
import { HAN_MESSAGES, MIRRORED_READS } from '../protocol/han-messages.js';
import { JoinedDevices } from '../device-core/lifecycles.js';
import { dispatch, isServiceCommand, type ServiceCommand } from '../device-core/handlers.js';
import { GPF_HANDLERS } from './gpf-handlers.js';

export interface GasProxyOptions {
  /** Frames held per gas meter before the GPF refuses more. */
  readonly mailboxLimit?: number;
}

interface Mirror {
  readonly at: number;
  readonly reads: { readonly [sr: string]: PlainValue };
  readonly display: PlainValue;
}

const MIRRORED: ReadonlySet<ServiceReferenceVariant> = new Set(MIRRORED_READS);

/**
 * The Gas Proxy Function (FACTS: GPF). It keeps a mirror of each gas meter's data and answers the
 * reads the mirror can answer at once; every other command waits in the meter's mailbox until the
 * meter wakes. Displays read gas data from the mirror, never from the sleeping meter.
 */
export class GasProxy extends DeviceFirmware {
  private readonly mirrors = new Map<Eui64, Mirror>();
  private readonly mailboxes = new Map<Eui64, Uint8Array[]>();
  /** Anti-replay for the commands the GPF answers on a gas meter's behalf. */
  private readonly proxyCounters = new Map<Eui64, CounterWindow>();
  readonly joined = new JoinedDevices();
  readonly gasMeters = new Set<Eui64>();
  mailboxOverflows = 0;
  private readonly mailboxLimit: number;

  constructor(deps: FirmwareDeps, options: GasProxyOptions = {}) {
    super(deps);
    this.mailboxLimit = options.mailboxLimit ?? 32;
  }

  /** Wiring at install: this GPF proxies for that gas meter. */
  addGasMeter(gsme: Eui64): void {
    this.gasMeters.add(gsme);
  }

  /** SR 8.7 at the GPF: a display joins and may read the gas mirror. */
  join(device: Eui64): void {
    this.joined.join(device);
    this.deps.han.send(device, encodeFrame(this.local(device, HAN_MESSAGES.JOINED, { meter: this.eui, type: 'GPF' })));
  }

  unjoin(device: Eui64): void {
    this.joined.unjoin(device);
    this.deps.han.send(device, encodeFrame(this.local(device, HAN_MESSAGES.UNJOINED, { meter: this.eui })));
  }

  mailboxSize(gsme: Eui64): number {
    return this.mailboxes.get(gsme)?.length ?? 0;
  }

  mirrorOf(gsme: Eui64): Mirror | undefined {
    return this.mirrors.get(gsme);
  }

  override receive(from: Eui64, bytes: Uint8Array): void {
    if (!this.powered) return;
    const frame = this.decodeOrCount(bytes);
    if (!frame) return;
    const to = frame.header.recipient;
    if (frame.kind === 'command' && this.gasMeters.has(to)) return this.forGasMeter(to, bytes, frame);
    if (frame.kind === 'command' && this.gasMeters.has(from)) return this.fromGasMeter(from, frame);
    this.handleFrame(from, frame);
  }

  private forGasMeter(gsme: Eui64, bytes: Uint8Array, frame: CommandFrame): void {
    if (isServiceCommand(frame) && MIRRORED.has(frame.serviceRequest) && this.mirrors.has(gsme)) {
      this.answerFromMirror(gsme, frame);
      return;
    }
    const mailbox = this.mailboxes.get(gsme) ?? [];
    if (mailbox.length >= this.mailboxLimit) {
      this.mailboxOverflows++;
      if (isServiceCommand(frame)) this.respond(frame, 'HAN_BUFFER_FULL', { reason: `the mailbox of ${gsme} is full` });
      return;
    }
    mailbox.push(bytes);
    this.mailboxes.set(gsme, mailbox);
  }

  /** A read answered from the mirror, after the same checks the meter itself would make. */
  private answerFromMirror(gsme: Eui64, command: ServiceCommand): void {
    let counters = this.proxyCounters.get(gsme);
    if (!counters) this.proxyCounters.set(gsme, (counters = new CounterWindow()));
    const verdict = guardCommand(
      { self: gsme, crypto: this.deps.crypto, trust: this.deps.trust, counters, now: this.deps.clock.now() },
      command,
      undefined,
    );
    if (!verdict.ok) {
      this.respond(command, verdict.status, { reason: verdict.reason });
      if (verdict.alert !== undefined)
        this.raiseAlert(verdict.alert, { serviceRequest: command.serviceRequest, reason: verdict.reason });
      return;
    }
    const mirror = this.mirrors.get(gsme)!;
    this.respond(command, 'OK', {
      ...(mirror.reads[command.serviceRequest] as object),
      mirroredAt: mirror.at,
      meter: gsme,
    });
  }

  private fromGasMeter(gsme: Eui64, frame: CommandFrame): void {
    switch (frame.serviceRequest) {
      case HAN_MESSAGES.MIRROR: {
        const data = frame.payload as { at?: unknown; reads?: unknown; display?: PlainValue } | null;
        if (data && typeof data.at === 'number' && data.reads && typeof data.reads === 'object') {
          this.mirrors.set(gsme, { at: data.at, reads: data.reads as Mirror['reads'], display: data.display ?? null });
        }
        return;
      }
      case HAN_MESSAGES.WAKE: {
        const mailbox = this.mailboxes.get(gsme) ?? [];
        this.mailboxes.delete(gsme);
        for (const bytes of mailbox) this.deps.han.send(gsme, bytes);
        this.deps.han.send(gsme, encodeFrame(this.local(gsme, HAN_MESSAGES.SLEEP, { delivered: mailbox.length })));
        return;
      }
    }
  }

  /** Displays joined to the GPF read gas data from the mirror. */
  protected override receiveLocal(from: Eui64, frame: Frame): void {
    if (frame.kind !== 'command' || frame.serviceRequest !== HAN_MESSAGES.READ || !this.joined.has(from)) return;
    for (const mirror of this.mirrors.values())
      this.deps.han.send(from, encodeFrame(this.local(from, HAN_MESSAGES.READING, mirror.display)));
  }

  private local(to: Eui64, code: string, payload: PlainValue): Frame {
    return {
      kind: 'command',
      header: {
        originator: this.eui,
        recipient: to,
        counter: this.ownCounter.next(),
        createdAt: this.deps.clock.now(),
      },
      serviceRequest: code,
      payload,
      signatures: [],
    };
  }

  /** The GPF's own service requests (hub/gpf-handlers.ts). */
  protected execute(command: ServiceCommand): Execution {
    return dispatch(GPF_HANDLERS, this, command);
  }
}
