import type { UseCaseCodec } from './use-case-codec.js';

/** SRs 7.x (supply, valve, auxiliary load control), 8.x (commissioning, join, unjoin; not the CHF device log) and 11.x (firmware). */
export const SUPPLY_INSTALL_FIRMWARE: readonly UseCaseCodec[] = [];
