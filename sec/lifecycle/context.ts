import type { Clock, Eui64, TimerHandle } from '../../protocol/index.js';
import type { HeadEnd } from '../../dcc-head-end/head-end.js';
import type { WorkingDayCalendar } from '../calendar/working-days.js';
import type { SecConfig } from '../config.js';
import { SecError } from '../errors.js';
import type { Notice, SecParty } from './records.js';
import type { SecStore } from './store.js';

/**
 * What every SEC process uses: its records, the head-end's facade (HeadEnd.admin and the events;
 * never its internals, BRIEF), the clock, the working-day calendar and the settings.
 */
export interface SecContext {
  readonly store: SecStore;
  readonly headEnd: HeadEnd;
  readonly clock: Clock;
  readonly calendar: WorkingDayCalendar;
  readonly config: SecConfig;
  /** Run `fn` at `at` on the clock (deadlines, notice periods); re-armed on start. */
  readonly at: (at: number, fn: () => void) => TimerHandle;
}

/** Who a notice goes to: the party itself, every party still in the SEC (and the party), or a list. */
export type Audience = 'party' | 'everyone' | readonly Eui64[];

/** Record an event as a notice with its reason and date, sent to the parties it concerns. */
export function notify(
  ctx: SecContext,
  kind: string,
  subject: Eui64,
  reason: string,
  audience: Audience,
  detail: Record<string, unknown> = {},
): Notice {
  const recipients =
    audience === 'party'
      ? [subject]
      : audience === 'everyone'
        ? [
            subject,
            ...ctx.headEnd.admin
              .parties()
              .filter((p) => p.status !== 'Withdrawn' && p.status !== 'Expelled')
              .map((p) => p.eui),
          ]
        : [subject, ...audience];
  return ctx.store.addNotice({ at: ctx.clock.now(), kind, subject, reason, detail, recipients });
}

/** The SEC record of a party the head-end knows; created on first use. */
export function secParty(ctx: SecContext, eui: Eui64): SecParty {
  if (!ctx.headEnd.admin.party(eui)) throw new SecError('NOT_FOUND', `${eui} is not a party known to the DCC`, 'party');
  return (
    ctx.store.party(eui) ?? {
      party: eui,
      licensed: false,
      boundByLicence: false,
      creditCoverPence: 0,
      clocks: [],
      entry: {},
    }
  );
}

export function update(ctx: SecContext, eui: Eui64, change: (record: SecParty) => SecParty): SecParty {
  return ctx.store.putParty(change(secParty(ctx, eui)));
}

/** Refuse with the reason unless the condition holds. */
export function require(condition: boolean, message: string, field?: string): asserts condition {
  if (!condition) throw new SecError('NOT_ALLOWED', message, field);
}
