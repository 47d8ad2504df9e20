import {
  decodeFrame,
  formatAlertCode,
  verifyFrameSignature,
  type AlertFrame,
  type Clock,
  type CryptoProvider,
  type Eui64,
  type ResponseFrame,
} from '../protocol/index.js';
import { alertRecipients } from './alert-routing.js';
import type { CommandDispatch } from './command-dispatch.js';
import type { HeadEndEventLog } from './event-log.js';
import type { Inbox } from './inbox.js';
import type { Inventory } from './inventory.js';
import type { PendingRequests } from './pending-requests.js';
import type { Registration } from './registration.js';
import { payloadToJson } from './transform.js';
import type { Enrolment } from './enrolment.js';

/** Device statuses that mean the command ran (or was accepted to run later). */
const SUCCESS = new Set(['OK', 'SCHEDULED']);

/**
 * Frames coming up from hubs: verified against the inventory's key for the device that signed
 * them, which must sit on the hub they came from. Responses are matched to their request and
 * delivered to the requester; alerts are logged and routed by the alert table.
 */
export class DeviceTraffic {
  constructor(
    private readonly deps: {
      readonly clock: Clock;
      readonly crypto: CryptoProvider;
      readonly inventory: Inventory;
      readonly registration: Registration;
      readonly requests: PendingRequests;
      readonly inbox: Inbox;
      readonly events: HeadEndEventLog;
      readonly dispatch: CommandDispatch;
      readonly enrolment: Enrolment;
      /** The ACB's EUI: answers addressed to it are to commands the DCC relayed. */
      readonly acb: Eui64;
    },
  ) {}

  receive(hub: Eui64, bytes: Uint8Array): void {
    const now = this.deps.clock.now();
    let frame;
    try {
      frame = decodeFrame(bytes);
    } catch (error) {
      this.deps.events.record(now, 'malformed-frame', { hub, reason: (error as Error).message });
      return;
    }
    const device = this.deps.inventory.get(frame.header.originator);
    if (!device?.ds || (device.hub !== hub && device.eui !== hub)) {
      this.deps.events.record(now, 'unknown-device', { hub, device: frame.header.originator });
      return;
    }
    if (!verifyFrameSignature(this.deps.crypto, frame, 'Device', device.ds)) {
      this.deps.events.record(now, 'bad-device-signature', { hub, device: device.eui, kind: frame.kind });
      return;
    }
    if (frame.kind === 'response') this.response(frame, hub);
    else if (frame.kind === 'alert') this.alert(frame, device.eui);
  }

  private response(frame: ResponseFrame, hub: Eui64): void {
    const now = this.deps.clock.now();
    // An answer to a command the DCC relayed as the ACB (device replacement) belongs to the party's request.
    const relayed =
      frame.header.recipient === this.deps.acb ? this.deps.requests.relayed(frame.inResponseTo) : undefined;
    const party = relayed?.party ?? frame.header.recipient;
    const counter = relayed?.counter ?? frame.inResponseTo;
    const request = this.deps.requests.get(party, counter);
    // A response must answer an open request, from its target or (mirrored gas reads) its hub's GPF.
    const from = this.deps.inventory.get(frame.header.originator);
    const fromTarget =
      request &&
      (frame.header.originator === request.target ||
        (from?.type === 'GPF' && from.hub === hub) ||
        (from?.type === 'CHF' && request.hub === hub));
    if (!request || request.state !== 'sent' || !fromTarget) {
      this.deps.events.record(now, 'unmatched-response', {
        party,
        counter,
        device: frame.header.originator,
        status: frame.status,
      });
      return;
    }
    this.deps.dispatch.settled(party, counter);
    this.deps.requests.atomically(() => {
      this.deps.requests.update(party, counter, { state: 'answered' });
      this.deps.inbox.append(
        request.deliverTo ?? party,
        {
          kind: 'response',
          requestId: request.requestId,
          code: SUCCESS.has(frame.status) ? 'I0' : frame.status,
          serviceReferenceVariant: frame.serviceRequest,
          body: { deviceStatus: frame.status, ...(payloadToJson(frame.payload) ?? {}) },
        },
        now,
      );
      if (frame.status === 'OK') this.deps.enrolment.afterSuccess(request, frame, now);
      // BPM 04: the CoS result as a DCC alert to the incoming supplier, whatever the meter said.
      if (frame.serviceRequest === '6.23') {
        this.deps.inbox.append(
          request.deliverTo ?? party,
          {
            kind: 'dccAlert',
            alertCode: 'N20',
            body: { device: frame.header.originator, requestId: request.requestId, deviceStatus: frame.status },
          },
          now,
        );
      }
    });
  }

  private alert(frame: AlertFrame, device: Eui64): void {
    const now = this.deps.clock.now();
    const record = this.deps.inventory.get(device)!;
    const code = formatAlertCode(frame.alertCode);
    const recipients = alertRecipients(
      frame.alertCode,
      record,
      frame.payload,
      this.deps.registration,
      this.deps.inventory,
      now,
    );
    // Logged and delivered to every recipient together, or not at all.
    this.deps.requests.atomically(() => {
      this.deps.events.record(now, 'device-alert', { device, code, recipients });
      for (const party of recipients) {
        this.deps.inbox.append(
          party,
          {
            kind: 'deviceAlert',
            alertCode: code,
            body: {
              device,
              raisedAt: new Date(frame.header.createdAt).toISOString(),
              ...(payloadToJson(frame.payload) ?? {}),
            },
          },
          now,
        );
      }
    });
  }
}
