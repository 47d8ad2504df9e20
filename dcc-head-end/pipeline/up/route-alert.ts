import { formatAlertCode } from '../../../protocol/index.js';
import { alertRecipients } from '../../alert-routing.js';
import { payloadToJson } from '../../transform.js';
import type { UpStep } from './up-step.js';

/**
 * Route a device alert by the routing table (alert-routing.ts), resolved against the
 * registration on the date. It is logged and delivered to every recipient together, or not at all.
 */
export const routeAlert: UpStep = {
  name: 'route the alert',
  run(ctx, deps) {
    const frame = ctx.frame!;
    const device = ctx.device!;
    if (frame.kind !== 'alert') return undefined;
    const { now } = ctx;
    const code = formatAlertCode(frame.alertCode);
    const recipients = alertRecipients(frame.alertCode, device, frame.payload, deps.registration, deps.inventory, now);
    deps.requests.atomically(() => {
      deps.events.record(now, 'device-alert', { device: device.eui, code, recipients });
      for (const party of recipients) {
        deps.inbox.append(
          party,
          {
            kind: 'deviceAlert',
            alertCode: code,
            body: {
              device: device.eui,
              raisedAt: new Date(frame.header.createdAt).toISOString(),
              ...(payloadToJson(frame.payload) ?? {}),
            },
          },
          now,
        );
      }
    });
    return 'done';
  },
};
