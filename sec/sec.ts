import type { Clock, Eui64, TimerHandle } from '../protocol/index.js';
import type { HeadEnd } from '../dcc-head-end/head-end.js';
import type { Db } from '../dcc-head-end/storage/database.js';
import { WorkingDayCalendar } from './calendar/working-days.js';
import { DEFAULT_SEC_CONFIG, type SecConfig } from './config.js';
import { ElectiveStore } from './elective/store.js';
import type { ElectiveContext } from './elective/electives.js';
import { checkDefaults } from './lifecycle/defaults.js';
import { armWithdrawal } from './lifecycle/leaving.js';
import { SecStore } from './lifecycle/store.js';
import { adminRoutes } from './gateway/admin-routes.js';
import { partyRoutes } from './gateway/party-routes.js';
import { secExtension } from './gateway/route.js';

export interface SecOptions {
  readonly headEnd: HeadEnd;
  readonly db: Db;
  readonly clock: Clock;
  readonly config?: Partial<SecConfig>;
}

/**
 * The SEC's commercial side (BRIEF: a sibling of the head-end that uses its facade, never its
 * internals): accession, entry processes, default and suspension, leaving, elective services,
 * all on one working-day calendar. The processes are functions over this context, in
 * lifecycle/ and elective/; the admin API, the User Gateway and the scenario runner call them.
 */
export class Sec {
  readonly ctx: ElectiveContext;
  private readonly timers = new Set<TimerHandle>();

  constructor(options: SecOptions) {
    const config = { ...DEFAULT_SEC_CONFIG, ...options.config };
    this.ctx = {
      store: new SecStore(options.db),
      electives: new ElectiveStore(options.db),
      headEnd: options.headEnd,
      clock: options.clock,
      calendar: new WorkingDayCalendar(config.bankHolidays),
      config,
      at: (at, fn) => {
        const handle = options.clock.setTimeout(
          () => {
            this.timers.delete(handle);
            fn();
          },
          Math.max(0, at - options.clock.now()),
        );
        this.timers.add(handle);
        return handle;
      },
    };
  }

  /** Re-arm what a previous run left pending: notice periods and default clocks. */
  start(): void {
    for (const record of this.ctx.store.parties()) {
      if (record.withdrawal?.state === 'Pending') armWithdrawal(this.ctx, record.party, record.withdrawal);
      for (const clock of record.clocks)
        if (clock.defaultAt === undefined && clock.remediedAt === undefined)
          this.ctx.at(clock.deadline + 1, () => checkDefaults(this.ctx, record.party));
    }
  }

  stop(): void {
    for (const handle of this.timers) this.ctx.clock.clearTimeout(handle);
    this.timers.clear();
  }

  /** The notices a party has been sent. */
  noticesTo(party: Eui64, kind?: string) {
    return this.ctx.store.noticesTo(party, kind);
  }
}

/** The SEC endpoints for the User Gateway and the admin API. */
export function secGatewayExtension(sec: Sec) {
  return secExtension(partyRoutes(sec), adminRoutes(sec));
}
