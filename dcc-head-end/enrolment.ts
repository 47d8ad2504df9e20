import { isEui, type Eui64, type PlainValue } from '../protocol/index.js';
import type { HeadEndEventLog } from './event-log.js';
import type { Inbox } from './inbox.js';
import type { Inventory } from './inventory.js';
import type { PartyRegistry } from './parties.js';
import type { PendingRequest } from './pending-requests.js';
import type { Registration } from './registration.js';
import type { Consents } from './consents.js';

/**
 * What the DCC learns from the devices' answers: during an install (BPM 01.01, 01.02) the device
 * log change (8.11, reported as N24), the MPxN written into a meter (6.20.x), commissioning
 * (8.1.1); later a change of tenancy (3.2, BPM 02.05). When every meter on a hub is commissioned with its MPxN, the DCC confirms to the
 * supplier and the network operator that the system can communicate (N11) and tells every SEC
 * party that the meter point is enrolled (N10). N10 and N11 meanings are emulator choices
 * (protocol/alert-codes.ts).
 */
export class Enrolment {
  constructor(
    private readonly deps: {
      readonly inventory: Inventory;
      readonly registration: Registration;
      readonly parties: PartyRegistry;
      readonly inbox: Inbox;
      readonly events: HeadEndEventLog;
      readonly consents: Consents;
      /** Told of every commissioning, inside the same transaction (device replacement hooks in here). */
      readonly onCommissioned?: (device: Eui64, now: number) => void;
    },
  ) {}

  /** 6.20.1: the MPxN the device now holds goes into the inventory. */
  meterPointWritten(request: PendingRequest, payload: Record<string, PlainValue>, now: number): void {
    const target = this.deps.inventory.get(request.target);
    const mpxn = (payload.mpan ?? payload.mprn) as string | undefined;
    if (target && typeof mpxn === 'string') this.deps.inventory.put({ ...target, mpxn }, now);
  }

  /** 3.2: the meter has the new tenancy; from its start the DCC voids the old tenant's consents (BPM 02.05). */
  tenancyChanged(request: PendingRequest, payload: Record<string, PlainValue>): void {
    const meter = this.deps.inventory.get(request.target);
    if (meter?.mpxn && typeof payload.tenancyStart === 'number')
      this.deps.consents.recordTenancy(meter.mpxn, payload.tenancyStart, request.party);
  }

  /** 8.11: devices that joined the hub's log are installed; the requester gets N24. */
  deviceLogChanged(request: PendingRequest, payload: Record<string, PlainValue>, now: number): void {
    const log = Array.isArray(payload.deviceLog) ? (payload.deviceLog as { device?: unknown }[]) : [];
    for (const entry of log) {
      if (!isEui(entry.device)) continue;
      const device = this.deps.inventory.get(entry.device);
      if (!device) continue;
      // Joining the hub's device log is what makes a pre-notified device "installed, not commissioned".
      if (device.status === 'PreNotified' && this.deps.inventory.can(device.eui, 'install')) {
        this.deps.inventory.put(
          { ...this.deps.inventory.transition(device.eui, 'install', now), hub: request.target },
          now,
        );
      }
    }
    this.deps.inbox.append(
      request.party,
      {
        kind: 'dccAlert',
        alertCode: 'N24',
        body: { hub: request.target, requestId: request.requestId, deviceLog: log as PlainValue as never },
      },
      now,
    );
  }

  /** 8.1.1: the device is commissioned; a complete system is enrolled (N11, N10). */
  commissioned(request: PendingRequest, now: number): void {
    const device = this.deps.inventory.get(request.target);
    if (!device || !this.deps.inventory.can(device.eui, 'commission')) return;
    this.deps.inventory.transition(device.eui, 'commission', now);
    this.deps.onCommissioned?.(device.eui, now);
    if (!device.hub) return;
    const meters = this.deps.inventory.onHub(device.hub).filter((d) => d.type === 'ESME' || d.type === 'GSME');
    if (device.type !== 'ESME' && device.type !== 'GSME') return;
    if (!meters.every((m) => m.status === 'Commissioned' && m.mpxn)) return;
    this.enrolled(
      device.hub,
      meters.map((m) => m.mpxn!),
      now,
    );
  }

  private enrolled(hub: Eui64, points: string[], now: number): void {
    this.deps.events.record(now, 'enrolled', { hub, points });
    const told = new Set<Eui64>();
    for (const mpxn of points) {
      for (const role of ['importSupplier', 'gasSupplier', 'electricityDistributor', 'gasTransporter'] as const) {
        const party = this.deps.registration.partyAt(mpxn, role, now);
        if (party && !told.has(party)) {
          told.add(party);
          this.deps.inbox.append(party, { kind: 'dccAlert', alertCode: 'N11', body: { hub, points } }, now);
        }
      }
    }
    for (const party of this.deps.parties.list()) {
      if (party.status !== 'Active') continue;
      for (const mpxn of points)
        this.deps.inbox.append(party.eui, { kind: 'dccAlert', alertCode: 'N10', body: { mpxn, hub } }, now);
    }
  }
}
