import {
  ALERT,
  CounterSource,
  CounterWindow,
  decodeFrame,
  encodeFrame,
  FrameError,
  serviceRequest,
  signFrame,
  type AlertFrame,
  type Clock,
  type CommandFrame,
  type CryptoProvider,
  type DeviceAlertCode,
  type DeviceTrustRole,
  type Eui64,
  type Frame,
  type PlainValue,
  type ResponseFrame,
} from '../protocol/index.js';
import type { DeviceType } from '../protocol/device-type.js';
import type { HanEndpoint } from '../protocol/han-endpoint.js';
import { guardCommand } from './command-guard.js';
import type { DeviceKeys } from './device-keys.js';
import type { DeviceStatus } from '../protocol/device-status.js';
import { DEVICE_LIFECYCLE, type DeviceLifecycle } from './lifecycles.js';
import { isServiceCommand, type ServiceCommand } from './handlers.js';
import { PayloadError } from './payload.js';
import { IllegalTransitionError } from '../protocol/state-machine.js';
import type { TrustStore } from './trust-store.js';

export interface DeviceIdentity {
  readonly eui: Eui64;
  readonly type: DeviceType;
  firmwareVersion: string;
}

export interface FirmwareDeps {
  readonly identity: DeviceIdentity;
  readonly keys: DeviceKeys;
  readonly trust: TrustStore;
  readonly clock: Clock;
  readonly crypto: CryptoProvider;
  readonly han: HanEndpoint;
  /** Where responses and alerts go over the HAN: the hub's CHF, which passes them up. */
  readonly hub: Eui64;
}

/** What a service-request handler returns; a throw of PayloadError or IllegalTransitionError is a refusal. */
export interface Execution {
  readonly status: DeviceStatus;
  readonly payload?: PlainValue;
  /** Alerts the execution raises, after the response. */
  readonly alerts?: readonly { readonly code: DeviceAlertCode; readonly payload?: PlainValue }[];
}

/** Counts of what a device did with what it received; read by tests and the soak report. */
export interface DeviceStats {
  received: number;
  malformed: number;
  refused: number;
  executed: number;
  alerts: number;
  internalErrors: number;
}

/**
 * What every device model shares: decode strictly, check signatures and counters, execute or
 * refuse, answer signed, raise alerts. A device never throws out of `receive`, whatever arrives.
 */
export abstract class DeviceFirmware {
  readonly identity: DeviceIdentity;
  lifecycle: DeviceLifecycle = 'Installed';
  readonly counters = new CounterWindow();
  readonly stats: DeviceStats = { received: 0, malformed: 0, refused: 0, executed: 0, alerts: 0, internalErrors: 0 };
  /** Alert codes switched off by SR 6.22. */
  readonly disabledAlerts = new Set<number>();
  protected readonly ownCounter: CounterSource;
  protected powered = true;

  constructor(protected readonly deps: FirmwareDeps) {
    this.identity = deps.identity;
    this.ownCounter = new CounterSource(counterSeed(deps.clock.now()));
    deps.han.onFrame((from, bytes) => this.receive(from, bytes));
  }

  get eui(): Eui64 {
    return this.identity.eui;
  }

  get trust(): TrustStore {
    return this.deps.trust;
  }

  /** Execute one service request; the base class has already authenticated it. */
  protected abstract execute(command: ServiceCommand): Execution;

  /** Local HAN traffic between joined devices (IHD reads, PPMID UTRN entry). Default: ignored. */
  protected receiveLocal(_from: Eui64, _frame: Frame): void {}

  /** Entry point for every frame off the HAN. */
  receive(from: Eui64, bytes: Uint8Array): void {
    if (!this.powered) return;
    this.stats.received++;
    const frame = this.decodeOrCount(bytes);
    if (frame) this.handleFrame(from, frame);
  }

  /** Strict decode; a refused frame is counted (malformed) and dropped, never thrown. */
  protected decodeOrCount(
    bytes: Uint8Array,
    onMalformed: () => void = () => this.stats.malformed++,
  ): Frame | undefined {
    try {
      return decodeFrame(bytes);
    } catch (error) {
      if (!(error instanceof FrameError)) this.stats.internalErrors++;
      onMalformed();
      return undefined;
    }
  }

  /** Dispatch a decoded frame: DUIS commands through the guard, the rest as local HAN traffic. */
  protected handleFrame(from: Eui64, frame: Frame): void {
    try {
      if (isServiceCommand(frame)) this.receiveCommand(frame);
      else this.receiveLocal(from, frame);
    } catch (error) {
      // A bug in a model must cost one frame, never the device.
      this.stats.internalErrors++;
      this.onInternalError(error);
    }
  }

  /** The last model bug a frame hit, kept for diagnosis (the device carried on). */
  lastInternalError: string | undefined;

  protected onInternalError(error: unknown): void {
    this.lastInternalError = error instanceof Error ? (error.stack ?? error.message) : String(error);
  }

  /** Which signature besides the ACB's a command needs: the Supplier's for critical commands. */
  protected authorityFor(command: ServiceCommand): DeviceTrustRole | undefined {
    if (command.serviceRequest === '6.23') return 'TransitionalCoS';
    return serviceRequest(command.serviceRequest).critical ? 'Supplier' : undefined;
  }

