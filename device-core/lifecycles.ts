import type { Eui64 } from '../protocol/eui.js';
import { StateMachine } from '../protocol/state-machine.js';

/** A device's own lifecycle (GBCS): installed on the HAN, commissioned by its supplier, retired. */
export type DeviceLifecycle = 'Installed' | 'Commissioned' | 'Decommissioned';
export type LifecycleEvent = 'commission' | 'decommission';
export const DEVICE_LIFECYCLE = new StateMachine<DeviceLifecycle, LifecycleEvent>(
  'device lifecycle',
  {
    Installed: { commission: 'Commissioned', decommission: 'Decommissioned' },
    Commissioned: { decommission: 'Decommissioned' },
    Decommissioned: {},
  },
  ['commission', 'decommission'],
);

/** A HAN device's join state with the meter it reads (SR 8.7 join, 8.8 unjoin). */
export type JoinState = 'NotJoined' | 'Joined';
export type JoinEvent = 'join' | 'unjoin';
export const JOIN_STATE = new StateMachine<JoinState, JoinEvent>(
  'join state',
  {
    NotJoined: { join: 'Joined' },
    Joined: { unjoin: 'NotJoined', join: 'Joined' },
  },
  ['join', 'unjoin'],
);

/**
 * The devices joined to this one (a meter's IHD and PPMID, the GPF's displays, a display's
 * meters). The join state of each lives here and only here, and every change goes through
 * JOIN_STATE, so an unjoin of a device that is not joined throws IllegalTransitionError.
 */
export class JoinedDevices implements Iterable<Eui64> {
  private readonly states = new Map<Eui64, JoinState>();

  state(device: Eui64): JoinState {
    return this.states.get(device) ?? 'NotJoined';
  }

  has(device: Eui64): boolean {
    return this.state(device) === 'Joined';
  }

  /** SR 8.7 (or the install wiring): joining a joined device again is accepted. */
  join(device: Eui64): void {
    this.states.set(device, JOIN_STATE.next(this.state(device), 'join'));
  }

  /** The install wiring's name for `join`. */
  add(device: Eui64): this {
    this.join(device);
    return this;
  }

  /** SR 8.8. */
  unjoin(device: Eui64): void {
    this.states.set(device, JOIN_STATE.next(this.state(device), 'unjoin'));
  }

  get size(): number {
    return [...this].length;
  }

  *[Symbol.iterator](): Iterator<Eui64> {
    for (const [device, state] of this.states) if (state === 'Joined') yield device;
  }
}
