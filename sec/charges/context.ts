import type { SecContext } from '../lifecycle/context.js';
import type { ElectiveStore } from '../elective/store.js';
import type { ChargesConfig } from './config.js';
import type { ChargesStore } from './store.js';

/** What every charging process uses: the SEC context (clock, calendar, notices, head-end facade), its ledger and settings. */
export interface ChargesContext {
  readonly sec: SecContext;
  readonly electives: ElectiveStore;
  readonly store: ChargesStore;
  readonly config: ChargesConfig;
}
