import { decodeFrame, type CommandFrame, type Eui64 } from '../protocol/index.js';
import type { CommandDispatch } from './command-dispatch.js';
import type { DurableCounters } from './durable-counters.js';
import type { PendingRequest, PendingRequests } from './pending-requests.js';
import { DuisError } from './duis-error.js';
import type { HeadEndEventLog } from './event-log.js';
import type { Inventory } from './inventory.js';
import type { RequestContext } from './pipeline/request.js';
import type { Db } from './storage/database.js';

/**
 * Device replacement (SEC §148): the supplier swaps a meter. While the new one is installed, the
 * DCC keeps accepting requests for the old one and holds them; when the new one is commissioned
 * they are re-addressed to it and delivered. The window is logged, so response-time figures can
 * leave it out. Emulator choice: a critical command cannot be re-addressed (the supplier's
 * signature names the old device), so during the window a critical request gets E5 and is
 * resubmitted for the new device.
 */
export class Replacements {
  constructor(
    private readonly deps: {
      readonly db: Db;
      readonly inventory: Inventory;
      readonly events: HeadEndEventLog;
    },
  ) {}

  /** The device replacing `old` while the replacement is under way. */
  inProgress(old: Eui64): Eui64 | undefined {
    const row = this.deps.db
      .prepare('SELECT new_device FROM replacements WHERE old_device = ? AND completed_at IS NULL')
      .get(old) as { new_device: string } | undefined;
    return row?.new_device as Eui64 | undefined;
  }

  /** The device `replacement` replaces, if a replacement is under way. */
  replacing(replacement: Eui64): Eui64 | undefined {
    const row = this.deps.db
      .prepare('SELECT old_device FROM replacements WHERE new_device = ? AND completed_at IS NULL')
      .get(replacement) as { old_device: string } | undefined;
    return row?.old_device as Eui64 | undefined;
  }

  /**
   * Open the window, after the access control every request passes (pipeline/sec-processes.ts):
   * the supplier of the device's fuel replaces a commissioned device with a pre-notified one of
   * the same type, once at a time. Throws the DUIS refusal.
   */
  start(ctx: RequestContext, replacement: Eui64): void {
    const { party, now } = ctx;
    const device = ctx.target!;
    const old = device.eui;
    const allowed = device.type === 'GSME' ? 'GS' : 'IS';
    if (ctx.request.role !== allowed)
      throw new DuisError(
        'E2',
        `only the ${allowed === 'IS' ? 'import' : 'gas'} supplier replaces a ${device.type}`,
        'role',
      );
    if (device.status !== 'Commissioned')
      throw new DuisError('E5', `${old} is ${device.status}: only a commissioned device is replaced`, 'oldDevice');
    const next = this.deps.inventory.get(replacement);
    if (!next || next.status !== 'PreNotified' || next.type !== device.type) {
      throw new DuisError(
        'E11',
        `the replacement ${replacement} must be a pre-notified ${device.type} (SR 12.2 first)`,
        'newDevice',
      );
    }
    if (this.inProgress(old)) throw new DuisError('E5', `${old} is already being replaced`, 'oldDevice');
    this.deps.db
      .prepare('INSERT INTO replacements (old_device, new_device, started_at, requested_by) VALUES (?, ?, ?, ?)')
      .run(old, replacement, now, party.eui);
    this.deps.events.record(now, 'replacement-started', { old, replacement, by: party.eui });
  }

  /** The new device is commissioned: the old one is decommissioned and the window closes. */
  complete(replacement: Eui64, now: number): Eui64 | undefined {
    const old = this.replacing(replacement);
    if (!old) return undefined;
    this.deps.db.prepare('UPDATE replacements SET completed_at = ? WHERE old_device = ?').run(now, old);
    if (this.deps.inventory.can(old, 'decommission')) this.deps.inventory.transition(old, 'decommission', now);
    const started = (
      this.deps.db.prepare('SELECT started_at FROM replacements WHERE old_device = ?').get(old) as {
        started_at: number;
      }
    ).started_at;
    this.deps.events.record(now, 'replacement-completed', {
      old,
      replacement,
      windowMs: now - started,
      startedAt: started,
    });
    return old;
  }
}

/**
 * Close a replacement whose new device was just commissioned, and re-address what was held for
 * the old one. The new device has by now accepted the supplier's later counters (the install
 * commands), so a held command cannot go out under its own: the DCC relays it as the ACB, under
 * the ACB's counter. Emulator choice: the facts do not say how the DCC re-addresses. Returns the
 * requests to publish once the current transaction commits.
 */
export function releaseHeldRequests(
  deps: {
    readonly replacements: Replacements;
    readonly requests: PendingRequests;
    readonly counters: DurableCounters;
    readonly dispatch: CommandDispatch;
    readonly acb: Eui64;
  },
  device: Eui64,
  now: number,
): PendingRequest[] {
  const old = deps.replacements.complete(device, now);
  if (!old) return [];
  return deps.requests.held(old).map((request) => {
    const acbCounter = deps.counters.next('acb');
    const frame = decodeFrame(request.command!, { unsigned: true }) as CommandFrame;
    const command = deps.dispatch.countersign({
      ...frame,
      header: { ...frame.header, originator: deps.acb, recipient: device, counter: acbCounter },
    });
    deps.requests.relay(request.party, request.counter, acbCounter, device, command);
    return { ...request, target: device, command, state: 'accepted' as const };
  });
}