  private receiveCommand(command: ServiceCommand): void {
    const verdict = guardCommand(
      {
        self: this.eui,
        crypto: this.deps.crypto,
        trust: this.deps.trust,
        counters: this.counters,
        now: this.deps.clock.now(),
      },
      command,
      this.authorityFor(command),
    );
    if (!verdict.ok) {
      this.stats.refused++;
      if (verdict.status !== 'NOT_FOR_THIS_DEVICE') this.respond(command, verdict.status, { reason: verdict.reason });
      if (verdict.alert !== undefined)
        this.raiseAlert(verdict.alert, {
          serviceRequest: command.serviceRequest,
          originator: command.header.originator,
          reason: verdict.reason,
        });
      return;
    }
    const executeAt = command.header.executeAt;
    if (executeAt !== undefined && executeAt > this.deps.clock.now()) {
      this.respond(command, 'SCHEDULED', { executeAt });
      this.deps.clock.setTimeout(() => this.runFutureDated(command), executeAt - this.deps.clock.now());
      return;
    }
    const result = this.run(command);
    this.respond(command, result.status, result.payload ?? null);
    for (const alert of result.alerts ?? []) this.raiseAlert(alert.code, alert.payload ?? null);
  }

  private runFutureDated(command: ServiceCommand): void {
    if (!this.powered) return;
    const result = this.run(command);
    const actioned = result.status === 'OK';
    this.raiseAlert(actioned ? ALERT.FutureDatedCommandActioned : ALERT.FutureDatedCommandNotActioned, {
      serviceRequest: command.serviceRequest,
      requester: command.header.originator,
      requestCounter: command.header.counter.toString(),
      status: result.status,
      result: result.payload ?? null,
    });
    for (const alert of result.alerts ?? []) this.raiseAlert(alert.code, alert.payload ?? null);
  }

  /** Execute, turning refusals into statuses: nothing a command carries can crash the device. */
  private run(command: ServiceCommand): Execution {
    if (this.lifecycle === 'Decommissioned')
      return { status: 'INVALID_STATE', payload: { reason: 'device is decommissioned' } };
    try {
      const result = this.execute(command);
      if (result.status === 'OK') this.stats.executed++;
      return result;
    } catch (error) {
      if (error instanceof PayloadError)
        return { status: 'BAD_PAYLOAD', payload: { field: error.field ?? null, reason: error.message } };
      if (error instanceof IllegalTransitionError)
        return { status: 'INVALID_STATE', payload: { reason: error.message } };
      this.stats.internalErrors++;
      this.onInternalError(error);
      return { status: 'INTERNAL_ERROR', payload: { reason: error instanceof Error ? error.message : String(error) } };
    }
  }

  /** SR 8.1.1: commissioning moves the lifecycle on; a common handler for every device type. */
  commission(): Execution {
    this.lifecycle = DEVICE_LIFECYCLE.next(this.lifecycle, 'commission');
    return {
      status: 'OK',
      payload: { lifecycle: this.lifecycle },
      alerts: [{ code: ALERT.DeviceCommissioned, payload: { device: this.eui } }],
    };
  }

  protected respond(command: CommandFrame, status: DeviceStatus, payload: PlainValue): void {
    const response: ResponseFrame = {
      kind: 'response',
      header: {
        originator: this.eui,
        recipient: command.header.originator,
        counter: this.ownCounter.next(),
        createdAt: this.deps.clock.now(),
      },
      serviceRequest: command.serviceRequest,
      inResponseTo: command.header.counter,
      status,
      payload,
      signatures: [],
    };
    this.sendSigned(response);
  }

  /**
   * Raise a device alert to the DCC, unless SR 6.22 switched it off. The device models pass a
   * name from protocol/alert-codes.ts (`ALERT.x`); the code is a plain number here because the
   * soak driver and tests inject codes by value.
   */
  raiseAlert(code: number, payload: PlainValue = null): void {
    if (!this.powered || this.disabledAlerts.has(code)) return;
    const acb = this.deps.trust.get('AccessControlBroker');
    if (!acb) return;
    const alert: AlertFrame = {
      kind: 'alert',
      header: {
        originator: this.eui,
        recipient: acb.eui,
        counter: this.ownCounter.next(),
        createdAt: this.deps.clock.now(),
      },
      alertCode: code,
      payload,
      signatures: [],
    };
    this.stats.alerts++;
    this.sendSigned(alert);
  }

  protected sendSigned(frame: Frame): void {
    const signed = signFrame(this.deps.crypto, frame, 'Device', this.eui, this.deps.keys.ds);
    this.deps.han.send(this.deps.hub, encodeFrame(signed));
  }

  /** Send an unsigned local HAN frame to another device (IHD/PPMID traffic). */
  protected sendLocal(to: Eui64, frame: Frame): void {
    this.deps.han.send(to, encodeFrame(frame));
  }
}

/**
 * Where a device's own originator counter starts. The DCC refuses an alert whose counter is not
 * above the last it took from that device (pipeline/up/fresh-alert.ts), as GBCS checks every
 * originator counter. A real device keeps its counter in non-volatile memory; an emulated one
 * keeps nothing across a process restart, so it starts from its clock, in units of 1/4096 ms:
 * above anything it sent before the restart unless it sent over 4,096 frames a millisecond.
 * Emulator choice.
 */
function counterSeed(now: number): bigint {
  return BigInt(Math.max(0, Math.floor(now))) << 12n;
}
